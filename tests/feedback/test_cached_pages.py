""" "Det har vi hørt" is cached for anonymous visitors (core.page_cache): a quote hidden or
corrected by a moderator, and an answer given to a theme, show at once on the process's page
and the focus area's page, in Danish and in English."""

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.analysis.models import AnalysisRun
from dialogportal.core.models import PublicVersion
from dialogportal.feedback.services import answer_theme
from dialogportal.inputs.models import FeedbackStatus, Input
from dialogportal.moderation.services.decisions import edit_text, hide_input
from tests.factories import make_staff
from tests.feedback import builders

# transaction=True: on PostgreSQL the version is bumped at commit (deferred triggers).
pytestmark = pytest.mark.django_db(transaction=True)

PAGES = (
    "/processer/proces/det-har-vi-hoert/",
    "/processer/proces/fokus/omraade-1/det-har-vi-hoert/",
    "/en/processer/proces/det-har-vi-hoert/",
    "/en/processer/proces/fokus/omraade-1/det-har-vi-hoert/",
)
QUOTE = "Boligerne ved stationen er for dyre for unge familier."


@pytest.fixture(autouse=True)
def _version_row() -> None:
    PublicVersion.objects.get_or_create(pk=1)


def _pages() -> list[str]:
    """Each page as a second anonymous visitor gets it (from the cache)."""
    bodies = []
    for path in PAGES:
        first, second = Client().get(path), Client().get(path)
        assert first.status_code == second.status_code == 200
        assert second.content == first.content
        bodies.append(second.content.decode())
    return bodies


def _quoted_theme() -> tuple[Input, AnalysisRun]:
    process = builders.small_process()
    quote = builders.contributed(process, text=QUOTE, area_slug="omraade-1")
    run = builders.themed_run(process, {"Boliger til unge": [quote]})
    return quote, run


def test_a_quote_hidden_after_the_pages_were_cached_is_gone_from_every_page() -> None:
    quote, _run = _quoted_theme()
    assert all(QUOTE in body for body in _pages())
    hide_input(item=quote, acting_user=make_staff("mod", Role.MODERATOR))
    assert not any(QUOTE in body for body in _pages())


def test_a_quote_corrected_after_the_pages_were_cached_shows_only_the_correction() -> None:
    quote, _run = _quoted_theme()
    assert all(QUOTE in body for body in _pages())
    edit_text(
        item=quote,
        acting_user=make_staff("mod", Role.MODERATOR),
        title="",
        text="Boligerne ved [fjernet] er for dyre.",
    )
    for body in _pages():
        assert QUOTE not in body
        assert "Boligerne ved [fjernet] er for dyre." in body


def test_an_answer_given_after_the_pages_were_cached_is_shown() -> None:
    _quote, run = _quoted_theme()
    answer = "Vi bygger 200 ungdomsboliger ved stationen."
    assert not any(answer in body for body in _pages())
    theme = builders.curated(run, "Boliger til unge")
    answer_theme(
        theme=theme,
        status=FeedbackStatus.CONSIDERED,
        text=answer,
        acting_user=make_staff("leder", Role.PROCESS_MANAGER),
    )
    assert all(answer in body for body in _pages())
