"""The cascade along the tree: who may receive, what travels, the lifecycle and the audit."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from dialogportal.med.models import AuditAction, AuditEntry, Cascade, CascadeStatus
from dialogportal.med.services import (
    acknowledge_cascade,
    cascade_item,
    mark_cascade_handled,
    report_comments,
    withdraw_cascade,
)
from dialogportal.med.tasks import send_withdrawal_notice
from dialogportal.meetings.models import AgendaItem, ItemKind, MeetingStatus, SectionKind
from dialogportal.meetings.services import (
    ItemContent,
    approve_minutes,
    plan_meeting,
    set_meeting_status,
    update_item,
)
from dialogportal.organisation.models import Committee, MembershipRole
from tests.med.builders import (
    chair_and_vice,
    decided_item,
    future,
    hold,
    med_tree,
    next_meetings,
    secretary_of,
)

pytestmark = pytest.mark.django_db


def test_a_sector_cannot_send_to_another_sectors_lokal_med() -> None:
    tree = med_tree()
    item = decided_item(tree.sectors[0])
    others = tree.local(1)
    with pytest.raises(ValidationError, match="Kun udvalg under Sektor MED Børn og Skole"):
        cascade_item(item=item, targets=[others], acting_user=None)
    assert Cascade.objects.count() == 0
    # Its own Lokal MED are fine.
    assert len(cascade_item(item=item, targets=[tree.local(0)], acting_user=None)) == 1


def test_the_subtree_follows_the_unit_tree_and_the_main_committee_reaches_everyone() -> None:
    tree = med_tree()
    sector = tree.sectors[0]
    own = set(Committee.objects.below(sector))
    assert own == set(tree.locals_[sector.pk])
    assert tree.local(0).is_below(sector)
    assert not tree.local(1, 0).is_below(sector)
    assert set(Committee.objects.below(tree.main)) == {
        *tree.sectors,
        *tree.locals_[tree.sectors[0].pk],
        *tree.locals_[tree.sectors[1].pk],
    }
    assert tree.local(1, 1).sector() == tree.sectors[1]


def test_the_copy_carries_the_decision_the_case_and_the_files_and_a_title_saying_what_it_is():
    tree = med_tree()
    item = decided_item(tree.main)
    (meeting,) = next_meetings(tree.sectors[0])
    (cascade,) = cascade_item(
        item=item,
        targets=[tree.sectors[0]],
        acting_user=None,
        message="Drøft det i jeres lokale MED.",
        due_on=future(30),
    )
    copy = cascade.target_item
    assert copy is not None
    assert copy.meeting == meeting
    assert copy.is_draft
    assert (
        copy.title == "Orientering fra MED Hovedudvalg: Organisering af administrative funktioner"
    )
    text = "\n".join(s.body for s in copy.sections.all())
    day = item.meeting.held_on
    assert f"MED Hovedudvalg den {day.day}." in text
    assert "at tage orienteringen til efterretning – *Taget til efterretning*" in text
    assert "at orienteringen videregives til alle Sektor MED – *Godkendt*" in text
    assert "Orienteringen blev drøftet og taget til efterretning." in text
    assert "Drøft det i jeres lokale MED." in text
    assert copy.sections.get(kind=SectionKind.CASE_DESCRIPTION).body.endswith("servicetjek.")
    assert copy.sections.get(kind=SectionKind.SUMMARY).body.endswith("fælles administration.")
    files = {a.title: (a.is_public, bool(a.file)) for a in copy.attachments.all()}
    assert files == {
        "Plancher uden fil": (True, False),
        "Plancher": (True, True),
        "Intern tidsplan": (False, True),
    }
    source_files = {a.file.name for a in item.attachments.all() if a.file}
    assert not source_files & {a.file.name for a in copy.attachments.all() if a.file}


def test_two_items_from_one_sender_get_two_different_titles() -> None:
    tree = med_tree()
    first = decided_item(tree.main, title="Organisering")
    second = decided_item(tree.main, title="Fremtidens Testby", days_ago=10, number=None)
    next_meetings(tree.sectors[0])
    cascade_item(item=first, targets=[tree.sectors[0]], acting_user=None)
    cascade_item(item=second, targets=[tree.sectors[0]], acting_user=None)
    titles = set(Cascade.objects.values_list("target_item__title", flat=True))
    assert len(titles) == 2


def test_only_a_decided_open_item_travels_and_a_copy_only_once_it_is_handled() -> None:
    tree = med_tree()
    planned = plan_meeting(committee=tree.main, held_on=future(), with_standard_items=False)
    from dialogportal.meetings.services import add_item

    undecided = add_item(meeting=planned, title="Ikke behandlet endnu")
    with pytest.raises(ValidationError, match="når mødet er holdt"):
        cascade_item(item=undecided, targets=[tree.sectors[0]], acting_user=None)
    item = decided_item(tree.main)
    (meeting,) = next_meetings(tree.sectors[0])
    (cascade,) = cascade_item(item=item, targets=[tree.sectors[0]], acting_user=None)
    copy = cascade.target_item
    assert copy is not None
    with pytest.raises(ValidationError, match="først sendes videre"):
        cascade_item(item=copy, targets=[tree.local(0)], acting_user=None)
    hold(meeting)
    mark_cascade_handled(cascade=cascade, acting_user=None)
    from dialogportal.meetings.services import record_decision

    record_decision(item=copy, text="Taget til efterretning.", acting_user=None)
    copy = AgendaItem.objects.get(pk=copy.pk)
    assert len(cascade_item(item=copy, targets=[tree.local(0)], acting_user=None)) == 1


def test_a_closed_item_is_never_passed_on() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    update_item(
        item=item,
        acting_user=None,
        title=item.title,
        kind=ItemKind(item.kind),
        is_closed=True,
        content=ItemContent(summary="x"),
    )
    with pytest.raises(ValidationError, match="lukket punkt"):
        cascade_item(item=item, targets=tree.sectors, acting_user=None)


def test_acknowledging_needs_a_held_meeting_or_a_reason_without_one() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    meetings = next_meetings(*tree.sectors)
    first, second = cascade_item(item=item, targets=tree.sectors, acting_user=None)
    with pytest.raises(ValidationError, match="når udvalgets møde er holdt"):
        acknowledge_cascade(cascade=first, acting_user=None, comment="ok")
    hold(meetings[0])
    acknowledge_cascade(cascade=first, acting_user=None, comment="Drøftet – æ, ø og å")
    first.refresh_from_db()
    assert first.status == CascadeStatus.ACKNOWLEDGED
    assert first.handled_at is not None
    acknowledge_cascade(cascade=second, acting_user=None, reason="Behandlet på mail i udvalget")
    second.refresh_from_db()
    assert second.handled_without_meeting == "Behandlet på mail i udvalget"
    with pytest.raises(ValidationError, match="allerede kvitteret"):
        acknowledge_cascade(cascade=second, acting_user=None)


def test_an_acknowledgement_comment_is_kept_short() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    (meeting,) = next_meetings(tree.sectors[0])
    (cascade,) = cascade_item(item=item, targets=[tree.sectors[0]], acting_user=None)
    hold(meeting)
    with pytest.raises(ValidationError):
        acknowledge_cascade(cascade=cascade, acting_user=None, comment="x" * 5001)
    with pytest.raises(ValidationError):
        acknowledge_cascade(cascade=cascade, acting_user=None, comment="nul\x00tegn")


def test_overdue_has_one_definition_on_the_queryset_and_the_model() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    (cascade,) = cascade_item(
        item=item, targets=[tree.sectors[0]], acting_user=None, due_on=future(5)
    )
    for day, expected in [(future(5), False), (future(6), True)]:
        assert cascade.is_overdue_on(day) is expected
        assert Cascade.objects.overdue_on(day).filter(pk=cascade.pk).exists() is expected
    with pytest.raises(ValidationError, match="før i dag"):
        cascade_item(
            item=item,
            targets=[tree.sectors[1]],
            acting_user=None,
            due_on=timezone.localdate() - timedelta(days=1),
        )


def test_a_receiver_without_a_meeting_waits_and_gets_the_item_when_it_plans_one() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    (cascade,) = cascade_item(item=item, targets=[tree.sectors[0]], acting_user=None)
    assert cascade.status == CascadeStatus.SENT
    assert list(Cascade.objects.waiting()) == [cascade]
    (meeting,) = next_meetings(tree.sectors[0])
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.ON_AGENDA
    assert cascade.target_item is not None
    assert cascade.target_item.meeting == meeting


def test_a_cancelled_meeting_hands_its_copy_on_to_the_next_meeting() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    first, later = (
        next_meetings(tree.sectors[0], days=7)[0],
        next_meetings(tree.sectors[0], days=21)[0],
    )
    (cascade,) = cascade_item(item=item, targets=[tree.sectors[0]], acting_user=None)
    assert cascade.target_item is not None
    assert cascade.target_item.meeting == first
    set_meeting_status(meeting=first, status=MeetingStatus.CANCELLED)
    cascade.refresh_from_db()
    assert cascade.target_item is not None
    assert cascade.target_item.meeting == later


def test_approved_minutes_mark_the_copy_handled() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    (meeting,) = next_meetings(tree.sectors[0])
    (cascade,) = cascade_item(item=item, targets=[tree.sectors[0]], acting_user=None)
    chair, vice = chair_and_vice(tree.sectors[0], "s1")
    with time_machine.travel(meeting.starts_at() + timedelta(hours=3), tick=False):
        hold(meeting)
        set_meeting_status(meeting=meeting, status=MeetingStatus.MINUTES_DRAFT)
        approve_minutes(meeting=meeting, acting_user=chair)
        approve_minutes(meeting=meeting, acting_user=vice)
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.HANDLED


def test_closing_the_source_withdraws_the_copies_content_and_tells_the_receivers(
    django_capture_on_commit_callbacks,
) -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    next_meetings(tree.sectors[0])
    secretary_of(tree.sectors[0], username="modtager")
    (cascade,) = cascade_item(item=item, targets=[tree.sectors[0]], acting_user=None)
    with django_capture_on_commit_callbacks() as callbacks:
        update_item(
            item=item,
            acting_user=None,
            title=item.title,
            kind=ItemKind(item.kind),
            is_closed=True,
            closure_reason="Personoplysninger",
            content=ItemContent(summary="Resumé"),
        )
    assert callbacks  # the e-mail task is enqueued on commit
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.WITHDRAWN
    copy = cascade.target_item
    assert copy is not None
    assert copy.title == "Trukket tilbage af MED Hovedudvalg"
    text = " ".join(s.body for s in copy.sections.all())
    assert "servicetjek" not in text
    assert "trukket tilbage" in text
    assert not copy.attachments.exists()
    assert send_withdrawal_notice.call(cascade.pk) == 1
    assert mail.outbox[-1].to == ["modtager@example.invalid"]
    assert AuditEntry.objects.filter(cascade=cascade, action=AuditAction.CASCADE_WITHDRAWN).exists()


def test_a_cascade_passed_on_again_and_withdrawn_again_tells_the_receiver_again() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    secretary_of(tree.sectors[0], username="modtager")
    (cascade,) = cascade_item(item=item, targets=[tree.sectors[0]], acting_user=None)
    withdraw_cascade(cascade=cascade, acting_user=None)
    assert send_withdrawal_notice.call(cascade.pk) == 1
    cascade_item(item=item, targets=[tree.sectors[0]], acting_user=None)
    assert send_withdrawal_notice.call(cascade.pk) == 0  # passed on again: nothing withdrawn
    withdraw_cascade(cascade=cascade, acting_user=None)
    assert send_withdrawal_notice.call(cascade.pk) == 1
    assert send_withdrawal_notice.call(cascade.pk) == 0
    assert len(mail.outbox) == 2


def test_every_act_leaves_an_audit_row_with_who_and_before_after() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    (meeting,) = next_meetings(tree.sectors[0])
    sender = secretary_of(tree.main, username="afsender")
    receiver = secretary_of(tree.sectors[0], username="modtager")
    (cascade,) = cascade_item(item=item, targets=[tree.sectors[0]], acting_user=sender)
    hold(meeting)
    acknowledge_cascade(cascade=cascade, acting_user=receiver, comment="Fint")
    rows = list(AuditEntry.objects.filter(cascade=cascade).order_by("at", "pk"))
    assert [r.action for r in rows] == [
        AuditAction.CASCADE_SENT,
        AuditAction.CASCADE_PLACED,
        AuditAction.CASCADE_HANDLED,
        AuditAction.CASCADE_ACKNOWLEDGED,
    ]
    assert rows[0].actor == sender
    assert rows[-1].actor == receiver
    assert rows[-1].before["status"] == "handled"
    assert rows[-1].after["comment"] == "Fint"


def test_the_roll_up_puts_new_comments_on_the_senders_next_agenda_once() -> None:
    tree = med_tree()
    item = decided_item(tree.main)
    meetings = next_meetings(*tree.sectors)
    cascades = cascade_item(item=item, targets=tree.sectors, acting_user=None)
    for meeting, cascade in zip(meetings, cascades, strict=True):
        hold(meeting)
        acknowledge_cascade(cascade=cascade, acting_user=None, comment=f"Kommentar {cascade.pk}")
    with pytest.raises(ValidationError, match="intet planlagt møde"):
        report_comments(committee=tree.main, acting_user=None)
    next_meetings(tree.main)
    rollup = report_comments(committee=tree.main, acting_user=None)
    body = rollup.sections.get(kind=SectionKind.CASE_DESCRIPTION).body
    for cascade in cascades:
        assert f"Kommentar {cascade.pk}" in body
    with pytest.raises(ValidationError, match="ingen nye"):
        report_comments(committee=tree.main, acting_user=None)


def test_secretary_roles_are_not_chairs() -> None:
    # A guard for the builders: secretaries are not chair or vice-chair.
    tree = med_tree()
    user = secretary_of(tree.main)
    assert not user.memberships.filter(role=MembershipRole.CHAIR).exists()
