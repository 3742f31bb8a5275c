"""The staff home per role after login, and the one staff navigation."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dialogportal.accounts.models import Role
from dialogportal.analysis.models import AnalysisRun, RunStatus
from tests.factories import make_input, make_process, make_staff

pytestmark = pytest.mark.django_db

NAV = {
    "Processer": "/medarbejder/processer/",
    "Alle input": "/medarbejder/input/",
    "Moderering": "/moderering/",
    "Analyse": "/medarbejder/vaerktoej/analyse/",
    "Tilbagemelding": "/medarbejder/vaerktoej/tilbagemelding/",
    "Strategisk plan": "/medarbejder/vaerktoej/strategisk-plan/",
    "Nøgletal": "/medarbejder/vaerktoej/noegletal/",
    "Dialogmøder": "/medarbejder/dialogmoeder/",
    "Udvalgssekretariat": "/sekretariat/",
    "MED-systemet": "/med/",
}


def _nav(page: str) -> set[str]:
    start = page.index('aria-label="Medarbejdermenu"')
    menu = page[start : page.index("</nav>", start)]
    return {label for label, url in NAV.items() if f'href="{url}"' in menu}


def test_logging_in_lands_staff_on_their_home(client: Client) -> None:
    make_staff("moderator", Role.MODERATOR)
    response = client.post(
        "/konto/login/", {"username": "moderator", "password": "pw-for-tests-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/medarbejder/"
    assert "Mit overblik" in client.get("/medarbejder/").content.decode()


def test_the_home_asks_anonymous_visitors_to_log_in(client: Client) -> None:
    assert client.get("/medarbejder/")["Location"].startswith("/konto/login/")


def test_the_public_sees_no_staff_navigation(client: Client) -> None:
    make_process()
    assert "Medarbejdermenu" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.MODERATOR, {"Moderering", "Analyse", "Dialogmøder"}),
        (Role.COMMITTEE_SECRETARY, {"Udvalgssekretariat", "MED-systemet", "Dialogmøder"}),
        (Role.MED_SECRETARIAT, {"MED-systemet"}),
        (
            Role.PROCESS_MANAGER,
            {
                "Processer",
                "Alle input",
                "Analyse",
                "Tilbagemelding",
                "Strategisk plan",
                "Nøgletal",
                "Dialogmøder",
            },
        ),
        (Role.ADMINISTRATOR, set(NAV)),
    ],
)
def test_the_staff_navigation_shows_what_the_role_may_do(
    client: Client, role: Role, expected: set[str]
) -> None:
    client.force_login(make_staff("person", role))
    page = client.get("/medarbejder/").content.decode()
    shown = _nav(page)
    # Every link shown opens for this role (none leads to a refusal).
    for label in shown:
        assert client.get(NAV[label], follow=True).status_code == 200, label
    assert expected <= shown


def test_a_moderator_sees_the_queue_and_open_reports(client: Client) -> None:
    process = make_process()
    make_input(process)
    make_input(process)
    client.force_login(make_staff("moderator", Role.MODERATOR))
    page = client.get("/medarbejder/").content.decode()
    assert "2 input venter på gennemsyn" in page
    assert "0 anmeldelser er ikke behandlet" in page
    assert "Temaer uden svar" not in page


def test_a_process_manager_sees_processes_runs_and_unanswered_themes(client: Client) -> None:
    process = make_process(is_published=False)
    manager = make_staff("proces", Role.PROCESS_MANAGER)
    AnalysisRun.objects.create(process=process, status=RunStatus.RUNNING)
    client.force_login(manager)
    page = client.get("/medarbejder/").content.decode()
    assert "Fremtidens Testby" in page
    assert "ikke åbnet" in page
    assert "Analyser i gang" in page
    assert "Kører" in page
    assert "Temaer uden svar" in page


def test_the_home_tells_a_finished_process_from_an_open_one(client: Client) -> None:
    # A published process is "open" only while a phase takes input; one whose last phase has
    # ended reads "afsluttet", as on the citizens' pages.
    make_process(slug="aaben", title="Åben proces")
    make_process(slug="slut", title="Afsluttet proces", now=timezone.now() - timedelta(days=60))
    client.force_login(make_staff("proces", Role.PROCESS_MANAGER))
    page = client.get("/medarbejder/").content.decode()
    assert "Åben proces</a>: åben for input" in page
    assert "Afsluttet proces</a>: afsluttet" in page


def test_a_tool_for_one_process_opens_it_directly_or_lets_you_choose(client: Client) -> None:
    make_process()
    client.force_login(make_staff("proces", Role.PROCESS_MANAGER))
    response = client.get("/medarbejder/vaerktoej/noegletal/")
    assert response["Location"] == "/processer/proces/noegletal/"
    make_process(slug="anden", title="Anden proces")
    choice = client.get("/medarbejder/vaerktoej/noegletal/").content.decode()
    assert "Anden proces" in choice
    assert "Fremtidens Testby" in choice


def test_a_tool_outside_the_role_is_not_found(client: Client) -> None:
    make_process()
    client.force_login(make_staff("sekretaer", Role.COMMITTEE_SECRETARY))
    assert client.get("/medarbejder/vaerktoej/noegletal/").status_code == 404
    assert client.get("/medarbejder/vaerktoej/ukendt/").status_code == 404
