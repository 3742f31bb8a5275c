"""The text of the council case (byrådssag) generated from the plan, in the usual Danish order:
Resumé, Indstilling with "at …" clauses, Sagsfremstilling (background, the sagsgang, the dialog
and its main points, the MED system's part, goals and the initiatives put forward, follow-up),
Økonomi. Only initiatives that are proposed or under way are put to the council.

Sentences are joined with `sentence`, which never doubles a full stop (an amount already ends in
"kr."); the council-case tests scan every generated text for known slips."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dialogportal.feedback.queries import heard_report
from dialogportal.meetings.services import ItemContent
from dialogportal.strategy.council.queries import (
    MedInvolvement,
    dialog_main_points,
    is_adoptable,
    med_involvement,
)
from dialogportal.strategy.models import StrategicPlan
from dialogportal.strategy.queries import PlanView, plan_view, public_inputs_per_area


@dataclass(frozen=True)
class Stop:
    """A committee on the case's route and the date it treats the case, if known."""

    committee: str
    held_on: date | None = None


def format_dkk(amount: int) -> str:
    """Danish thousands separators: "1.250.000 kr."."""
    return _("%(amount)s kr.") % {"amount": f"{amount:,}".replace(",", ".")}


def sentence(text: str) -> str:
    """`text` as a sentence: one full stop at the end, never two ("… 7.950.000 kr.")."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":")) else f"{text}."


def danish_list(parts: Sequence[str]) -> str:
    """ "A, B og C"."""
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s og %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def danish_date(day: date) -> str:
    return str(date_format(day, "j. F Y"))


def _route_text(route: Sequence[Stop]) -> str:
    if not route:
        return ""
    stops = [
        _("%(committee)s den %(date)s")
        % {"committee": stop.committee, "date": danish_date(stop.held_on)}
        if stop.held_on
        else stop.committee
        for stop in route
    ]
    return sentence(_("Sagen behandles i %(stops)s") % {"stops": danish_list(stops)})


def _dialog(view: PlanView) -> list[str]:
    process = view.plan.process
    report = heard_report(process)
    lines = [
        "### " + _("Dialogen"),
        "",
        sentence(
            ngettext(
                "Der kom %(count)d input, hvoraf %(public)d er offentliggjort",
                "Der kom %(count)d input, hvoraf %(public)d er offentliggjort",
                report.received_count,
            )
            % {"count": report.received_count, "public": report.public_count}
        ),
    ]
    channel_rows = report.charts[0].rows if report.charts else ()
    if channel_rows:
        lines += ["", _("Offentliggjorte input efter kanal:"), ""]
        lines.extend(f"- {row.label}: {row.value}" for row in channel_rows)
    area_rows = public_inputs_per_area(process)
    if area_rows:
        lines += ["", _("Offentliggjorte input efter fokusområde:"), ""]
        lines.extend(f"- {label}: {count}" for label, count in area_rows)
    linked = sum(item.input_count for item in view.initiatives if is_adoptable(item.initiative))
    if linked:
        lines += [
            "",
            sentence(
                ngettext(
                    "Indsatserne henviser i alt %(count)d gang til konkrete input",
                    "Indsatserne henviser i alt %(count)d gange til konkrete input",
                    linked,
                )
                % {"count": linked}
            ),
        ]
    return lines


def _main_points(view: PlanView) -> list[str]:
    points = dialog_main_points(view.plan.process)
    lines = ["### " + _("Hovedpointer fra dialogen"), ""]
    if not points:
        return [*lines, sentence(_("Analysen af dialogen er endnu ikke færdig"))]
    area = None
    for point in points:
        if point.area != area:
            area = point.area
            lines += ["", f"**{area}**", ""]
        line = f"- {point.label} " + (
            ngettext("(%(n)d input)", "(%(n)d input)", point.size) % {"n": point.size}
        )
        if point.summary:
            line += f": »{point.summary.strip()}«"
        lines.append(line)
    return lines


def _med(involvement: MedInvolvement) -> list[str]:
    lines = ["### " + _("Inddragelse af MED-systemet"), ""]
    if involvement.is_empty:
        return [*lines, sentence(_("MED-systemet har ikke behandlet planen i Dialogportalen"))]
    for treatment in involvement.treatments:
        text = _("%(committee)s behandlede »%(title)s« den %(date)s") % {
            "committee": treatment.committee,
            "title": treatment.item_title,
            "date": danish_date(treatment.held_on),
        }
        if treatment.passed_on_to:
            text += " " + ngettext(
                "og videregav punktet til %(n)d udvalg",
                "og videregav punktet til %(n)d udvalg",
                treatment.passed_on_to,
            ) % {"n": treatment.passed_on_to}
        lines.append("- " + sentence(text))
    if involvement.inputs_by_committee:
        lines += [
            "",
            sentence(
                ngettext(
                    "MED-udvalgene har sendt %(n)d input til dialogen",
                    "MED-udvalgene har sendt %(n)d input til dialogen",
                    involvement.input_count,
                )
                % {"n": involvement.input_count}
            ),
            "",
        ]
        lines.extend(f"- {name}: {count}" for name, count in involvement.inputs_by_committee)
    return lines


def _goals(view: PlanView) -> list[str]:
    lines = ["### " + _("Mål og indsatser")]
    for area in view.areas:
        lines += ["", f"**{area.area.title}**", ""]
        for goal in area.goals:
            lines.append("- " + sentence(_("Mål: %(text)s") % {"text": goal.goal.text}))
            for target in goal.targets:
                lines.append(
                    "- "
                    + sentence(
                        _("%(name)s: fra %(baseline)s (%(from)d) til %(goal)s (%(to)d)")
                        % {
                            "name": target.indicator.name,
                            "baseline": target.baseline,
                            "from": target.target.baseline_year,
                            "goal": target.goal_value,
                            "to": target.target.target_year,
                        }
                    )
                )
            for item in goal.initiatives:
                if not is_adoptable(item.initiative):
                    continue
                initiative = item.initiative
                lines.append(
                    "- "
                    + sentence(
                        _("Indsats: %(title)s (%(status)s; ansvarlig: %(owner)s)")
                        % {
                            "title": initiative.title.rstrip("."),
                            "status": item.status_label.lower(),
                            "owner": initiative.owner_name,
                        }
                    )
                )
    return lines


def _case_description(view: PlanView, route: Sequence[Stop]) -> str:
    plan = view.plan
    process = plan.process
    lines: list[str] = [
        "### " + _("Baggrund"),
        "",
        sentence(
            _(
                "Planen bygger på hvidbogen for »%(process)s« og på dialogen med borgere, "
                "medarbejdere, virksomheder og foreninger"
            )
            % {"process": process.title}
        ),
    ]
    if route:
        lines += ["", "### " + _("Sagsgang"), "", _route_text(route)]
    lines += ["", *_dialog(view), "", *_main_points(view), "", *_med(med_involvement(process))]
    lines += ["", *_goals(view)]
    lines += [
        "",
        "### " + _("Videre proces"),
        "",
        sentence(
            _(
                "Indsatsernes status og fremdrift følges på planens offentlige side, "
                "%(url)s, og nøgletallene opdateres løbende"
            )
            % {"url": settings.SITE_URL.rstrip("/") + plan.get_absolute_url()}
        ),
    ]
    return "\n".join(lines)


def _finances(view: PlanView) -> str:
    budgeted = [
        item.initiative
        for item in view.initiatives
        if is_adoptable(item.initiative) and item.initiative.budget_dkk
    ]
    if not budgeted:
        return sentence(
            _("Indsatserne har endnu ingen budgetter, og sagen har ingen økonomiske konsekvenser")
        )
    total = sum(i.budget_dkk or 0 for i in budgeted)
    lines = [
        sentence(
            _("Indsatserne i planen har et samlet budget på %(total)s")
            % {"total": format_dkk(total)}
        ),
        "",
    ]
    lines.extend(f"- {i.title.rstrip('.')}: {format_dkk(i.budget_dkk or 0)}" for i in budgeted)
    lines += ["", sentence(_("Finansieringen indgår i budgetlægningen"))]
    return "\n".join(lines)


def council_case(plan: StrategicPlan, route: Sequence[Stop] = ()) -> tuple[str, ItemContent]:
    """The item's title and content (attachments are added as files by the service)."""
    view = plan_view(plan)
    adoptable = [item for item in view.initiatives if is_adoptable(item.initiative)]
    goal_count = len(view.goals)
    summary = sentence(
        _(
            "Den strategiske plan »%(title)s« samler %(goals)s og %(initiatives)s, der bygger "
            "på hvidbogen og dialogen i »%(process)s«. Planen forelægges til vedtagelse"
        )
        % {
            "title": plan.title,
            "goals": ngettext("%(n)d mål", "%(n)d mål", goal_count) % {"n": goal_count},
            "initiatives": ngettext("%(n)d indsats", "%(n)d indsatser", len(adoptable))
            % {"n": len(adoptable)},
            "process": plan.process.title,
        }
    )
    if plan.summary:
        summary = f"{summary}\n\n{plan.summary.strip()}"
    committees = danish_list([stop.committee for stop in route])
    intro = (
        _("Administrationen indstiller til %(committees)s,") % {"committees": committees}
        if committees
        else _("Administrationen indstiller,")
    )
    content = ItemContent(
        summary=summary,
        recommendation_intro=intro,
        recommendations=(
            _("at den strategiske plan godkendes,"),
            _("at hvidbogen tages til efterretning, og"),
            _("at indsatsernes fremdrift følges op årligt."),
        ),
        case_description=_case_description(view, route),
        finances=_finances(view),
    )
    return _("Vedtagelse af %(title)s") % {"title": plan.title}, content
