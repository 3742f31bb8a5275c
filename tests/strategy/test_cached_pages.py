"""The public plan page is cached for anonymous visitors (core.page_cache): an input hidden or
corrected after it was cached, a new initiative and a progress update show at once."""

from datetime import date

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.core.models import PublicVersion
from dialogportal.inputs.models import Input
from dialogportal.moderation.services.decisions import edit_text, hide_input
from dialogportal.strategy.models import Goal, Initiative
from dialogportal.strategy.services import add_progress_update, link_input
from tests.factories import make_input, make_process, make_staff, publish
from tests.strategy.builders import make_goal, make_initiative, make_plan

# transaction=True: on PostgreSQL the version is bumped at commit (deferred triggers).
pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ("/processer/by/strategisk-plan/", "/en/processer/by/strategisk-plan/")
LINKED = "Offentligt forslag om cykelstier langs åen"


@pytest.fixture
def plan() -> tuple[Goal, Initiative]:
    PublicVersion.objects.get_or_create(pk=1)
    process = make_process(slug="by")
    goal = make_goal(make_plan(process))
    initiative = make_initiative(goal)
    item = make_input(process, text=LINKED)
    publish(item)
    link_input(initiative=initiative, item=item, acting_user=None)
    return goal, initiative


def _pages() -> list[str]:
    bodies = []
    for path in PAGES:
        first, second = Client().get(path), Client().get(path)
        assert first.status_code == second.status_code == 200
        assert second.content == first.content
        bodies.append(second.content.decode())
    return bodies


def test_a_linked_input_hidden_after_the_page_was_cached_is_gone(
    plan: tuple[Goal, Initiative],
) -> None:
    assert all(LINKED in body for body in _pages())
    item = Input.objects.get(text=LINKED)
    hide_input(item=item, acting_user=make_staff("mod", Role.MODERATOR))
    assert not any(LINKED in body for body in _pages())


def test_a_linked_input_corrected_after_the_page_was_cached_shows_only_the_correction(
    plan: tuple[Goal, Initiative],
) -> None:
    assert all(LINKED in body for body in _pages())
    item = Input.objects.get(text=LINKED)
    edit_text(
        item=item, acting_user=make_staff("mod", Role.MODERATOR), title="", text="Stier, tak."
    )
    for body in _pages():
        assert LINKED not in body
        assert "Stier, tak." in body


def test_a_new_initiative_and_a_progress_update_show_at_once(
    plan: tuple[Goal, Initiative],
) -> None:
    goal, initiative = plan
    _pages()
    make_initiative(goal, title="Natbusser til landsbyerne")
    add_progress_update(
        initiative=initiative,
        given_on=date(2026, 3, 1),
        progress=40,
        note="Første strækning er anlagt.",
        acting_user=None,
    )
    for body in _pages():
        assert "Natbusser til landsbyerne" in body
        assert "Første strækning er anlagt." in body
