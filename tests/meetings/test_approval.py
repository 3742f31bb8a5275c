from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dialogportal.accounts.models import Role, User
from dialogportal.meetings.models import Meeting, MeetingStatus, SectionKind
from dialogportal.meetings.services import (
    add_item,
    approve_minutes,
    correct_minutes,
    plan_meeting,
    record_decision,
    set_meeting_status,
)
from dialogportal.organisation.models import Committee, MembershipRole
from tests.factories import make_staff
from tests.meetings.builders import approved_meeting, med_tree, seat, secretary_of

pytestmark = pytest.mark.django_db


def _draft_minutes() -> tuple[Committee, Meeting, User, User]:
    main, _ = med_tree()
    meeting = plan_meeting(committee=main, held_on=date(2025, 3, 1))
    for status in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT):
        set_meeting_status(meeting=meeting, status=status)
    chair = make_staff("formand", Role.COMMITTEE_SECRETARY)
    vice = make_staff("naestformand", Role.COMMITTEE_SECRETARY)
    seat(chair, main, MembershipRole.CHAIR)
    seat(vice, main, MembershipRole.VICE_CHAIR)
    return main, meeting, chair, vice


def test_minutes_are_approved_only_when_both_chair_and_vice_chair_have_approved() -> None:
    _, meeting, chair, vice = _draft_minutes()
    first = approve_minutes(meeting=meeting, acting_user=chair, confirm_undecided=True)
    assert first.role == "chair"
    assert first.person_name == "Formand"
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_DRAFT
    approve_minutes(meeting=meeting, acting_user=vice, confirm_undecided=True)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert list(meeting.versions.values_list("number", flat=True)) == [1]
    assert meeting.approvals.count() == 2


def test_the_same_role_cannot_approve_twice_and_others_cannot_approve_at_all() -> None:
    main, meeting, chair, _ = _draft_minutes()
    approve_minutes(meeting=meeting, acting_user=chair, confirm_undecided=True)
    with pytest.raises(ValidationError):
        approve_minutes(meeting=meeting, acting_user=chair, confirm_undecided=True)
    secretary = secretary_of(main)
    with pytest.raises(ValidationError, match="formand og næstformand"):
        approve_minutes(meeting=meeting, acting_user=secretary, confirm_undecided=True)


def test_minutes_with_undecided_items_are_approved_only_when_that_is_confirmed() -> None:
    _, meeting, chair, _ = _draft_minutes()
    undecided = meeting.items.in_agenda_order().first()
    assert undecided is not None
    with pytest.raises(ValidationError, match="ingen beslutning") as refused:
        approve_minutes(meeting=meeting, acting_user=chair)
    assert undecided.title in str(refused.value) or undecided.label in str(refused.value)
    assert not meeting.approvals.exists()
    for item in meeting.items.all():
        record_decision(item=item, text="Godkendt.", acting_user=chair)
    approval = approve_minutes(meeting=meeting, acting_user=chair)
    assert approval.role == "chair"


def test_approved_minutes_are_immutable() -> None:
    main, _ = med_tree()
    meeting, open_item, _ = approved_meeting(main)
    with pytest.raises(ValidationError, match="godkendt"):
        add_item(meeting=meeting, title="Sent punkt")
    with pytest.raises(ValidationError):
        record_decision(item=open_item, text="Ny tekst", acting_user=None)


def test_a_correction_creates_a_new_version_with_its_reason_and_keeps_the_old_one() -> None:
    main, _ = med_tree()
    meeting, open_item, _ = approved_meeting(main)
    with pytest.raises(ValidationError):
        correct_minutes(
            item=open_item,
            section_kind=SectionKind.DECISION,
            body="x",
            reason=" ",
            acting_user=None,
        )
    version = correct_minutes(
        item=open_item,
        section_kind=SectionKind.DECISION,
        body="Beslutning rettet: stavefejl",
        reason="Stavefejl i beslutningen",
        acting_user=None,
    )
    assert version.number == 2
    first = meeting.versions.get(number=1).document
    second = meeting.versions.get(number=2).document
    decisions = [
        [s["body"] for s in i["sections"] if s["kind"] == "decision"]
        for doc in (first, second)
        for i in doc["items"]
        if i["id"] == open_item.pk
    ]
    assert decisions == [["Beslutning truffet"], ["Beslutning rettet: stavefejl"]]
    assert second["version_reason"] == "Stavefejl i beslutningen"


def test_all_versions_are_viewable_over_http(client: Client) -> None:
    main, _ = med_tree()
    meeting, open_item, _ = approved_meeting(main)
    correct_minutes(
        item=open_item,
        section_kind=SectionKind.DECISION,
        body="Rettet tekst",
        reason="Forkert dato",
        acting_user=None,
    )
    client.force_login(make_staff("medarbejder", Role.MODERATOR))
    listing = client.get(f"/moeder/{meeting.pk}/versioner/")
    assert listing.status_code == 200
    assert "Forkert dato" in listing.text
    assert "Beslutning truffet" in client.get(f"/moeder/{meeting.pk}/versioner/1/").text
    assert "Rettet tekst" in client.get(f"/moeder/{meeting.pk}/versioner/2/").text
    assert client.get(f"/moeder/{meeting.pk}/versioner/9/").status_code == 404


def test_chair_and_vice_chair_approve_through_the_staff_page(client: Client) -> None:
    _, meeting, chair, vice = _draft_minutes()
    for user in (chair, vice):
        client.force_login(user)
        response = client.post(
            f"/sekretariat/moeder/{meeting.pk}/godkend/", {"confirm_undecided": "on"}, follow=True
        )
        assert response.status_code == 200
        assert "godkendt af dig som" in response.text
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    page = client.get(f"/moeder/{meeting.pk}/")
    assert "Formand (Formand)" in page.text
