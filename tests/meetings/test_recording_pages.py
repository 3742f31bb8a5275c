"""The item page's recording forms over HTTP – absence and inhabilitet, votes, protocol notes,
sending a case on – with good and bad input: a clear Danish message, nothing stored half-way,
never a server error; other committees' secretaries get a 404."""

from datetime import date
from typing import Any

import pytest
from django.test import Client

from dialogportal.meetings.models import (
    AgendaItem,
    ItemAttendance,
    ItemKind,
    ProtocolNote,
    Vote,
)
from dialogportal.meetings.services import add_item, record_decision
from tests.meetings.builders import (
    hold,
    planned_meeting,
    political_committees,
    seat_members,
    secretary_of,
)

pytestmark = pytest.mark.django_db

MEMBERS = ("Anna Ager (A)", "Bo Bæk (A)", "Cille Ørn (V)")


@pytest.fixture
def setup(client: Client) -> dict[str, Any]:
    technical, finance, council = political_committees()
    seat_members(technical, *MEMBERS)
    meeting = planned_meeting(technical, date(2025, 10, 1))
    item = add_item(meeting=meeting, title="Cykelstier", kind=ItemKind.DECISION)
    hold(meeting)
    later = planned_meeting(finance, date(2025, 11, 3))
    client.force_login(secretary_of(technical, finance, council))
    return {"item": item, "later": later, "url": f"/sekretariat/punkter/{item.pk}/"}


def _votes(**rows: tuple[str, str, str, str]) -> dict[str, str]:
    data = {
        "afstemning-motion": "Indstillingen",
        "stemmer-TOTAL_FORMS": "10",
        "stemmer-INITIAL_FORMS": "0",
        "stemmer-MIN_NUM_FORMS": "0",
        "stemmer-MAX_NUM_FORMS": "40",
    }
    for index, (voter, yes, no, abstain) in enumerate(rows.values()):
        data |= {
            f"stemmer-{index}-voter": voter,
            f"stemmer-{index}-votes_for": yes,
            f"stemmer-{index}-votes_against": no,
            f"stemmer-{index}-abstain": abstain,
        }
    return data


def test_the_secretary_records_absence_a_vote_and_a_note_on_the_item_page(
    client: Client, setup: dict[str, Any]
) -> None:
    url = setup["url"]
    page = client.get(url).text
    assert "Behandling på mødet" in page
    assert "Til stede ved punktet: 3 medlemmer." in page
    response = client.post(
        url + "fravaer/",
        {
            "fravaer-person_name": "Cille Ørn (V)",
            "fravaer-kind": "conflict",
            "fravaer-note": "Nabo til sagen",
        },
        follow=True,
    )
    assert "Inhabil ved punktet: Cille Ørn (V)." in response.text
    response = client.post(url + "afstemninger/", _votes(a=("A", "2", "", "")), follow=True)
    assert "Afstemningen om “Indstillingen” er registreret." in response.text
    response = client.post(
        url + "protokol/",
        {
            "protokol-kind": "minority_statement",
            "protokol-author": "Venstre (V)",
            "protokol-text": "Vi er imod.",
        },
        follow=True,
    )
    assert "Mindretalsudtalelse fra Venstre (V) er registreret." in response.text
    assert (ItemAttendance.objects.count(), Vote.objects.count(), ProtocolNote.objects.count()) == (
        1,
        1,
        1,
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({"a": ("A", "5", "", "")}, "Stemmerne giver i alt 5, men 3 medlemmer"),
        ({"a": ("", "3", "", "")}, "Skriv partiet eller navnet"),
        ({"a": ("A", "-1", "", "")}, "større end eller lig 0"),
        ({"a": ("A", "tre", "", "")}, "Indtast et heltal"),
        ({"a": ("A" * 300, "3", "", "")}, "højst have 200 tegn"),
        ({"a": ("A", "2", "", ""), "b": ("a", "1", "", "")}, "to gange"),
        ({}, "Skriv stemmerne"),
    ],
)
def test_a_bad_vote_is_refused_with_a_danish_message_and_nothing_is_stored(
    client: Client, setup: dict[str, Any], rows: dict[str, tuple[str, str, str, str]], message: str
) -> None:
    response = client.post(setup["url"] + "afstemninger/", _votes(**rows))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "protocol_note", "author": "", "text": "x"},
        {"kind": "bogus", "author": "A", "text": "x"},
        {"kind": "protocol_note", "author": "A", "text": "x" * 20000},
        {"kind": "protocol_note", "author": "A\x00", "text": "x"},
    ],
)
def test_a_bad_protocol_note_is_refused(
    client: Client, setup: dict[str, Any], data: dict[str, str]
) -> None:
    response = client.post(
        setup["url"] + "protokol/", {f"protokol-{k}": v for k, v in data.items()}
    )
    assert response.status_code == 200
    assert "Punktet er ikke" in response.text or "form-error" in response.text
    assert not ProtocolNote.objects.exists()


def test_absence_must_name_a_member_present_at_the_meeting(
    client: Client, setup: dict[str, Any]
) -> None:
    for name in ("Ukendt Person", "<script>alert(1)</script>", ""):
        response = client.post(
            setup["url"] + "fravaer/", {"fravaer-person_name": name, "fravaer-kind": "absent"}
        )
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.text
    assert not ItemAttendance.objects.exists()


def test_the_case_is_sent_on_once_decided_and_only_to_an_offered_meeting(
    client: Client, setup: dict[str, Any]
) -> None:
    item, later = setup["item"], setup["later"]
    url = setup["url"] + "send-videre/"
    response = client.post(url, {"videre-meeting": later.pk}, follow=True)
    assert "Skriv udvalgets beslutning" in response.text
    record_decision(item=item, text="Anbefales.", acting_user=None)
    for bogus in ("", "abc", "999999", str(item.meeting_id)):
        assert client.post(url, {"videre-meeting": bogus}).status_code == 200
    assert AgendaItem.objects.count() == 1
    response = client.post(url, {"videre-meeting": later.pk}, follow=True)
    assert "Sagen er sendt videre til Økonomiudvalget, 3. november 2025." in response.text
    forwarded = AgendaItem.objects.get(meeting=later)
    assert forwarded.forwarded_from == item


def test_another_committees_secretary_cannot_record_anything(
    client: Client, setup: dict[str, Any]
) -> None:
    from tests.meetings.builders import med_tree

    main, _ = med_tree()
    client.force_login(secretary_of(main, username="anden"))
    for suffix, data in (
        ("", {}),
        ("fravaer/", {"fravaer-person_name": MEMBERS[0], "fravaer-kind": "absent"}),
        ("afstemninger/", _votes(a=("A", "3", "", ""))),
        (
            "protokol/",
            {"protokol-kind": "protocol_note", "protokol-author": "A", "protokol-text": "x"},
        ),
        ("send-videre/", {"videre-meeting": setup["later"].pk}),
    ):
        response = client.post(setup["url"] + suffix, data) if suffix else client.get(setup["url"])
        assert response.status_code == 404, suffix
    assert not Vote.objects.exists()
