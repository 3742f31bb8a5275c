"""What travels: the text of the item a receiving committee gets on its agenda (an item passed
on, a hearing), and of the items this app files for the sender (the decision after a hearing,
the roll-up of receivers' comments). Built from the source as Danish minutes write it; the text
is for the receiving committee's agenda and minutes, so it is Danish whatever the reader's
language."""

from datetime import date

from django.utils import formats, translation

from dialogportal.meetings.models import AgendaItem, MeetingStatus, Outcome, SectionKind
from dialogportal.meetings.services import ItemContent
from dialogportal.organisation.models import Committee

MAX_TITLE = 500


def danish_date(day: date) -> str:
    """ "5. september 2025", as Danish minutes write a date."""
    with translation.override("da"):
        return str(formats.date_format(day, "j. F Y"))


def titled(prefix: str, title: str) -> str:
    """A title that says what the item is ("Orientering fra MED Hovedudvalg: …"), cut to fit."""
    full = f"{prefix}: {title}"
    return full if len(full) <= MAX_TITLE else full[: MAX_TITLE - 1] + "…"


def _section(item: AgendaItem, kind: SectionKind) -> str:
    return next((s.body for s in item.sections.all() if s.kind == kind), "").strip()


def decision_text(item: AgendaItem) -> str:
    """The Indstilling with what became of each "at …", and the Referat: what was decided."""
    lines: list[str] = []
    intro = item.recommendation_intro.strip()
    recommendations = list(item.recommendations.order_by("order"))
    if intro or recommendations:
        lines.append(intro or "Indstilling:")
        for recommendation in recommendations:
            outcome = (
                f" – *{recommendation.get_outcome_display()}*"
                if recommendation.outcome != Outcome.PENDING
                else ""
            )
            lines.append(
                f"{recommendation.order}. {' '.join(recommendation.text.split())}{outcome}"
            )
        lines.append("")
    referat = _section(item, SectionKind.DECISION)
    if referat:
        lines.append(f"**Referat:** {referat}" if "\n" not in referat else referat)
    return "\n".join(lines).strip()


def meeting_label(item: AgendaItem) -> str:
    """ "MED Hovedudvalg den 5. september 2025"."""
    return f"{item.meeting.committee.name} den {danish_date(item.meeting.held_on)}"


def cascade_content(
    *, source: AgendaItem, message: str, due_on: date | None, receiver: Committee
) -> ItemContent:
    """The copy of an item passed on. Resumé: who sends it from which meeting, the
    secretariat's message and the source's Resumé; Sagsfremstilling: what was decided (the
    Indstilling with each outcome and the Referat), then the source's Sagsfremstilling; Økonomi."""
    sender = source.meeting.committee.name
    intro = [
        f"{sender} behandlede punkt {source.number} “{source.title}” på mødet den "
        f"{danish_date(source.meeting.held_on)} og videregiver det til {receiver.name}."
    ]
    if source.meeting.status != MeetingStatus.MINUTES_APPROVED:
        intro.append("Referatet fra mødet er endnu ikke godkendt.")
    if due_on is not None:
        intro.append(f"Punktet behandles senest den {danish_date(due_on)}.")
    summary = [" ".join(intro)]
    if message.strip():
        summary.append(f"**Besked fra sekretariatet:** {message.strip()}")
    if own := _section(source, SectionKind.SUMMARY):
        summary.append(own)
    case = []
    if decided := decision_text(source):
        case.append(f"### Beslutning i {meeting_label(source)}\n\n{decided}")
    if own_case := _section(source, SectionKind.CASE_DESCRIPTION):
        case.append(f"### Sagsfremstilling fra {sender}\n\n{own_case}")
    return ItemContent(
        summary="\n\n".join(summary),
        recommendation_intro="Sekretariatet indstiller",
        recommendations=["at orienteringen tages til efterretning"],
        case_description="\n\n".join(case) or None,
        finances=_section(source, SectionKind.FINANCES) or None,
    )


def hearing_content(
    *,
    sender: Committee,
    title: str,
    material: str,
    answer_by: date,
    source: AgendaItem | None,
) -> ItemContent:
    """The hearing on a part's agenda. Resumé: who asks, the deadline, how to answer, and the
    source's Resumé; Sagsfremstilling: the material and questions, what the sender decided and
    its Sagsfremstilling."""
    summary = [
        f"{sender.name} sender “{title}” i høring i MED. Høringsfristen er "
        f"{danish_date(answer_by)}. Udvalgets høringssvar skrives i MED-systemet og godkendes "
        "af formand og næstformand; ledelsessiden og medarbejdersiden kan hver give egne "
        "bemærkninger."
    ]
    case = []
    if material.strip():
        case.append(f"### Høringsmateriale og spørgsmål\n\n{material.strip()}")
    if source is not None:
        if own := _section(source, SectionKind.SUMMARY):
            summary.append(own)
        decided = decision_text(source)
        case.append(
            f"### Beslutning i {meeting_label(source)} (punkt {source.number})"
            + (f"\n\n{decided}" if decided else "")
        )
        if own_case := _section(source, SectionKind.CASE_DESCRIPTION):
            case.append(f"### Sagsfremstilling fra {sender.name}\n\n{own_case}")
    return ItemContent(
        summary="\n\n".join(summary),
        recommendation_intro="Sekretariatet indstiller",
        recommendations=[f"at udvalget afgiver høringssvar senest den {danish_date(answer_by)}"],
        case_description="\n\n".join(case) or None,
    )


def withdrawn_notice(*, sender: Committee, on: date) -> str:
    return (
        f"{sender.name} har den {danish_date(on)} lukket det punkt, som blev videregivet. "
        "Indholdet er derfor trukket tilbage fra dagsordenen. Kontakt sekretariatet for "
        "det afsendende udvalg, hvis I har spørgsmål."
    )
