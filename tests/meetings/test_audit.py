"""Every state-changing meetings service leaves one audit row – who, when, what, before and
after – in the same transaction as the change; the meeting's staff page shows the history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dialogportal.meetings.models import (
    AuditAction,
    AuditEntry,
    MeetingStatus,
    NoteKind,
    VoteChoice,
)
from dialogportal.meetings.services import (
    ItemContent,
    VoteLine,
    add_item,
    add_protocol_note,
    forward_item,
    move_item,
    plan_meeting,
    record_decision,
    record_vote,
    set_meeting_status,
    update_item,
    update_meeting_details,
)
from tests.meetings.builders import (
    hold,
    med_tree,
    planned_meeting,
    political_committees,
    seat_members,
    secretary_of,
)

pytestmark = pytest.mark.django_db


def _actions(meeting_pk: int) -> list[str]:
    return list(
        AuditEntry.objects.filter(meeting_id=meeting_pk)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )


def test_each_act_on_an_agenda_leaves_one_row_with_who_and_before_after() -> None:
    main, _ = med_tree()
    secretary = secretary_of(main)
    meeting = plan_meeting(committee=main, held_on=date(2025, 3, 1), acting_user=secretary)
    item = add_item(meeting=meeting, title="Budget", acting_user=secretary)
    move_item(item=item, up=True, acting_user=secretary)
    update_item(
        item=item,
        acting_user=secretary,
        title="Budget 2026",
        kind=item.kind,  # type: ignore[arg-type]
        content=ItemContent(summary="Kort"),
    )
    set_meeting_status(
        meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED, acting_user=secretary
    )
    update_meeting_details(meeting=meeting, participants="A\nB", acting_user=secretary)
    record_decision(item=item, text="Godkendt.", acting_user=secretary)
    actions = _actions(meeting.pk)
    assert actions[:1] == [AuditAction.MEETING_PLANNED]
    for expected in (
        AuditAction.ITEM_ADDED,
        AuditAction.ITEM_MOVED,
        AuditAction.ITEM_EDITED,
        AuditAction.STATUS,
        AuditAction.NUMBERED,
        AuditAction.MEETING_DETAILS,
        AuditAction.DECISION,
    ):
        assert expected in actions, expected
    edit = AuditEntry.objects.get(action=AuditAction.ITEM_EDITED)
    assert (edit.actor, edit.actor_name) == (secretary, str(secretary))
    assert edit.before["title"] == "Budget"
    assert edit.after["title"] == "Budget 2026"
    assert "presenter" not in edit.after  # only what changed
    status = AuditEntry.objects.get(action=AuditAction.STATUS)
    assert (status.before, status.after) == (
        {"status": "planned"},
        {"status": "agenda_published"},
    )


def test_a_refused_act_leaves_no_row() -> None:
    main, _ = med_tree()
    meeting = plan_meeting(committee=main, held_on=date(2025, 3, 1))
    set_meeting_status(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED, acting_user=None)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        move_item(item=meeting.items.first(), up=False, acting_user=None)  # type: ignore[arg-type]
    assert AuditEntry.objects.count() == before


def test_votes_notes_and_the_sagsgang_are_logged() -> None:
    technical, finance, _council = political_committees()
    seat_members(technical, "Anna (A)", "Bo (V)")
    tmu = planned_meeting(technical, date(2025, 10, 1))
    item = add_item(meeting=tmu, title="Sag")
    hold(tmu)
    record_decision(item=item, text="Anbefales.", acting_user=None)
    record_vote(
        item=item,
        motion="Indstillingen",
        lines=[VoteLine("A", VoteChoice.FOR, 1), VoteLine("V", VoteChoice.AGAINST, 1)],
        acting_user=None,
    )
    add_protocol_note(
        item=item, kind=NoteKind.DISSENT, author="Bo (V)", text="Imod.", acting_user=None
    )
    forward_item(item=item, meeting=planned_meeting(finance, date(2025, 11, 3)), acting_user=None)
    vote = AuditEntry.objects.get(action=AuditAction.VOTE)
    assert vote.after == {
        "motion": "Indstillingen",
        "for": 1,
        "against": 1,
        "abstain": 0,
        "adopted": False,
    }
    assert AuditEntry.objects.filter(action=AuditAction.NOTE, item=item).exists()
    forwarded = AuditEntry.objects.get(action=AuditAction.FORWARDED)
    assert forwarded.after["committee"] == "Økonomiudvalget"
    assert forwarded.case == item.case


def test_the_staff_page_shows_the_history_in_danish_time(client: Client) -> None:
    main, _ = med_tree()
    secretary = secretary_of(main)
    meeting = plan_meeting(committee=main, held_on=date(2030, 3, 1), acting_user=secretary)
    client.force_login(secretary)
    page = client.get(f"/sekretariat/moeder/{meeting.pk}/").text
    assert "Historik" in page
    assert "Møde planlagt" in page
    assert str(secretary) in page
