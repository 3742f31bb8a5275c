from collections.abc import Iterator
from typing import Any

import pytest

from dialogportal.core.demo import load_demo
from dialogportal.dialogmeetings import demo
from dialogportal.dialogmeetings.models import DialogMeeting, MeetingStatus, Registration
from dialogportal.inputs.models import FeedbackStatus, ModerationState
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The whole demo, loaded once for this module; a test's own changes are rolled back."""
    with module_data(django_db_blocker):
        load_demo(log=lambda _line: None)
        yield


def test_the_demo_adds_four_meetings_once() -> None:
    load_demo(log=lambda _line: None)  # the second load
    assert DialogMeeting.objects.count() == 4
    held = DialogMeeting.objects.get(status=MeetingStatus.HELD)
    assert held.meeting_inputs.count() == len(demo.HELD_NOTES)
    assert Registration.objects.count() == 2
    open_now = DialogMeeting.objects.filter(process__slug="groen-omstilling", is_public=True).get()
    assert Registration.objects.filter(meeting=open_now).count() == 2


def test_the_held_meetings_notes_were_moderated_and_mostly_answered_months_later() -> None:
    held = DialogMeeting.objects.get(status=MeetingStatus.HELD)
    notes = [link.input for link in held.meeting_inputs.select_related("input")]
    states = [note.moderation_state for note in notes]
    assert ModerationState.PENDING not in states
    published = [note for note in notes if note.moderation_state == ModerationState.PUBLISHED]
    waiting = [note for note in published if note.status == FeedbackStatus.RECEIVED]
    assert 0 < len(waiting) <= len(published) // 3
    areas = {note.text[:20]: note.focus_area.slug if note.focus_area else "" for note in notes}
    assert areas["Vi mangler dagplejer"] == "boern-og-unge"
    assert areas["Tomme huse i landsby"] == "boliger"
