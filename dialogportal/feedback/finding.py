""" "Find mit input" on "Det har vi hørt": a contributor types the number on their receipt (or
letter) and is told where their input is on the page. Only published inputs are found; any other
number gets the same answer as a number that does not exist, so the search tells nobody whether
an input they cannot see exists."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dialogportal.analysis.models import CuratedTheme
from dialogportal.analysis.queries import members_by_theme, published_themes
from dialogportal.feedback.models import InputAnswer, Outcome
from dialogportal.feedback.outcomes import OutcomeView, view
from dialogportal.feedback.queries import latest_theme_answers
from dialogportal.inputs.models import FeedbackStatus, Input
from dialogportal.processes.models import Process

QUERY_MAX_CHARS = 40
_NUMBER = re.compile(r"^(?:input\s*)?(?:nr\.?|nummer|no\.?|#)?\s*(\d{1,12})\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundTheme:
    theme: CuratedTheme
    answered: bool


@dataclass(frozen=True)
class FindResult:
    query: str
    error: str = ""  # a Danish (translated) message for an unusable query
    number: int | None = None
    item: Input | None = None  # a published input of the process, or None: "not shown here"
    status_label: str = ""
    answer_text: str = ""
    themes: tuple[FoundTheme, ...] = ()
    outcomes: tuple[OutcomeView, ...] = ()

    @property
    def found(self) -> bool:
        return self.item is not None


def parse_number(raw: str) -> int | None:
    """ "1234", "nr. 1234", "#1234", "Input nr. 1234" → 1234; anything else → None."""
    match = _NUMBER.match(" ".join(raw.split()))
    return int(match.group(1)) if match else None


def find_input(process: Process, raw: str) -> FindResult:
    query = raw.strip()
    if not query:
        return FindResult(query="", error=_("Skriv nummeret fra din kvittering, fx 1234."))
    if "kvittering/" in query:
        return FindResult(
            query="",
            error=_(
                "Det ligner dit personlige link. Åbn linket direkte – så ser du dit input og "
                "svaret. Her skal du kun skrive nummeret."
            ),
        )
    if len(query) > QUERY_MAX_CHARS:
        return FindResult(
            query=query[:QUERY_MAX_CHARS],
            error=_("Nummeret er for langt. Skriv kun tallet fra din kvittering, fx 1234."),
        )
    number = parse_number(query)
    if number is None:
        return FindResult(
            query=query, error=_("Skriv nummeret med tal, fx 1234 (det står på din kvittering).")
        )
    item = Input.objects.public().filter(process=process, pk=number).first()
    if item is None:
        return FindResult(query=query, number=number)
    themes = published_themes(process)
    members = members_by_theme(themes)
    mine = [theme for theme in themes if any(i == item.pk for i, _rep in members[theme.pk])]
    answered = latest_theme_answers(mine)
    delivery = (
        InputAnswer.objects.filter(input=item)
        .select_related("answer")
        .order_by("-answer__answered_at", "-answer_id")
        .first()
    )
    outcomes = [view(o) for o in Outcome.objects.filter(input=item).order_by("created_at", "id")]
    return FindResult(
        query=query,
        number=number,
        item=item,
        status_label=str(FeedbackStatus(item.status).label),
        answer_text=delivery.answer.text if delivery else "",
        themes=tuple(FoundTheme(theme=theme, answered=theme.pk in answered) for theme in mine),
        outcomes=tuple(outcomes),
    )
