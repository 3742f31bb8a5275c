"""The public dialog-meeting pages are cached for anonymous visitors (core.page_cache); what
changes them — a cancellation, a registration, a moderator's decision on a table note, a
deadline passing — shows at once."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dialogportal.accounts.models import Role
from dialogportal.core.models import PublicVersion
from dialogportal.dialogmeetings.services import (
    REGISTRATION_CONSENT_VERSION,
    cancel_meeting,
    cancel_registration,
    mark_held,
    record_table_note,
    register,
)
from dialogportal.moderation.services.decisions import reject_input
from dialogportal.processes.models import Process
from tests.dialogmeetings.builders import make_meeting
from tests.factories import make_process, make_staff

# transaction=True: on PostgreSQL the version is bumped at commit (deferred triggers).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def process() -> Process:
    PublicVersion.objects.get_or_create(pk=1)
    return make_process(slug="proces")


def _twice(path: str) -> str:
    """The page as a second anonymous visitor gets it (from the cache when it is cached)."""
    first = Client().get(path)
    second = Client().get(path)
    assert first.status_code == second.status_code == 200
    return second.content.decode()


def test_a_meeting_cancelled_after_its_pages_were_cached_says_so_at_once(process: Process) -> None:
    meeting = make_meeting(process, registration_closes_at=timezone.now() + timedelta(days=1))
    listing = f"/processer/{process.slug}/dialogmoeder/"
    assert "Tilmeld dig" in _twice(listing)
    cancel_meeting(
        meeting=meeting,
        reason="Sygdom hos værten.",
        acting_user=make_staff("sek", Role.PROCESS_MANAGER),
    )
    assert "Aflyst" in _twice(listing)
    assert "Sygdom hos værten." in _twice(f"/dialogmoeder/{meeting.pk}/")


def test_the_last_seat_closes_the_form_and_a_cancelled_registration_opens_it_again(
    process: Process,
) -> None:
    meeting = make_meeting(process, capacity=1)
    page = f"/dialogmoeder/{meeting.pk}/"
    assert 'name="submission_key"' in _twice(page)
    registration = register(
        meeting=meeting,
        name="Åse Ødegård",
        contributor_type="citizen",
        consent_text_version=REGISTRATION_CONSENT_VERSION,
    )
    full = _twice(page)
    assert "fuldt booket" in full
    assert 'name="submission_key"' not in full
    cancel_registration(token=registration.token)
    assert 'name="submission_key"' in _twice(page)


def test_a_table_note_rejected_after_the_overview_was_cached_is_no_longer_counted(
    process: Process,
) -> None:
    secretary = make_staff("sek", Role.COMMITTEE_SECRETARY)
    held = make_meeting(process, starts_at=timezone.now() - timedelta(days=2))
    notes = [
        record_table_note(
            meeting=held,
            text=text,
            focus_area=None,
            submission_key=key,
            acting_user=secretary,
        )
        for key, text in (("a", "Vi vil have en bus om aftenen."), ("b", "Ring til 12345678."))
    ]
    mark_held(meeting=held, acting_user=secretary)
    assert "har givet 2 input" in _twice("/dialogmoeder/oversigt/")
    reject_input(
        item=notes[1].input,
        acting_user=make_staff("mod", Role.MODERATOR),
        reason="Personoplysninger",
    )
    assert "har givet 1 input" in _twice("/dialogmoeder/oversigt/")


def test_the_cached_list_closes_registration_at_the_deadline(process: Process) -> None:
    now = timezone.now()
    make_meeting(process, registration_closes_at=now + timedelta(seconds=20))
    listing = f"/processer/{process.slug}/dialogmoeder/"
    with time_machine.travel(now, tick=False):
        assert "Tilmeld dig" in _twice(listing)
    with time_machine.travel(now + timedelta(seconds=21), tick=False):
        assert "Tilmeldingen er lukket." in _twice(listing)
