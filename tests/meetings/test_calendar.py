"""A MED committee's calendar is for employees only, and calendar apps cannot log in: each person
can make a private calendar address that shows the meetings as they see them."""

import re

import pytest
from django.test import Client

from dialogportal.accounts.models import Role, User
from dialogportal.meetings.models import CalendarToken
from tests.factories import make_staff
from tests.meetings.builders import SECRET, approved_meeting, med_tree

pytestmark = pytest.mark.django_db


def _address(client: Client, user: User) -> str:
    """Log in, make the address on the committee page, read it off the page, log out."""
    client.force_login(user)
    response = client.post("/udvalg/hmu/kalender/ny-adresse/", follow=True)
    assert response.status_code == 200
    assert "Du har fået en ny kalenderadresse" in response.text
    match = re.search(r'id="private-calendar-url"[^>]* value="([^"]+)"', response.text)
    assert match is not None
    client.logout()
    return match.group(1).removeprefix("http://testserver")


def test_an_employee_subscribes_to_a_med_calendar_through_a_private_address(
    client: Client,
) -> None:
    main, _ = med_tree()
    approved_meeting(main)
    assert client.get("/udvalg/hmu/kalender.ics").status_code == 404
    address = _address(client, make_staff("medarbejder", Role.MODERATOR))
    assert address.startswith("/udvalg/hmu/kalender/")
    assert address.endswith(".ics")
    response = client.get(address)  # no session, as a calendar app
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    feed = response.content.decode()
    assert "BEGIN:VEVENT" in feed
    assert "Åbent punkt om budget" in feed
    assert SECRET not in feed  # the closed item is only its number and a neutral title


def test_a_members_address_shows_the_closed_item_as_the_member_sees_it(client: Client) -> None:
    main, _ = med_tree()
    approved_meeting(main)
    chair = User.objects.get(username="formand")
    feed = client.get(_address(client, chair)).content.decode().replace("\r\n ", "")
    assert SECRET in feed


def test_a_new_address_ends_the_old_one_and_a_deactivated_person_has_none(
    client: Client,
) -> None:
    main, _ = med_tree()
    approved_meeting(main)
    employee = make_staff("medarbejder", Role.MODERATOR)
    old = _address(client, employee)
    new = _address(client, employee)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarToken.objects.filter(user=employee).count() == 1
    employee.is_active = False
    employee.save(update_fields=["is_active"])
    assert client.get(new).status_code == 404


@pytest.mark.parametrize(
    "token",
    ["x" * 65, "%00", "..%2F..%2Fetc", "%3Cscript%3E", "'%20OR%201=1--", "æøå", "a" * 43],
)
def test_a_hostile_or_unknown_token_is_not_found(client: Client, token: str) -> None:
    med_tree()
    assert client.get(f"/udvalg/hmu/kalender/{token}.ics").status_code == 404


def test_making_an_address_needs_a_login_and_a_post(client: Client) -> None:
    med_tree()
    response = client.post("/udvalg/hmu/kalender/ny-adresse/")
    assert response.status_code == 302
    assert "/login" in response["Location"] or "log-ind" in response["Location"]
    assert CalendarToken.objects.count() == 0
    client.force_login(make_staff("medarbejder", Role.MODERATOR))
    assert client.get("/udvalg/hmu/kalender/ny-adresse/").status_code == 405
    assert client.post("/udvalg/findes-ikke/kalender/ny-adresse/").status_code == 404
    assert CalendarToken.objects.count() == 0


def test_the_feed_needs_the_same_number_of_queries_for_two_meetings_as_for_eight(
    client: Client,
) -> None:
    from datetime import date, timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dialogportal.meetings.models import MeetingStatus
    from dialogportal.meetings.publication import build_document, build_documents
    from dialogportal.meetings.services import plan_meeting
    from dialogportal.organisation.services import save_committee
    from tests.meetings.builders import full_item

    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    approved_meeting(council)

    def add_meeting(n: int) -> None:
        meeting = plan_meeting(
            committee=council,
            held_on=date(2026, 1, 5) + timedelta(weeks=n),
            status=MeetingStatus.AGENDA_PUBLISHED,
        )
        full_item(meeting, title=f"Punkt om budget {n}")

    def feed_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/udvalg/byraad/kalender.ics").status_code == 200
        return len(queries)

    add_meeting(1)
    few = feed_queries()
    feed = client.get("/udvalg/byraad/kalender.ics").content.decode().replace("\r\n ", "")
    assert "Punkt om budget 1" in feed
    for n in range(2, 8):
        add_meeting(n)
    assert feed_queries() == few
    meetings = list(council.meetings.all())
    assert build_documents(meetings) == [build_document(m) for m in meetings]


@pytest.mark.django_db(transaction=True)
def test_renewing_the_address_twice_at_once_leaves_one_working_address() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from dialogportal.meetings.services import renew_calendar_token

    employee = make_staff("medarbejder", Role.MODERATOR)

    def renew() -> str:
        try:
            return renew_calendar_token(user=employee).token
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        tokens = list(pool.map(lambda _: renew(), range(4)))
    assert CalendarToken.objects.filter(user=employee).count() == 1
    assert CalendarToken.objects.get(user=employee).token in tokens
