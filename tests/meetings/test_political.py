"""Political committees: a case goes through several committees (sagsgang), each meeting records
its own "Beslutning i <udvalg> den <dato>" and every later agenda shows the earlier decisions in
order; votes, protocol notes, per-item absence and inhabilitet are structured and rendered the
Danish way; the members who took part sign the minutes, with dissent possible."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from dialogportal.accounts.models import Role, User
from dialogportal.meetings.models import (
    AgendaItem,
    AttendanceKind,
    ExternalDecision,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinutesApproval,
    NoteKind,
    Vote,
    VoteChoice,
)
from dialogportal.meetings.publication import build_document, decision_heading, redact
from dialogportal.meetings.services import (
    ItemContent,
    VoteLine,
    add_item,
    add_protocol_note,
    approve_minutes,
    forward_item,
    open_case,
    record_decision,
    record_earlier_decision,
    record_vote,
    set_item_attendance,
    set_meeting_status,
)
from dialogportal.organisation.models import MembershipRole
from tests.factories import make_staff
from tests.meetings.builders import (
    future,
    hold,
    med_tree,
    planned_meeting,
    political_committees,
    politician,
    seat_members,
)

pytestmark = pytest.mark.django_db

COUNCIL_MEMBERS = [f"Medlem {n} ({'A' if n <= 5 else 'V'})" for n in range(1, 8)]


def _case_item(meeting: Meeting) -> AgendaItem:
    return add_item(
        meeting=meeting,
        title="Trafiksikkerhedsplan",
        kind=ItemKind.DECISION,
        journal_number="05.00.00-P20-4-25",
        content=ItemContent(
            summary="Planen for skolevejene.",
            recommendation_intro="Direktøren indstiller,",
            recommendations=["at planen godkendes."],
            case_description="Sagen er beskrevet.",
        ),
    )


def _route() -> tuple[AgendaItem, AgendaItem, AgendaItem]:
    """Teknik og Miljø (1 Oct) → Økonomiudvalget (3 Nov) → Byrådet (24 Nov 2025), decided."""
    technical, finance, council = political_committees()
    seat_members(council, *COUNCIL_MEMBERS)
    tmu = planned_meeting(technical, date(2025, 10, 1))
    first = _case_item(tmu)
    hold(tmu)
    record_decision(item=first, text="Anbefales.", acting_user=None)
    ou = planned_meeting(finance, date(2025, 11, 3))
    second = forward_item(item=first, meeting=ou, acting_user=None)
    hold(ou)
    record_decision(item=second, text="Anbefales over for Byrådet.", acting_user=None)
    br = planned_meeting(council, date(2025, 11, 24), excused="Medlem 7 (V)")
    third = forward_item(item=second, meeting=br, acting_user=None)
    hold(br)
    return first, second, third


def test_each_committee_decides_and_a_later_agenda_shows_the_earlier_decisions_in_order() -> None:
    first, second, third = _route()
    assert first.case == second.case == third.case
    assert third.journal_number == "05.00.00-P20-4-25"
    assert list(third.recommendations.values_list("text", "outcome")) == [
        ("at planen godkendes.", "pending")
    ]
    record_decision(item=third, text="Godkendt.", acting_user=None)
    (doc_item,) = build_document(third.meeting).items
    headings = [section.heading for section in doc_item.sections]
    assert headings == [
        "Resumé",
        "Indstilling",
        "Beslutning i Teknik og Miljø den 1. oktober 2025",
        "Beslutning i Økonomiudvalget den 3. november 2025",
        "Beslutning i Byrådet den 24. november 2025",
        "Sagsfremstilling",
    ]
    assert [s.body for s in doc_item.sections[2:5]] == [
        "Anbefales.",
        "Anbefales over for Byrådet.",
        "Godkendt.",
    ]
    assert [stop.committee for stop in doc_item.route] == [
        "Teknik og Miljø",
        "Økonomiudvalget",
        "Byrådet",
    ]
    assert doc_item.route[-1].is_current


def test_earlier_decisions_are_public_only_once_their_minutes_are_approved() -> None:
    _first, second, third = _route()
    public = redact(build_document(third.meeting), full_access=False)
    assert not [s for s in public.items[0].sections if s.kind == "earlier_decision"]
    chair = politician("formand-oeu", "Ole Formand (A)", (second.committee, MembershipRole.CHAIR))
    meeting = second.meeting
    set_meeting_status(meeting=meeting, status=MeetingStatus.MINUTES_DRAFT, acting_user=None)
    approve_minutes(meeting=meeting, acting_user=chair)
    public = redact(build_document(third.meeting), full_access=False)
    shown = [s.heading for s in public.items[0].sections if s.kind == "earlier_decision"]
    assert shown == ["Beslutning i Økonomiudvalget den 3. november 2025"]


def test_forwarding_needs_a_decision_a_later_meeting_and_happens_once() -> None:
    technical, finance, _council = political_committees()
    tmu = planned_meeting(technical, date(2025, 10, 1))
    item = _case_item(tmu)
    hold(tmu)
    earlier = planned_meeting(finance, date(2025, 9, 1))
    later = planned_meeting(finance, date(2025, 11, 3))
    with pytest.raises(ValidationError, match="beslutning"):
        forward_item(item=item, meeting=later, acting_user=None)
    record_decision(item=item, text="Anbefales.", acting_user=None)
    with pytest.raises(ValidationError, match="ligger efter"):
        forward_item(item=item, meeting=earlier, acting_user=None)
    forward_item(item=item, meeting=later, acting_user=None)
    with pytest.raises(ValidationError, match="allerede sendt videre"):
        forward_item(item=item, meeting=later, acting_user=None)
    assert AgendaItem.objects.filter(case=item.case).count() == 2


def test_a_vote_must_add_up_to_the_members_present_for_the_item() -> None:
    _first, _second, third = _route()
    # 7 members, 1 with afbud → 6 at the meeting; 1 inhabil in this item → 5 present for it.
    set_item_attendance(
        item=third, person_name="Medlem 2 (A)", kind=AttendanceKind.CONFLICT, acting_user=None
    )
    with pytest.raises(ValidationError, match="Stemmerne giver i alt 6, men 5 medlemmer"):
        record_vote(
            item=third,
            motion="Indstillingen",
            lines=[VoteLine("A", VoteChoice.FOR, 5), VoteLine("V", VoteChoice.AGAINST, 1)],
            acting_user=None,
        )
    assert not Vote.objects.exists()
    vote = record_vote(
        item=third,
        motion="Indstillingen",
        lines=[VoteLine("A", VoteChoice.FOR, 4), VoteLine("V", VoteChoice.AGAINST, 1)],
        acting_user=None,
    )
    assert [(c.voter, c.choice, c.count) for c in vote.counts.all()] == [
        ("A", "for", 4),
        ("V", "against", 1),
    ]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "Skriv stemmerne"),
        ([VoteLine("", VoteChoice.FOR, 6)], "parti eller et navn"),
        ([VoteLine("A", VoteChoice.FOR, 0)], "mellem 1 og 999"),
        ([VoteLine("A", VoteChoice.FOR, 3), VoteLine(" a ", VoteChoice.FOR, 3)], "to gange"),
        ([VoteLine("<script>", VoteChoice.FOR, 7)], "i alt 7, men 6"),
    ],
)
def test_a_bad_vote_gets_a_danish_message_and_stores_nothing(
    lines: list[VoteLine], message: str
) -> None:
    _first, _second, third = _route()
    with pytest.raises(ValidationError, match=message):
        record_vote(item=third, motion="Indstillingen", lines=lines, acting_user=None)
    assert not Vote.objects.exists()


def test_votes_are_for_political_committees_once_the_meeting_is_held() -> None:
    technical, _finance, _council = political_committees()
    upcoming = add_item(meeting=planned_meeting(technical, future()), title="Punkt")
    with pytest.raises(ValidationError, match="når mødet er afholdt"):
        record_vote(
            item=upcoming,
            motion="Indstillingen",
            lines=[VoteLine("A", VoteChoice.FOR, 1)],
            acting_user=None,
        )
    main, _ = med_tree()
    med_meeting = planned_meeting(main, date(2025, 3, 1))
    med_item = add_item(meeting=med_meeting, title="Punkt")
    hold(med_meeting)
    with pytest.raises(ValidationError, match="kun i politiske udvalg"):
        record_vote(
            item=med_item,
            motion="Indstillingen",
            lines=[VoteLine("A", VoteChoice.FOR, 1)],
            acting_user=None,
        )


def test_votes_notes_and_absence_are_rendered_the_danish_way(client: Client) -> None:
    _first, _second, third = _route()
    set_item_attendance(
        item=third,
        person_name="medlem 6  (v)",
        kind=AttendanceKind.ABSENT,
        note="forlod mødet",
        acting_user=None,
    )
    record_vote(
        item=third,
        motion="Indstillingen",
        lines=[
            VoteLine("A", VoteChoice.FOR, 4),
            VoteLine("Medlem 5 (A)", VoteChoice.AGAINST, 1),
        ],
        acting_user=None,
    )
    record_vote(
        item=third,
        motion="Ændringsforslag fra V",
        lines=[
            VoteLine("A", VoteChoice.FOR, 2),
            VoteLine("A", VoteChoice.AGAINST, 2),
            VoteLine("V", VoteChoice.ABSTAIN, 1),
        ],
        acting_user=None,
    )
    add_protocol_note(
        item=third,
        kind=NoteKind.PROTOCOL_NOTE,
        author="Venstre (V)",
        text="Venstre ønsker ført til protokol, at planen er for dyr.",
        acting_user=None,
    )
    add_protocol_note(
        item=third,
        kind=NoteKind.MINORITY_STATEMENT,
        author="Medlem 5 (A)",
        text="Jeg stemmer imod, fordi cykelstierne mangler.",
        acting_user=None,
    )
    with pytest.raises(ValidationError, match="ikke blandt mødets deltagere"):
        set_item_attendance(
            item=third, person_name="Medlem 7 (V)", kind=AttendanceKind.ABSENT, acting_user=None
        )
    record_decision(item=third, text="Godkendt.", acting_user=None)
    client.force_login(
        politician("medlem", "Medlem 1 (A)", (third.committee, MembershipRole.MEMBER))
    )
    page = client.get(f"/moeder/{third.meeting_id}/").text
    for expected in (
        "Fraværende: Medlem 6 (V) (forlod mødet)",
        "Indstillingen blev sat til afstemning.",
        "<strong>For stemte 4:</strong> A (4)",
        "<strong>Imod stemte 1:</strong> Medlem 5 (A)",
        "Indstillingen blev vedtaget.",
        "Ændringsforslag fra V blev forkastet.",
        "<strong>Undlod at stemme 1:</strong> V",
        "Protokoltilførsel fra Venstre (V):",
        "Mindretalsudtalelse fra Medlem 5 (A):",
        "Beslutning i Byrådet den 24. november 2025",
        "Til beslutning",
    ):
        assert expected in page, expected


def test_two_decisions_by_one_committee_on_one_case_and_date_are_refused() -> None:
    first, _second, _third = _route()
    case = first.case
    assert case is not None
    record_earlier_decision(
        case=case,
        committee_name="Børne- og Skoleudvalget",
        decided_on=date(2025, 9, 10),
        text="Anbefales.",
        acting_user=None,
    )
    with pytest.raises(ValidationError, match="allerede en beslutning fra"):
        record_earlier_decision(
            case=case,
            committee_name="børne- og  skoleudvalget",
            decided_on=date(2025, 9, 10),
            text="Noget andet.",
            acting_user=None,
        )
    with pytest.raises(ValidationError, match="allerede en beslutning fra Teknik og Miljø"):
        record_earlier_decision(
            case=case,
            committee_name="Teknik og Miljø",
            decided_on=date(2025, 10, 1),
            text="Dobbelt.",
            acting_user=None,
        )
    assert ExternalDecision.objects.count() == 1
    assert open_case(journal_number="05.00.00-P20-4-25", title="x", acting_user=None) == case


def test_an_imported_earlier_decision_appears_first_in_the_sagsgang() -> None:
    first, _second, third = _route()
    assert first.case is not None
    record_earlier_decision(
        case=first.case,
        committee_name="Børne- og Skoleudvalget",
        decided_on=date(2025, 9, 10),
        text="Anbefales til Teknik og Miljø.",
        acting_user=None,
    )
    (doc_item,) = build_document(third.meeting).items
    earlier = [s.heading for s in doc_item.sections if s.kind == "earlier_decision"]
    assert earlier[0] == "Beslutning i Børne- og Skoleudvalget den 10. september 2025"


def _signing_council() -> tuple[Meeting, list[User]]:
    _technical, _finance, council = political_committees()
    users = [
        politician("borgmester", "Birgitte Borg (A)", (council, MembershipRole.CHAIR)),
        politician("vice", "Villads Vinther (V)", (council, MembershipRole.VICE_CHAIR)),
        politician("medlem", "Cecilie Clausen (C)", (council, MembershipRole.MEMBER)),
        politician("fravaer", "Frede Fravær (O)", (council, MembershipRole.MEMBER)),
    ]
    seat_members(council, "Uden Konto (F)")
    meeting = planned_meeting(council, date(2025, 6, 27), excused="Frede Fravær (O)")
    item = add_item(meeting=meeting, title="Et punkt")
    hold(meeting)
    record_decision(item=item, text="Godkendt.", acting_user=None)
    set_meeting_status(meeting=meeting, status=MeetingStatus.MINUTES_DRAFT, acting_user=None)
    return meeting, users


def test_political_minutes_are_signed_by_the_members_present_with_dissent_possible() -> None:
    meeting, (mayor, vice, member, away) = _signing_council()
    outsider = make_staff("udenfor", Role.COMMITTEE_SECRETARY)
    for user in (outsider, away):
        with pytest.raises(ValidationError, match="deltog i mødet"):
            approve_minutes(meeting=meeting, acting_user=user)
    approve_minutes(meeting=meeting, acting_user=mayor)
    with pytest.raises(ValidationError, match="allerede godkendt"):
        approve_minutes(meeting=meeting, acting_user=mayor)
    approve_minutes(meeting=meeting, acting_user=vice, dissent="Jeg er uenig i punkt 1.")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_DRAFT  # Cecilie Clausen has not signed
    approve_minutes(meeting=meeting, acting_user=member)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert list(MinutesApproval.objects.values_list("role", "person_name", "dissent")) == [
        ("chair", "Birgitte Borg (A)", ""),
        ("vice_chair", "Villads Vinther (V)", "Jeg er uenig i punkt 1."),
        ("member", "Cecilie Clausen (C)", ""),
    ]
    assert meeting.versions.get().reason == "Underskrevet af mødets deltagere"


def test_the_approval_time_is_shown_in_danish_local_time(client: Client) -> None:
    meeting, (mayor, vice, member, _away) = _signing_council()
    for user in (mayor, vice, member):
        approve_minutes(meeting=meeting, acting_user=user)
    # 06:06 UTC on 27 June is 08:06 in Copenhagen (summer time).
    moment = datetime(2025, 6, 27, 6, 6, tzinfo=ZoneInfo("UTC"))
    MinutesApproval.objects.update(approved_at=moment)
    page = client.get(f"/moeder/{meeting.pk}/").text
    assert "27. juni 2025 kl. 08:06" in page
    assert "kl. 06:06" not in page
    assert "Underskriftsblad" in page
    assert "Jeg er uenig" not in page  # nobody dissented here


def test_a_member_signs_on_the_meeting_page_and_a_non_member_cannot(client: Client) -> None:
    meeting, (mayor, _vice, _member, away) = _signing_council()
    client.force_login(away)
    page = client.get(f"/moeder/{meeting.pk}/").text
    assert "Underskriv referatet" not in page
    refused = client.post(f"/moeder/{meeting.pk}/underskriv/", {"dissent": "x"}, follow=True)
    assert "deltog i mødet" in refused.text
    client.force_login(mayor)
    page = client.get(f"/moeder/{meeting.pk}/").text
    assert "Underskriv referatet" in page
    assert 'name="dissent"' in page
    signed = client.post(
        f"/moeder/{meeting.pk}/underskriv/", {"dissent": "Afvigende <b>mening</b>"}, follow=True
    )
    assert "Din godkendelse er registreret" in signed.text
    assert "Afvigende &lt;b&gt;mening&lt;/b&gt;" in signed.text
    assert MinutesApproval.objects.get().dissent == "Afvigende <b>mening</b>"
    assert (
        client.post(f"/moeder/{meeting.pk}/underskriv/", {"dissent": "x" * 6000}).status_code == 302
    )
    assert MinutesApproval.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "stored", "shown"),
    [
        ("political", "Referat", "Beslutning i Byrådet den 24. november 2025"),
        ("political", "Minutes", "Beslutning i Byrådet den 24. november 2025"),
        ("political", "", "Beslutning i Byrådet den 24. november 2025"),
        # An imported earlier step of the route keeps the committee and date it names.
        (
            "political",
            "Beslutning i Økonomiudvalget den 17. november 2025",
            "Beslutning i Økonomiudvalget den 17. november 2025",
        ),
        ("med", "Referat", "Referat"),
    ],
)
def test_a_decision_heading_is_generated_only_where_the_stored_one_names_no_one(
    kind: str, stored: str, shown: str
) -> None:
    with translation.override("da"):
        assert decision_heading("Byrådet", kind, date(2025, 11, 24), stored) == shown
