import threading
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from dialogportal.accounts.models import Role
from dialogportal.dialogmeetings.models import DialogMeeting, MeetingStatus, Registration
from dialogportal.dialogmeetings.services import (
    REGISTRATION_CONSENT_VERSION,
    MeetingPlan,
    RegistrationClosedError,
    cancel_meeting,
    cancel_registration,
    mark_held,
    plan_meeting,
    record_table_note,
    register,
)
from dialogportal.dialogmeetings.tasks import send_registration_link
from dialogportal.inputs.models import Channel
from tests.dialogmeetings.builders import make_meeting
from tests.factories import first_area, make_process, make_staff

pytestmark = pytest.mark.django_db


def _register(meeting: DialogMeeting, **kwargs: Any) -> Registration:
    values: dict[str, Any] = {
        "name": "Søren Æblegård",
        "contributor_type": "citizen",
        "consent_text_version": REGISTRATION_CONSENT_VERSION,
    }
    values.update(kwargs)
    return register(meeting=meeting, **values)


def test_plan_meeting_takes_the_district_from_the_postcode_and_adds_three_questions_per_area() -> (
    None
):
    process = make_process(areas=2)
    meeting = make_meeting(process)
    assert meeting.district == "Spentrup"
    assert meeting.questions.count() == 6
    assert meeting.questions.filter(focus_area=first_area(process)).count() == 3


def test_plan_meeting_refuses_a_postcode_that_is_not_danish() -> None:
    process = make_process()
    now = timezone.now()
    plan = MeetingPlan(
        title="Møde",
        kind="talk",
        starts_at=now,
        ends_at=now + timedelta(hours=1),
        place="Et sted",
        postcode="0555",
        host_name="Vært",
    )
    with pytest.raises(ValidationError) as info:
        plan_meeting(process=process, plan=plan, acting_user=None)
    assert "postcode" in info.value.message_dict


def test_registration_is_stored_and_counts_seats() -> None:
    meeting = make_meeting(make_process(), capacity=10)
    registration = _register(meeting, party_size=3, email="Soren@Example.dk")
    assert registration.was_created
    assert registration.email == "soren@example.dk"
    assert meeting.seats_taken() == 3


def test_each_registration_request_gets_one_link_e_mail_also_when_the_worker_runs_late() -> None:
    meeting = make_meeting(make_process())
    first = _register(meeting, email="a@example.dk")
    _register(meeting, email="a@example.dk")  # the page never shows the link: it goes again
    # Both tasks run after both requests; a third run (a dead worker's retry) sends nothing.
    assert send_registration_link.call(first.pk, False) is True
    assert send_registration_link.call(first.pk, True) is True
    assert send_registration_link.call(first.pk, True) is False
    assert [m.to for m in mail.outbox] == [["a@example.dk"], ["a@example.dk"]]


def test_the_same_email_twice_is_one_registration() -> None:
    meeting = make_meeting(make_process())
    first = _register(meeting, email="a@example.dk")
    again = _register(meeting, email=" A@example.dk ", name="Et andet navn")
    assert again.pk == first.pk
    assert not again.was_created
    assert Registration.objects.count() == 1


def test_registration_is_refused_when_the_meeting_is_full() -> None:
    meeting = make_meeting(make_process(), capacity=2)
    _register(meeting, party_size=2)
    with pytest.raises(RegistrationClosedError, match="fuldt booket"):
        _register(meeting)


def test_registration_is_refused_when_the_party_is_bigger_than_the_seats_left() -> None:
    meeting = make_meeting(make_process(), capacity=3)
    _register(meeting, party_size=2)
    with pytest.raises(RegistrationClosedError, match="kun 1 ledige"):
        _register(meeting, party_size=2)


def test_registration_is_refused_after_the_deadline() -> None:
    now = timezone.now()
    meeting = make_meeting(
        make_process(),
        starts_at=now + timedelta(days=5),
        registration_closes_at=now + timedelta(days=1),
    )
    with pytest.raises(RegistrationClosedError, match="Fristen"):
        _register(meeting, at=now + timedelta(days=2))
    assert _register(meeting, at=now).was_created


def test_registration_is_refused_when_the_meeting_is_cancelled() -> None:
    meeting = make_meeting(make_process())
    staff = make_staff("pm", Role.PROCESS_MANAGER)
    cancel_meeting(meeting=meeting, reason="Sygdom hos værten", acting_user=staff)
    with pytest.raises(RegistrationClosedError, match="aflyst"):
        _register(meeting)


def test_registration_is_refused_when_the_meeting_is_held() -> None:
    meeting = make_meeting(make_process(), starts_at=timezone.now() - timedelta(hours=3))
    mark_held(meeting=meeting, acting_user=make_staff("pm", Role.PROCESS_MANAGER))
    with pytest.raises(RegistrationClosedError, match="afholdt"):
        _register(meeting)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "x" * 201),
        ("email", "ikke-en-mail"),
        ("postcode", "0000"),
        ("contributor_type", "robot"),
        ("party_size", 0),
        ("party_size", 11),
        ("consent_text_version", ""),
    ],
)
def test_registration_refuses_a_bad_field_and_stores_nothing(field: str, value: object) -> None:
    meeting = make_meeting(make_process())
    with pytest.raises(ValidationError) as info:
        _register(meeting, **{field: value})
    assert field in info.value.message_dict
    assert not Registration.objects.exists()


def test_cancelling_a_registration_deletes_it_and_frees_the_seat() -> None:
    meeting = make_meeting(make_process(), capacity=1)
    registration = _register(meeting)
    assert cancel_registration(token=registration.token) == meeting
    assert cancel_registration(token=registration.token) is None
    assert _register(meeting, name="Næste").was_created


def test_cancel_meeting_needs_a_reason() -> None:
    meeting = make_meeting(make_process())
    with pytest.raises(ValidationError):
        cancel_meeting(
            meeting=meeting, reason="  ", acting_user=make_staff("pm", Role.PROCESS_MANAGER)
        )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


@pytest.mark.django_db(transaction=True)
def test_capacity_holds_when_registrations_race_for_the_last_seat() -> None:
    meeting = make_meeting(make_process(), capacity=1)
    results: list[str] = []
    barrier = threading.Barrier(4)

    def attempt(index: int) -> None:
        try:
            barrier.wait()
            _register(meeting, name=f"Deltager {index}")
            results.append("ok")
        except RegistrationClosedError:
            results.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["full", "full", "full", "ok"]
    assert meeting.seats_taken() == 1


def test_retention_anonymises_registrations_once_the_process_date_has_passed() -> None:
    """The dialog-meetings handler, called by the privacy app's retention on the one shared
    definition of "due" (`Process.personal_data_due_on`)."""
    from dialogportal.privacy.retention import apply_retention

    process = make_process()
    process.personal_data_removed_on = date(2027, 1, 1)
    process.save()
    other = make_process(slug="anden")
    mine = _register(make_meeting(process), email="a@example.dk")
    kept = _register(make_meeting(other), email="b@example.dk")
    assert apply_retention(today=date(2026, 12, 31)).registrations_anonymised == 0
    assert apply_retention(today=date(2027, 1, 1)).registrations_anonymised == 1
    assert apply_retention(today=date(2027, 1, 2)).registrations_anonymised == 0
    mine.refresh_from_db()
    kept.refresh_from_db()
    assert (mine.name, mine.email, mine.is_anonymised, mine.party_size) == ("", "", True, 1)
    assert kept.name == "Søren Æblegård"


def test_a_table_note_becomes_an_input_from_the_meeting() -> None:
    process = make_process()
    meeting = make_meeting(process, starts_at=timezone.now() - timedelta(days=1))
    staff = make_staff("sek", Role.COMMITTEE_SECRETARY)
    link = record_table_note(
        meeting=meeting,
        text="Vi savner busser til Spentrup om aftenen.",
        focus_area=first_area(process),
        table_name="Bord 3",
        submission_key="k1",
        acting_user=staff,
    )
    again = record_table_note(
        meeting=meeting,
        text="Vi savner busser til Spentrup om aftenen.",
        focus_area=first_area(process),
        table_name="Bord 3",
        submission_key="k1",
        acting_user=staff,
    )
    assert again.pk == link.pk
    assert link.input.channel == Channel.DIALOG_MEETING
    assert link.input.source == meeting.source_label
    assert meeting.title in link.input.source
    assert link.input.given_on == timezone.localdate(meeting.starts_at)


def test_a_table_note_is_refused_before_the_meeting_has_started() -> None:
    meeting = make_meeting(make_process())
    with pytest.raises(ValidationError):
        record_table_note(
            meeting=meeting,
            text="En note om noget vigtigt.",
            focus_area=None,
            submission_key="k",
            acting_user=make_staff("sek", Role.COMMITTEE_SECRETARY),
        )
