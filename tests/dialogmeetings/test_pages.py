"""Every form and page over HTTP through Django's test client, with hostile input."""

from datetime import timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from dialogportal.accounts.models import Role
from dialogportal.dialogmeetings.models import (
    DialogMeeting,
    MeetingInput,
    MeetingStatus,
    Registration,
)
from dialogportal.dialogmeetings.services import REGISTRATION_CONSENT_VERSION, register
from dialogportal.inputs.models import Channel, Input
from dialogportal.processes.models import Process
from tests.dialogmeetings.builders import make_meeting
from tests.factories import first_area, make_process, make_staff

pytestmark = pytest.mark.django_db

SECRET_NAME = "Hemmelig Hansen"
SECRET_EMAIL = "hemmelig@example.dk"


@pytest.fixture
def process() -> Process:
    return make_process(slug="proces")


@pytest.fixture
def meeting(process: Process) -> DialogMeeting:
    return make_meeting(process, capacity=20)


def _form(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Søren Æblegård",
        "email": "",
        "postcode": "8900",
        "contributor_type": "citizen",
        "party_size": "2",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return data


def _staff_client(role: Role, username: str = "staff") -> Client:
    client = Client()
    client.force_login(make_staff(username, role))
    return client


def test_a_citizen_registers_and_gets_a_private_receipt(
    client: Client, meeting: DialogMeeting
) -> None:
    response = client.post(f"/dialogmoeder/{meeting.pk}/", _form())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert response["Location"] == registration.get_receipt_url() + "?ny=1"
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert "Tak! Du er tilmeldt." in receipt.content.decode()
    assert receipt["Cache-Control"] == "private, no-store"


@pytest.mark.django_db(transaction=True)
def test_with_an_email_the_private_link_goes_by_email_and_the_page_is_neutral(
    client: Client, meeting: DialogMeeting, mailoutbox: list[Any]
) -> None:
    response = client.post(f"/dialogmoeder/{meeting.pk}/", _form(email="s@example.dk"))
    call_command("run_worker", "--batch", "--interval", "0")
    assert response.status_code == 200
    registration = Registration.objects.get()
    page = response.content.decode()
    assert "Tjek din e-mail" in page
    assert registration.token not in page
    assert mailoutbox[-1].to == ["s@example.dk"]
    assert registration.get_receipt_url() in mailoutbox[-1].body


@pytest.mark.django_db(transaction=True)
def test_someone_elses_email_never_reveals_their_registration(
    meeting: DialogMeeting, mailoutbox: list[Any]
) -> None:
    """The attack from issue 16: the form sent with another person's address showed their name
    and private link, and let the sender cancel their place."""
    Client().post(f"/dialogmoeder/{meeting.pk}/", _form(email="karen@example.dk"))
    victim = Registration.objects.get()
    attacker = Client()
    response = attacker.post(
        f"/dialogmoeder/{meeting.pk}/",
        _form(name="Angriber", email="KAREN@example.dk"),
        follow=True,
    )
    call_command("run_worker", "--batch", "--interval", "0")
    page = response.content.decode()
    assert response.status_code == 200
    assert victim.token not in page
    assert "Søren Æblegård" not in page  # the first registrant's name
    assert "allerede" not in page  # not even whether the address was registered
    assert Registration.objects.count() == 1
    assert mailoutbox[-1].to == ["karen@example.dk"]  # the owner is told, with the link
    assert "allerede tilmeldt" in mailoutbox[-1].body


def test_the_same_form_sent_twice_without_an_email_is_one_registration(
    client: Client, meeting: DialogMeeting
) -> None:
    key = "5f0c2b1e9a8d4c3b2a1f0e9d8c7b6a59"
    first = client.post(f"/dialogmoeder/{meeting.pk}/", _form(submission_key=key))
    again = client.post(f"/dialogmoeder/{meeting.pk}/", _form(submission_key=key), follow=True)
    assert first.status_code == 302
    assert "Du var allerede tilmeldt" in again.content.decode()
    assert Registration.objects.count() == 1
    client.post(f"/dialogmoeder/{meeting.pk}/", _form(submission_key="en-anden-formular"))
    assert Registration.objects.count() == 2  # another form is another registration


def test_a_filled_spam_trap_stores_nothing_and_says_how_to_send_again(
    client: Client, meeting: DialogMeeting
) -> None:
    response = client.post(f"/dialogmoeder/{meeting.pk}/", _form(website="https://spam.example"))
    assert response.status_code == 400
    assert "IKKE tilmeldt" in response.content.decode()
    assert 'value="Søren Æblegård"' in response.content.decode()  # nothing typed is lost
    assert not Registration.objects.exists()


def test_cancelling_through_the_private_link_deletes_the_registration(
    client: Client, meeting: DialogMeeting
) -> None:
    client.post(f"/dialogmoeder/{meeting.pk}/", _form())
    url = Registration.objects.get().get_receipt_url()
    response = client.post(url)
    assert response.status_code == 200
    assert "Du er frameldt" in response.content.decode()
    assert not Registration.objects.exists()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "x" * 1_000_000),
        ("email", "<script>alert(1)</script>"),
        ("postcode", "0555"),
        ("postcode", "12345678901234567890123"),
        ("party_size", "11"),
        ("party_size", "1; DROP TABLE dialogmeetings_registration"),
        ("contributor_type", "'; DROP TABLE x; --"),
        ("accept_privacy", ""),
    ],
)
def test_registration_refuses_bad_input_with_a_message(
    client: Client, meeting: DialogMeeting, field: str, value: str
) -> None:
    response = client.post(f"/dialogmoeder/{meeting.pk}/", _form(**{field: value}))
    assert response.status_code == 400
    assert "Du er ikke tilmeldt endnu" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert('x')</script>",
        "Robert'); DROP TABLE dialogmeetings_registration;--",
        "Nul\x00byte",
        "Zoë Ångström-Ærø 👩‍🌾 \u202eevil",
        "\x01\x02\x7f\ufffd binært",
        "Åse Østergård Æbelø",
    ],
)
def test_hostile_names_are_stored_as_text_and_never_run(
    client: Client, meeting: DialogMeeting, name: str
) -> None:
    response = client.post(f"/dialogmoeder/{meeting.pk}/", _form(name=name))
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        stored = Registration.objects.get()
        assert "\x00" not in stored.name
        receipt = client.get(stored.get_receipt_url()).content.decode()
        assert "<script>alert" not in receipt


def test_binary_post_body_is_refused_without_a_server_error(
    client: Client, meeting: DialogMeeting
) -> None:
    response = client.post(
        f"/dialogmoeder/{meeting.pk}/",
        data=b"name=\xff\xfe\x00\x01&contributor_type=citizen",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (302, 400)


def test_a_full_meeting_says_so(client: Client, process: Process) -> None:
    meeting = make_meeting(process, capacity=1)
    register(
        meeting=meeting,
        name="Først",
        contributor_type="citizen",
        consent_text_version=REGISTRATION_CONSENT_VERSION,
    )
    page = client.get(f"/dialogmoeder/{meeting.pk}/").content.decode()
    assert "fuldt booket" in page
    response = client.post(f"/dialogmoeder/{meeting.pk}/", _form(party_size="1"))
    assert response.status_code == 409


def test_registrant_data_never_appears_on_public_pages_or_the_api(
    client: Client, meeting: DialogMeeting, process: Process
) -> None:
    register(
        meeting=meeting,
        name=SECRET_NAME,
        email=SECRET_EMAIL,
        contributor_type="citizen",
        consent_text_version=REGISTRATION_CONSENT_VERSION,
    )
    for url in (
        f"/dialogmoeder/{meeting.pk}/",
        f"/processer/{process.slug}/dialogmoeder/",
        "/dialogmoeder/oversigt/",
        f"/dialogmoeder/{meeting.pk}/droeftelsesguide/",
        f"/api/v1/processes/{process.slug}/dialog-meetings/",
        f"/api/v1/dialog-meetings/{meeting.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET_NAME not in body, url
        assert SECRET_EMAIL not in body, url


def test_internal_meetings_and_unpublished_processes_are_not_found_for_the_public(
    client: Client, process: Process
) -> None:
    internal = make_meeting(process, is_public=False)
    hidden = make_meeting(make_process(slug="kladde", is_published=False))
    for pk in (internal.pk, hidden.pk):
        assert client.get(f"/dialogmoeder/{pk}/").status_code == 404
        assert client.get(f"/api/v1/dialog-meetings/{pk}/").status_code == 404
    assert client.get("/dialogmoeder/tilmelding/forkert-token/").status_code == 404


def test_staff_pages_need_login_and_the_right_role(
    meeting: DialogMeeting, process: Process
) -> None:
    urls = [
        "/medarbejder/dialogmoeder/",
        f"/medarbejder/processer/{process.slug}/dialogmoeder/nyt/",
        f"/medarbejder/dialogmoeder/{meeting.pk}/",
        f"/medarbejder/dialogmoeder/{meeting.pk}/rediger/",
        f"/medarbejder/dialogmoeder/{meeting.pk}/bordnoter/",
        f"/medarbejder/dialogmoeder/{meeting.pk}/spoergsmaal/",
    ]
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 302, url
        assert "/konto/" in response["Location"], url
    moderator = _staff_client(Role.MODERATOR, "moderator")
    for url in urls[1:2] + urls[3:]:
        assert moderator.get(url).status_code == 404, url
    secretary = _staff_client(Role.COMMITTEE_SECRETARY, "sekretaer")
    assert secretary.get(urls[3]).status_code == 404
    assert secretary.get(urls[4]).status_code == 200
    assert Client().post(f"/medarbejder/dialogmoeder/{meeting.pk}/aflys/").status_code == 302


def test_a_process_manager_plans_edits_cancels_a_meeting(process: Process) -> None:
    client = _staff_client(Role.PROCESS_MANAGER)
    starts = (timezone.localtime() + timedelta(days=3)).replace(microsecond=0)
    data = {
        "title": "Workshop om <b>fremtiden</b>",
        "kind": "workshop",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Kulturhuset",
        "postcode": "8900",
        "host_name": "Åse",
        "focus_areas": [first_area(process).pk],
        "is_public": "on",
    }
    url = f"/medarbejder/processer/{process.slug}/dialogmoeder/nyt/"
    assert client.post(url, {**data, "postcode": "9999x"}).status_code == 400
    assert client.post(url, {**data, "ends_at": data["starts_at"]}).status_code == 400
    assert client.post(url, {**data, "title": ""}).status_code == 400
    response = client.post(url, data)
    assert response.status_code == 302
    meeting = DialogMeeting.objects.get()
    assert meeting.district == "Randers C"
    assert meeting.questions.count() == 3
    page = client.get(f"/dialogmoeder/{meeting.pk}/").content.decode()
    assert "<b>fremtiden</b>" not in page
    edit = client.post(
        f"/medarbejder/dialogmoeder/{meeting.pk}/rediger/", {**data, "capacity": "40"}
    )
    assert edit.status_code == 302
    meeting.refresh_from_db()
    assert meeting.capacity == 40
    cancel_url = f"/medarbejder/dialogmoeder/{meeting.pk}/aflys/"
    assert client.post(cancel_url, {"reason": ""}).status_code == 400
    assert client.post(cancel_url, {"reason": "For få tilmeldte"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert "For få tilmeldte" in Client().get(f"/dialogmoeder/{meeting.pk}/").content.decode()


def test_mark_held_only_after_the_start(process: Process) -> None:
    client = _staff_client(Role.PROCESS_MANAGER)
    future = make_meeting(process)
    client.post(f"/medarbejder/dialogmoeder/{future.pk}/afholdt/")
    future.refresh_from_db()
    assert future.status == MeetingStatus.PLANNED
    past = make_meeting(process, starts_at=timezone.now() - timedelta(hours=3))
    client.post(f"/medarbejder/dialogmoeder/{past.pk}/afholdt/")
    past.refresh_from_db()
    assert past.status == MeetingStatus.HELD


def test_table_notes_save_the_good_rows_and_return_the_bad_with_their_own_message(
    process: Process,
) -> None:
    meeting = make_meeting(process, starts_at=timezone.now() - timedelta(hours=3))
    client = _staff_client(Role.COMMITTEE_SECRETARY, "sekretaer")
    url = f"/medarbejder/dialogmoeder/{meeting.pk}/bordnoter/"
    page = client.get(url).content.decode()
    assert page.count('name="note-') >= 30  # ten rows of three fields at least
    rows = [
        ("Flere cykelstier mellem landsbyerne, tak.", first_area(process).slug, "Bord 1"),
        ("kort", "", "Bord 2"),
        ("", "", ""),
        ("Lad os bruge skolen som mødested om aftenen – æøå.", "", "Bord <3>"),
        ("x" * 1_000_000, "", ""),
    ]
    data: dict[str, Any] = {
        "note-TOTAL_FORMS": "10",
        "note-INITIAL_FORMS": "0",
        "note-MIN_NUM_FORMS": "0",
        "note-MAX_NUM_FORMS": "50",
        "contributor_type": "citizen",
    }
    for index, (text, area, table) in enumerate(rows):
        data |= {
            f"note-{index}-text": text,
            f"note-{index}-focus_area": area,
            f"note-{index}-table_name": table,
            f"note-{index}-submission_key": f"key-{index}",
        }
    response = client.post(url, data)
    # The 1 MB row is refused by the form's length limit: nothing is saved, everything comes back.
    assert response.status_code == 400
    del data["note-4-text"]
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Skriv mindst" in body
    assert "kort" in body
    links = MeetingInput.objects.filter(meeting=meeting).select_related("input")
    assert sorted(link.table_name for link in links) == ["Bord 1", "Bord <3>"]
    assert all(link.input.channel == Channel.DIALOG_MEETING for link in links)
    # Sending the same rows again saves nothing twice.
    client.post(url, data)
    assert Input.objects.filter(channel=Channel.DIALOG_MEETING).count() == 2
    staff_page = client.get(f"/medarbejder/dialogmoeder/{meeting.pk}/").content.decode()
    assert "Flere cykelstier" in staff_page
    assert "Afventer" in staff_page
    assert "/tilbagemelding/kilde/?kanal=dialog_meeting" in staff_page


def test_questions_can_be_edited_and_the_guide_pdf_holds_areas_and_questions(
    process: Process, meeting: DialogMeeting
) -> None:
    client = _staff_client(Role.PROCESS_MANAGER)
    url = f"/medarbejder/dialogmoeder/{meeting.pk}/spoergsmaal/"
    questions = list(meeting.questions.all())
    data: dict[str, Any] = {
        "q-TOTAL_FORMS": str(len(questions) + 1),
        "q-INITIAL_FORMS": str(len(questions)),
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "100",
    }
    for index, question in enumerate(questions):
        data |= {
            f"q-{index}-question_id": str(question.pk),
            f"q-{index}-text": question.text if index else "",
            f"q-{index}-order": str(index),
            f"q-{index}-focus_area": question.focus_area.slug if question.focus_area else "",
        }
    last = len(questions)
    data |= {f"q-{last}-text": "Hvad betyder Gudenåen for jer?", f"q-{last}-order": "99"}
    assert client.post(url, data).status_code == 302
    assert meeting.questions.count() == len(questions)
    assert meeting.questions.filter(text="Hvad betyder Gudenåen for jer?").exists()

    response = Client().get(f"/dialogmoeder/{meeting.pk}/droeftelsesguide.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    for area in process.focus_areas.all():
        assert area.title in text
    assert "Gudenåen" in text
    assert "bygge videre på" in text


def test_the_overview_counts_held_meetings_per_district_and_committee(
    client: Client, process: Process
) -> None:
    from dialogportal.dialogmeetings.services import mark_held, record_table_note

    staff = make_staff("sek", Role.COMMITTEE_SECRETARY)
    held = make_meeting(process, starts_at=timezone.now() - timedelta(days=2))
    record_table_note(
        meeting=held,
        text="Vi vil have en bus om aftenen.",
        focus_area=None,
        submission_key="a",
        acting_user=staff,
    )
    mark_held(meeting=held, acting_user=staff)
    body = client.get("/dialogmoeder/oversigt/").content.decode()
    assert "Hvor har vi holdt dialogmøder?" in body
    for part in ("Spentrup", "<svg", "<table"):
        assert part in body
    listing = client.get(f"/api/v1/processes/{process.slug}/dialog-meetings/").json()
    assert listing["past"][0]["input_count"] == 1
