"""Order and numbering of an agenda: the secretariat orders the items before publication, the
numbers follow that order when the agenda is published and never change; "Eventuelt" stays last
among the open items, closed items come after the open ones; additions after publication make
a dated tillægsdagsorden; a meeting is not held before it begins."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from dialogportal.meetings.models import Meeting, MeetingStatus
from dialogportal.meetings.publication import build_document
from dialogportal.meetings.services import add_item, move_item, plan_meeting, set_meeting_status
from dialogportal.organisation.services import save_committee
from tests.meetings.builders import future, med_tree, secretary_of

pytestmark = pytest.mark.django_db


def _council_agenda() -> Meeting:
    """Byrådet's standard items (Godkendelse af dagsorden, Eventuelt) and items added later."""
    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting = plan_meeting(committee=council, held_on=future(30))
    add_item(meeting=meeting, title="Budgetopfølgning")
    add_item(meeting=meeting, title="Personalesag", is_closed=True)
    add_item(meeting=meeting, title="Lokalplan for Havnen")
    add_item(meeting=meeting, title="Skolestruktur")
    return meeting


def _agenda(meeting: Meeting) -> list[tuple[str, str]]:
    return [(item.label, item.title) for item in build_document(meeting).items]


def _number_key(label: str) -> tuple[int, str]:
    digits = label.rstrip("abcdefghijklmnopqrstuvwxyz")
    return int(digits), label[len(digits) :]


def test_numbers_follow_the_agenda_order_when_it_is_published_with_eventuelt_last() -> None:
    meeting = _council_agenda()
    assert set(meeting.items.values_list("number", flat=True)) == {None}
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED, acting_user=None)
    assert _agenda(meeting) == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Budgetopfølgning"),
        ("3", "Lokalplan for Havnen"),
        ("4", "Skolestruktur"),
        ("5", "Eventuelt"),
        ("6", "Personalesag"),
    ]


def test_before_publication_the_numbers_shown_are_provisional_and_follow_the_order() -> None:
    meeting = _council_agenda()
    document = build_document(meeting)
    assert document.numbers_are_provisional
    assert [item.label for item in document.items] == ["1", "2", "3", "4", "5", "6"]


def test_the_secretariat_moves_items_and_eventuelt_stays_last() -> None:
    meeting = _council_agenda()
    school = meeting.items.get(title="Skolestruktur")
    move_item(item=school, up=True, acting_user=None)
    move_item(item=school, up=True, acting_user=None)
    assert [title for _label, title in _agenda(meeting)][:4] == [
        "Godkendelse af dagsorden",
        "Skolestruktur",
        "Budgetopfølgning",
        "Lokalplan for Havnen",
    ]
    with pytest.raises(ValidationError, match="står altid sidst"):
        move_item(item=meeting.items.get(title="Eventuelt"), up=True, acting_user=None)
    lokalplan = meeting.items.get(title="Lokalplan for Havnen")
    with pytest.raises(ValidationError, match="nederst"):
        move_item(item=lokalplan, up=False, acting_user=None)  # Eventuelt is below it
    with pytest.raises(ValidationError, match="nederst"):
        move_item(item=meeting.items.get(title="Personalesag"), up=False, acting_user=None)
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED, acting_user=None)
    assert [label for label, _title in _agenda(meeting)] == ["1", "2", "3", "4", "5", "6"]
    assert _agenda(meeting)[1] == ("2", "Skolestruktur")


def test_reordering_a_published_agenda_is_refused_and_changes_nothing() -> None:
    meeting = _council_agenda()
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED, acting_user=None)
    before = _agenda(meeting)
    with pytest.raises(ValidationError, match="rækkefølge og numre ligger fast"):
        move_item(item=meeting.items.get(title="Skolestruktur"), up=True, acting_user=None)
    assert _agenda(meeting) == before


def test_an_addition_after_publication_makes_a_dated_tillaeg_with_ascending_numbers() -> None:
    meeting = _council_agenda()
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED, acting_user=None)
    first = add_item(meeting=meeting, title="Ekstra bevilling")
    second = add_item(meeting=meeting, title="Vinterberedskab")
    closed = add_item(meeting=meeting, title="Ny personalesag", is_closed=True)
    assert (first.label, second.label, closed.label) == ("4a", "4b", "7")
    assert first.addendum == second.addendum == closed.addendum
    assert first.addendum is not None
    assert first.addendum.number == 1
    assert timezone.localdate(first.addendum.published_at) == timezone.localdate()
    labels = [label for label, _title in _agenda(meeting)]
    assert labels == ["1", "2", "3", "4", "4a", "4b", "5", "6", "7"]
    assert labels == sorted(labels, key=_number_key)
    assert _agenda(meeting)[6] == ("5", "Eventuelt")


def test_the_tillaeg_is_marked_and_dated_in_the_published_agenda(client: Client) -> None:
    meeting = _council_agenda()
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED, acting_user=None)
    add_item(meeting=meeting, title="Ekstra bevilling")
    page = client.get(f"/moeder/{meeting.pk}/").text
    assert "Tillægsdagsorden 1" in page
    assert f"offentliggjort {timezone.localdate().day}." in page
    assert "Tillæg 1" in page
    assert page.index("Punkt 4a: Ekstra bevilling") < page.index("Punkt 5: Eventuelt")


@pytest.mark.parametrize("status", [MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT])
def test_a_tillaeg_to_a_held_meeting_is_refused(status: MeetingStatus) -> None:
    main, _ = med_tree()
    meeting = plan_meeting(committee=main, held_on=date(2025, 3, 1))
    for step in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT):
        set_meeting_status(meeting=meeting, status=step, acting_user=None)
        if step == status:
            break
    count = meeting.items.count()
    with pytest.raises(ValidationError, match="kan ikke tilføjes flere punkter"):
        add_item(meeting=meeting, title="For sent")
    assert meeting.items.count() == count
    assert not meeting.addenda.exists()


def test_a_meeting_is_not_held_before_it_begins_in_danish_time() -> None:
    main, _ = med_tree()
    tomorrow = timezone.localdate() + timedelta(days=1)
    meeting = plan_meeting(committee=main, held_on=tomorrow)
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED, acting_user=None)
    with pytest.raises(ValidationError, match="kan ikke være afholdt før") as refused:
        set_meeting_status(meeting=meeting, status=MeetingStatus.HELD, acting_user=None)
    assert str(tomorrow.year) in str(refused.value)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED


def test_numbers_never_change_after_publication() -> None:
    meeting = _council_agenda()
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED, acting_user=None)
    numbers = dict(meeting.items.values_list("pk", "number"))
    add_item(meeting=meeting, title="Tillæg")
    set_meeting_status(meeting=meeting, status=MeetingStatus.CANCELLED, acting_user=None)
    assert {pk: n for pk, n in meeting.items.values_list("pk", "number") if pk in numbers} == (
        numbers
    )


def test_the_staff_page_moves_items_with_buttons_and_refuses_after_publication(
    client: Client,
) -> None:
    main, _ = med_tree()
    meeting = plan_meeting(committee=main, held_on=future())
    late = add_item(meeting=meeting, title="Trivselsmåling")
    client.force_login(secretary_of(main))
    page = client.get(f"/sekretariat/moeder/{meeting.pk}/").text
    assert "flyt “Trivselsmåling” op" in page
    response = client.post(f"/sekretariat/punkter/{late.pk}/flyt-op/", follow=True)
    assert "er flyttet op" in response.text
    titles = [t for _l, t in _agenda(meeting)]
    assert titles.index("Trivselsmåling") < titles.index("Information fra MED-systemet")
    assert client.post(f"/sekretariat/punkter/{late.pk}/flyt-sidelæns/").status_code == 404
    client.post(f"/sekretariat/moeder/{meeting.pk}/status/", {"status": "agenda_published"})
    response = client.post(f"/sekretariat/punkter/{late.pk}/flyt-ned/", follow=True)
    assert "ligger fast" in response.text
    page = client.get(f"/sekretariat/moeder/{meeting.pk}/").text
    assert "flyt “Trivselsmåling” op" not in page
    assert "tillægsdagsorden" in page
