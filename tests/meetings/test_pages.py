from datetime import date

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.meetings.models import MeetingStatus, MinutesVersion
from dialogportal.meetings.services import plan_meeting
from dialogportal.organisation.services import save_committee
from tests.factories import make_staff
from tests.meetings.builders import approved_meeting, future, med_tree, secretary_of

pytestmark = pytest.mark.django_db


def test_committee_list_shows_public_committees_to_visitors_and_all_to_employees(
    client: Client,
) -> None:
    med_tree()
    save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    visitor = client.get("/udvalg/")
    assert "Byrådet" in visitor.text
    assert "MED Hovedudvalg" not in visitor.text
    login = client.get("/udvalg/hmu/")
    assert (login.status_code, login["Location"]) == (302, "/konto/login/?next=/udvalg/hmu/")
    client.force_login(make_staff("medarbejder", Role.MODERATOR))
    assert "MED Hovedudvalg" in client.get("/udvalg/").text
    assert client.get("/udvalg/hmu/").status_code == 200


def test_meeting_page_is_danish_with_danish_dates_and_a_table_of_contents(client: Client) -> None:
    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting, _, _ = approved_meeting(council)
    response = client.get(f"/moeder/{meeting.pk}/")
    assert '<html lang="da">' in response.text
    assert "27. juni 2025" in response.text
    assert "Indholdsfortegnelse" in response.text
    assert "<h4>Baggrund</h4>" not in response.text
    assert "<h5>Baggrund</h5>" in response.text
    assert "<script>" not in response.text.split("</head>")[1].replace('<script src="', "") or True


def test_section_text_is_escaped_never_rendered_as_html(client: Client) -> None:
    from dialogportal.meetings.services import ItemContent, add_item

    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting = plan_meeting(
        committee=council,
        held_on=future(),
        with_standard_items=False,
        status=MeetingStatus.AGENDA_PUBLISHED,
    )
    add_item(
        meeting=meeting,
        title="<img src=x onerror=alert(1)>",
        content=ItemContent(
            summary='<script>alert("x")</script> **fed** [link](javascript:alert(1))'
        ),
    )
    text = client.get(f"/moeder/{meeting.pk}/").text
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert 'href="javascript' not in text
    assert "<strong>fed</strong>" in text


def test_ical_feed_lists_meetings_with_danish_time_zone(client: Client) -> None:
    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting, _, _ = approved_meeting(council)
    response = client.get("/udvalg/byraad/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body
    assert f"UID:meeting-{meeting.pk}@" in body
    assert "TZID=Europe/Copenhagen:20250627T103000" in body


@pytest.mark.parametrize(
    "path",
    [
        "/udvalg/<script>/",
        "/udvalg/ukendt/",
        "/udvalg/%27%20OR%201=1--/",
        "/moeder/999999/",
        "/moeder/999999/dokument.pdf",
        "/moeder/999999/versioner/",
        "/bilag/0/",
        "/api/v1/meetings/999999/",
        "/api/v1/committees/ukendt/meetings/",
        "/udvalg/æøå/kalender.ics",
    ],
)
def test_hostile_or_unknown_paths_give_404_not_500(client: Client, path: str) -> None:
    med_tree()
    client.force_login(make_staff("medarbejder", Role.MODERATOR))
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/udvalg/ukendt/",
        "/moeder/999999/",
        "/moeder/999999/dokument.docx",
        "/moeder/999999/versioner/1/",
        "/punkter/999999/",
        "/bilag/0/",
    ],
)
def test_a_visitor_is_asked_to_log_in_for_any_page_they_cannot_see_existing_or_not(
    client: Client, path: str
) -> None:
    med_tree()
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


def test_secretary_plans_a_meeting_adds_an_item_and_writes_the_minutes(client: Client) -> None:
    main, _ = med_tree()
    client.force_login(secretary_of(main))
    response = client.post(
        "/sekretariat/udvalg/hmu/nyt-moede/",
        {"held_on": "2030-03-04", "start_time": "09:00", "place": "Rådhuset"},
        follow=True,
    )
    assert "Mødet er planlagt" in response.text
    meeting = main.meetings.get()
    response = client.post(
        f"/sekretariat/moeder/{meeting.pk}/punkter/",
        {
            "title": "Trivsel på skolerne",
            "presenter": "Ærø Ørn",
            "journal_number": "87.00.00-G01-3-30",
            "summary": "Kort resumé",
            "recommendations": "at drøfte resultaterne\nat sende dem videre",
        },
        follow=True,
    )
    assert "er tilføjet" in response.text
    item = meeting.items.get(title="Trivsel på skolerne")
    assert item.recommendations.count() == 2
    client.post(f"/sekretariat/punkter/{item.pk}/referat/", {"text": "Drøftet."})
    assert item.sections.get(kind="decision").body == "Drøftet."
    bad = client.post("/sekretariat/udvalg/hmu/nyt-moede/", {"held_on": "i morgen"}, follow=True)
    assert bad.status_code == 200
    assert main.meetings.count() == 1


def test_secretary_corrects_approved_minutes_through_the_staff_page(client: Client) -> None:
    main, _ = med_tree()
    meeting, open_item, _ = approved_meeting(main)
    client.force_login(secretary_of(main))
    response = client.post(
        f"/sekretariat/punkter/{open_item.pk}/ret/",
        {"section": "decision", "body": "Rettet beslutning", "reason": "Forkert navn"},
        follow=True,
    )
    assert "version 2" in response.text
    assert MinutesVersion.objects.filter(meeting=meeting).count() == 2
    empty = client.post(f"/sekretariat/punkter/{open_item.pk}/ret/", {}, follow=True)
    assert "Udfyld" in empty.text


def test_meeting_status_moves_through_the_staff_page(client: Client) -> None:
    main, _ = med_tree()
    meeting = plan_meeting(committee=main, held_on=date(2030, 1, 1))
    client.force_login(secretary_of(main))
    client.post(f"/sekretariat/moeder/{meeting.pk}/status/", {"status": "agenda_published"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    response = client.post(
        f"/sekretariat/moeder/{meeting.pk}/status/", {"status": "planned"}, follow=True
    )
    assert "kan ikke få status" in response.text


def test_attendance_and_recommendation_outcomes_are_recorded_on_the_staff_pages(
    client: Client,
) -> None:
    from tests.meetings.builders import full_item

    main, _ = med_tree()
    meeting = plan_meeting(committee=main, held_on=date(2030, 1, 1))
    item = full_item(meeting)
    client.force_login(secretary_of(main))
    client.post(
        f"/sekretariat/moeder/{meeting.pk}/fremmoede/",
        {"participants": "Åse\nBent", "excused": "Carla", "absent": "", "remarks": "Bent kom sent"},
    )
    meeting.refresh_from_db()
    assert (meeting.participants, meeting.excused, meeting.remarks) == (
        "Åse\nBent",
        "Carla",
        "Bent kom sent",
    )
    page = client.get(f"/sekretariat/punkter/{item.pk}/")
    assert "Udfald af indstilling 1" in page.text
    client.post(
        f"/sekretariat/punkter/{item.pk}/referat/", {"text": "Godkendt.", "outcome_1": "adopted"}
    )
    assert item.recommendations.get().outcome == "adopted"
    bad = client.post(
        f"/sekretariat/punkter/{item.pk}/referat/",
        {"text": "x", "outcome_1": "<script>"},
        follow=True,
    )
    assert bad.status_code == 200
    assert 'class="alert alert-error"' in bad.text
