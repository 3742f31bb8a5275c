"""Letters for contributors who gave input without an e-mail address (a postcard, a letter, a
phone call, a note at a dialog meeting): what became of their input and the municipality's
answer, printed and handed out or posted. One letter per contributor, or one per dialog meeting
(addressed to its participants, with every note from the meeting).

A letter carries the contributor's name and own text, so it is personal data: only roles that
may see contact data and non-public text get it, and every letter made is access-logged
(`views.staff_letters_pdf`)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dialogportal.analysis.queries import members_by_theme, published_themes
from dialogportal.feedback.models import InputAnswer, Outcome, StatusChange
from dialogportal.feedback.outcomes import OutcomeView, view
from dialogportal.inputs.models import Channel, FeedbackStatus, Input, ModerationState
from dialogportal.processes.models import Process

# Channels whose contributors are answered one by one (a dialog meeting is answered as a whole;
# a MED committee has its own feedback report; web and e-mail contributors get e-mail).
PERSONAL_CHANNELS = (Channel.POSTCARD, Channel.LETTER, Channel.PHONE, Channel.OTHER)
MAX_LETTERS = 500  # one PDF; more is printed per channel or meeting


@dataclass(frozen=True)
class LetterItem:
    number: int
    title: str
    text: str
    given_on: date
    channel_label: str
    status_label: str
    explanation: str
    answer_text: str
    answered_on: date | None
    themes: tuple[str, ...]
    outcomes: tuple[OutcomeView, ...]
    shown: bool = True  # False: text and answer left out (not published; see meeting_letter)


@dataclass(frozen=True)
class Letter:
    recipient: str  # "Karen Hansen", or "Deltagerne i dialogmødet …", or "" (no name given)
    postcode: str
    subject: str
    items: tuple[LetterItem, ...]
    input_ids: tuple[int, ...]
    to_meeting: bool = False


def without_email(process: Process) -> QuerySet[Input]:
    """The process's inputs whose contributors can only be answered on paper."""
    return (
        Input.objects.filter(process=process, email="", is_anonymised=False)
        .exclude(moderation_state=ModerationState.REJECTED)
        .order_by("pk")
    )


def _items(inputs: list[Input], *, published_only: bool = False) -> list[LetterItem]:
    ids = [item.pk for item in inputs]
    answers: dict[int, InputAnswer] = {}
    for row in (
        InputAnswer.objects.filter(input_id__in=ids)
        .select_related("answer")
        .order_by("answer__answered_at", "answer_id")
    ):
        answers[row.input_id] = row
    explanations: dict[int, str] = {}
    for input_id, explanation in (
        StatusChange.objects.filter(input_id__in=ids)
        .order_by("changed_at", "id")
        .values_list("input_id", "explanation")
    ):
        explanations[input_id] = explanation
    outcomes: dict[int, list[OutcomeView]] = {}
    for outcome in Outcome.objects.filter(input_id__in=ids).order_by("created_at", "id"):
        assert outcome.input_id is not None
        outcomes.setdefault(outcome.input_id, []).append(view(outcome))
    theme_outcomes: dict[int, list[OutcomeView]] = {}
    themes_of: dict[int, list[str]] = {}
    if inputs:
        themes = published_themes(inputs[0].process)
        by_id = {theme.pk: theme for theme in themes}
        wanted = set(ids)
        for theme_id, members in members_by_theme(themes).items():
            for input_id, _rep in members:
                if input_id in wanted:
                    themes_of.setdefault(input_id, []).append(by_id[theme_id].title)
        for outcome in Outcome.objects.filter(theme_id__in=list(by_id)).order_by("created_at"):
            assert outcome.theme_id is not None
            theme_outcomes.setdefault(outcome.theme_id, []).append(view(outcome))
    result = []
    for item in inputs:
        shown = not published_only or item.moderation_state == ModerationState.PUBLISHED
        delivery = answers.get(item.pk) if shown else None
        answer = delivery.answer if delivery else None
        own = list(outcomes.get(item.pk, []))
        if answer is not None and answer.theme_id is not None:
            own += theme_outcomes.get(answer.theme_id, [])
        result.append(
            LetterItem(
                number=item.pk,
                title=item.title if shown else "",
                text=item.text if shown else "",
                given_on=item.given_on,
                channel_label=str(Channel(item.channel).label)
                if item.channel in Channel.values
                else item.channel,
                status_label=str(FeedbackStatus(item.status).label),
                explanation=explanations.get(item.pk, "") if shown else "",
                answer_text=answer.text if answer else "",
                answered_on=answer.answered_at.date() if answer else None,
                themes=tuple(themes_of.get(item.pk, ())),
                outcomes=tuple(own) if shown else (),
                shown=shown,
            )
        )
    return result


def contributor_letters(process: Process, *, input_id: int | None = None) -> list[Letter]:
    """One letter per input sent on paper or by phone without an e-mail address (or just the
    one for `input_id`)."""
    inputs = without_email(process).filter(channel__in=PERSONAL_CHANNELS).select_related("process")
    if input_id is not None:
        inputs = inputs.filter(pk=input_id)
    chosen = list(inputs[:MAX_LETTERS])
    return [
        Letter(
            recipient=item.name,
            postcode=item.postcode,
            subject=_("Svar på dit input nr. %(id)d") % {"id": item.pk},
            items=(letter_item,),
            input_ids=(item.pk,),
        )
        for item, letter_item in zip(chosen, _items(chosen), strict=True)
    ]


def meeting_letter(process: Process, *, source: str) -> Letter | None:
    """One letter to the participants of a dialog meeting (its source label) with every note
    from it; None if the meeting sent nothing. It is handed to everyone who was there, so a
    note that is not published shows only its number and status (no text, no answer): the
    letter holds no personal data and may be a public page."""
    inputs = list(
        Input.objects.filter(process=process, channel=Channel.DIALOG_MEETING, source=source)
        .exclude(moderation_state=ModerationState.REJECTED)
        .select_related("process")
        .order_by("pk")[:MAX_LETTERS]
    )
    if not inputs:
        return None
    return Letter(
        recipient=_("Deltagerne i dialogmødet %(meeting)s") % {"meeting": source},
        postcode="",
        subject=_("Det kom der ud af jeres dialogmøde"),
        items=tuple(_items(inputs, published_only=True)),
        input_ids=tuple(item.pk for item in inputs),
        to_meeting=True,
    )
