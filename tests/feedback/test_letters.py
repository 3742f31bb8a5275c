"""Everyone hears back: letters (real WeasyPrint PDFs) for contributors without e-mail, one per
contributor or one per dialog meeting; personal letters only for roles that may see contact
data, and every letter made is in the access log (over the real HTTP stack)."""

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from dialogportal.accounts.models import AccessLog, Role
from dialogportal.feedback import services
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.strategy.services import InitiativeData, link_input, save_initiative
from tests.feedback import builders, scenario
from tests.strategy.builders import make_goal, make_initiative, make_plan

pytestmark = pytest.mark.django_db

PAGE = "/medarbejder/processer/fremtiden/breve/"
PDF = "/medarbejder/processer/fremtiden/breve.pdf"
MEETING = "Borgermøde i Spentrup (12.05.2026)"


def _text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _paper_world() -> tuple[scenario.Scenario, Input, Input, Input]:
    made = scenario.build()
    postcard = builders.contributed(
        made.process,
        text="Vi ønsker en legeplads ved skolen i Spentrup.",
        area_slug="omraade-1",
        channel="postcard",
        email="",
        consent_contact=False,
        name="Åse Ørnø",
    )
    services.answer_input(
        item=postcard, status="considered", text="Vi ser på legepladser i 2027.", acting_user=None
    )
    note = builders.contributed(
        made.process,
        text="Bordet ønsker bedre busforbindelser om aftenen.",
        area_slug="omraade-2",
        channel="dialog_meeting",
        source=MEETING,
        email="",
        consent_contact=False,
        name="",
    )
    hidden_note = builders.contributed(
        made.process,
        text=scenario.HIDDEN_TEXT,
        area_slug="omraade-2",
        channel="dialog_meeting",
        source=MEETING,
        email="",
        consent_contact=False,
        name="",
        state=ModerationState.HIDDEN,
    )
    return made, postcard, note, hidden_note


def _manager() -> Client:
    client = Client()
    client.force_login(builders.staff())
    return client


def test_letters_need_login_and_a_role_that_may_see_contact_data() -> None:
    _paper_world()
    for url in (PAGE, PDF + "?alle=1"):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/konto/" in response["Location"]
    for role in (Role.MODERATOR, Role.COMMITTEE_SECRETARY):
        client = Client()
        client.force_login(builders.staff(f"u-{role.value}", role))
        assert client.get(PAGE).status_code in (403, 404)
        assert client.get(PDF + "?alle=1").status_code in (403, 404)
    assert not AccessLog.objects.exists()


def test_the_letters_page_lists_contributors_without_email_and_is_logged() -> None:
    _made, postcard, _note, _hidden = _paper_world()
    page = _manager().get(PAGE)
    assert page.status_code == 200
    assert "Åse Ørnø" in page.text
    assert "Borgermøde i Spentrup" in page.text
    assert "Karen Blixen" not in page.text  # she has an e-mail address
    logged = AccessLog.objects.filter(object_id=postcard.pk, kind="contact_data")
    assert logged.count() == 1


def test_a_contributor_letter_carries_the_answer_and_the_initiative_state_and_is_logged() -> None:
    made, postcard, _note, _hidden = _paper_world()
    goal = make_goal(make_plan(made.process, title="Spentrup 2030"))
    initiative = make_initiative(goal, title="Legepladser i landsbyerne")
    link_input(initiative=initiative, item=postcard, acting_user=None)
    save_initiative(
        goal=goal,
        initiative=initiative,
        data=InitiativeData(
            title="Legepladser i landsbyerne",
            owner_name="Børn og Skole",
            status="dropped",
            status_reason="Pengene gik til skolebusser.",
        ),
        acting_user=None,
    )
    response = _manager().get(PDF, {"input": str(postcard.pk)})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = " ".join(_text(response.content).split())
    assert "Kære Åse Ørnø" in text
    assert f"Svar på dit input nr. {postcard.pk}" in text
    assert "legeplads ved skolen i Spentrup" in text
    assert "Vi ser på legepladser i 2027." in text
    assert "men indsatsen er opgivet: Pengene gik til skolebusser." in text
    assert "Det indgår i indsatsen" not in text
    assert AccessLog.objects.filter(
        object_id=postcard.pk, kind="contact_data", detail__startswith="Breve (PDF)"
    ).exists()


def test_all_letters_come_as_one_pdf_one_letter_per_page() -> None:
    _made, _postcard, _note, _hidden = _paper_world()
    response = _manager().get(PDF, {"alle": "1"})
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 1
    assert "Åse Ørnø" in reader.pages[0].extract_text()


def test_the_meeting_letter_shows_published_notes_and_only_the_status_of_the_others() -> None:
    _made, _postcard, note, hidden = _paper_world()
    response = _manager().get(PDF, {"moede": MEETING})
    assert response.status_code == 200
    text = " ".join(_text(response.content).split())
    assert "Kære deltagere" in text
    assert "bedre busforbindelser" in text
    assert f"Input nr. {hidden.pk}" in text
    assert "Vestergade" not in text
    assert note.pk


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"input": ""},
        {"input": "abc"},
        {"input": "<script>alert(1)</script>"},
        {"input": "9" * 5000},
        {"input": "1 OR 1=1"},
        {"input": "ÆØÅ"},
        {"moede": "Findes ikke æøå <b>"},
        {"moede": "x" * 10_000},
        {"alle": "ja"},
    ],
)
def test_bad_letter_requests_are_not_found_and_nothing_is_logged(query: dict[str, str]) -> None:
    _paper_world()
    response = _manager().get(PDF, query)
    assert response.status_code == 404
    assert not AccessLog.objects.filter(detail__startswith="Breve (PDF)").exists()


def test_a_contributor_with_email_gets_no_paper_letter() -> None:
    made, _postcard, _note, _hidden = _paper_world()
    assert _manager().get(PDF, {"input": str(made.named.pk)}).status_code == 404


def test_no_one_to_write_to_sends_the_manager_back_with_a_message() -> None:
    builders.small_process("fremtiden")
    response = _manager().get(PDF, {"alle": "1"}, follow=True)
    assert response.redirect_chain[-1][0].endswith(PAGE)
    assert "Der er ingen afsendere uden e-mail at skrive til." in response.text
