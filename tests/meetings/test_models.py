from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dialogportal.meetings.models import AgendaItem, Meeting, MeetingStatus
from dialogportal.meetings.services import add_item, plan_meeting, set_meeting_status
from dialogportal.organisation.services import save_committee
from tests.meetings.builders import med_tree

pytestmark = pytest.mark.django_db


def test_item_numbers_run_on_through_the_committees_year_not_per_meeting() -> None:
    main, _ = med_tree()
    first = plan_meeting(committee=main, held_on=date(2025, 3, 1))
    second = plan_meeting(committee=main, held_on=date(2025, 9, 1))
    assert set(first.items.values_list("number", flat=True)) == {None}
    set_meeting_status(meeting=first, status=MeetingStatus.AGENDA_PUBLISHED)
    numbers_first = list(first.items.in_agenda_order().values_list("number", flat=True))
    assert numbers_first == [1, 2, 3, 4]
    add_item(meeting=second, title="Nyt punkt")
    set_meeting_status(meeting=second, status=MeetingStatus.AGENDA_PUBLISHED)
    assert second.items.get(title="Nyt punkt").number == 8
    assert second.items.get(title="Eventuelt").number == 9
    next_year = plan_meeting(committee=main, held_on=date(2026, 1, 10), with_standard_items=False)
    add_item(meeting=next_year, title="Første i året")
    set_meeting_status(meeting=next_year, status=MeetingStatus.AGENDA_PUBLISHED)
    assert next_year.items.get().number == 1


def test_item_number_is_unique_per_committee_and_year_in_the_database() -> None:
    main, sectors = med_tree()
    meeting = plan_meeting(committee=main, held_on=date(2025, 3, 1), with_standard_items=False)
    item = add_item(meeting=meeting, title="A", number=40)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, committee=main, year=2025, number=40, title="B")
    with pytest.raises(ValidationError):
        add_item(meeting=meeting, title="B", number=40)
    other = plan_meeting(committee=sectors[0], held_on=date(2025, 3, 1), with_standard_items=False)
    assert add_item(meeting=other, title="Samme nummer i andet udvalg", number=40).number == 40
    assert item.number == 40


def test_standard_items_come_from_the_committee_template_with_eventuelt_last() -> None:
    main, _ = med_tree()
    meeting = plan_meeting(committee=main, held_on=date(2025, 3, 1))
    add_item(meeting=meeting, title="Nyt punkt")
    titles = list(meeting.items.order_by("order").values_list("title", flat=True))
    assert titles[0] == "Godkendelse af dagsorden"
    assert "Information fra MED-systemet" in titles
    assert titles[-2:] == ["Nyt punkt", "Eventuelt"]
    council = save_committee(slug="br", name="Byråd", kind="political", level="city_council")
    political = plan_meeting(committee=council, held_on=date(2025, 3, 1))
    assert "Information fra MED-systemet" not in set(
        political.items.values_list("title", flat=True)
    )


def test_journal_number_is_kept_as_written_and_decoded_when_it_has_the_kle_form() -> None:
    main, _ = med_tree()
    meeting = plan_meeting(committee=main, held_on=date(2025, 3, 1), with_standard_items=False)
    kle = add_item(meeting=meeting, title="A", journal_number=" 87.00.00-G01-10-24 ")
    assert (kle.journal_number, kle.kle_subject, kle.kle_facet) == (
        "87.00.00-G01-10-24",
        "87.00.00",
        "G01",
    )
    assert (kle.kle_serial, kle.kle_year) == (10, 2024)
    other = add_item(meeting=meeting, title="B", journal_number="24/12345")
    assert other.journal_number == "24/12345"
    assert other.kle_subject == ""
    assert other.kle_year is None


def test_meeting_is_unique_per_committee_date_and_start_time() -> None:
    main, _ = med_tree()
    plan_meeting(committee=main, held_on=date(2025, 3, 1), start_time=time(10, 0))
    with pytest.raises(ValidationError):
        plan_meeting(committee=main, held_on=date(2025, 3, 1), start_time=time(10, 0))
    assert plan_meeting(committee=main, held_on=date(2025, 3, 1), start_time=time(14, 0)).pk


def test_meeting_cannot_end_before_it_starts() -> None:
    main, _ = med_tree()
    with pytest.raises(ValidationError):
        plan_meeting(
            committee=main, held_on=date(2025, 3, 1), start_time=time(12), end_time=time(11)
        )


def test_status_follows_the_lifecycle_and_approval_is_not_a_plain_status_change() -> None:
    main, _ = med_tree()
    meeting = plan_meeting(committee=main, held_on=date(2025, 3, 1))
    with pytest.raises(ValidationError):
        set_meeting_status(meeting=meeting, status=MeetingStatus.HELD)
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED)
    set_meeting_status(meeting=meeting, status=MeetingStatus.HELD)
    set_meeting_status(meeting=meeting, status=MeetingStatus.MINUTES_DRAFT)
    with pytest.raises(ValidationError):
        set_meeting_status(meeting=meeting, status=MeetingStatus.MINUTES_APPROVED)
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.MINUTES_DRAFT


def test_a_cancelled_meeting_stays_cancelled() -> None:
    main, _ = med_tree()
    meeting = plan_meeting(committee=main, held_on=date(2025, 3, 1))
    set_meeting_status(meeting=meeting, status=MeetingStatus.CANCELLED)
    with pytest.raises(ValidationError):
        set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED)
