"""The plan over HTTP: the public page and API show only publishable input, staff forms refuse
bad input with 400, only plan editors reach the staff screens, the council case and the PDF."""

from typing import Any

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.moderation.services.decisions import hide_input, publish_input_redacted
from dialogportal.strategy.models import Initiative
from dialogportal.strategy.services import link_input
from tests.factories import make_input, make_process, make_staff, publish
from tests.strategy.builders import make_goal, make_initiative, make_plan, make_target_on

pytestmark = pytest.mark.django_db


def _plan_with_links() -> tuple[Any, Initiative, dict[str, Any]]:
    process = make_process(slug="by")
    plan = make_plan(process)
    goal = make_goal(plan)
    make_target_on(goal)
    initiative = make_initiative(goal, budget_dkk=1_250_000)
    shown = make_input(process, text="Offentligt forslag om cykelstier")
    secret = make_input(process, text="Ikke-offentliggjort HEMMELIGHED")
    hidden = make_input(process, text="Skjult TEKST-SKJULT")
    redacted = make_input(process, text="Ring til mig på 12345678 om busser")
    publish(shown, hidden)
    moderator = make_staff("moderator", Role.MODERATOR)
    hide_input(item=hidden, acting_user=moderator)
    publish_input_redacted(item=redacted, acting_user=moderator)
    for item in (shown, secret, hidden, redacted):
        link_input(initiative=initiative, item=item, acting_user=None)
    return process, initiative, {"shown": shown}


def test_the_public_page_and_api_never_show_unpublished_hidden_or_redacted_text(
    client: Client,
) -> None:
    _process, _initiative, _items = _plan_with_links()
    page = client.get("/processer/by/strategisk-plan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Offentligt forslag om cykelstier" in html
    assert "Det bygger på 4 input" in html
    assert "<progress" in html
    api = client.get("/api/v1/processes/by/strategic-plan/")
    assert api.status_code == 200
    for body in (html, api.content.decode()):
        for secret in ("HEMMELIGHED", "TEKST-SKJULT", "12345678"):
            assert secret not in body


def test_the_plan_of_an_unpublished_process_is_not_found(client: Client) -> None:
    make_plan(make_process(slug="lukket", is_published=False))
    assert client.get("/processer/lukket/strategisk-plan/").status_code == 404
    assert client.get("/api/v1/processes/lukket/strategic-plan/").status_code == 404


def test_the_plan_pdf_carries_the_plans_text(client: Client) -> None:
    _plan_with_links()
    response = client.get("/processer/by/strategisk-plan.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Randers 2035" in text
    assert "Jobcenter i landsbyerne" in text


@pytest.mark.parametrize("role", [None, Role.MODERATOR, Role.COMMITTEE_SECRETARY])
def test_only_plan_editors_reach_the_staff_screens(client: Client, role: Role | None) -> None:
    make_plan(make_process(slug="by"))
    if role is not None:
        client.force_login(make_staff("someone", role))
    response = client.get("/medarbejder/processer/by/strategisk-plan/")
    assert response.status_code in (302, 404)


HOSTILE: list[tuple[str, str]] = [
    ("empty", ""),
    ("huge", "x" * 1_000_000),
    ("nul", "Jobcenter\x00"),
]


@pytest.mark.parametrize(("name", "value"), HOSTILE)
def test_the_initiative_form_refuses_bad_input_with_400(
    client: Client, name: str, value: str
) -> None:
    goal = make_goal(make_plan(make_process(slug="by")))
    client.force_login(make_staff("leder", Role.PROCESS_MANAGER))
    url = f"/medarbejder/strategi/maal/{goal.pk}/indsats/ny/"
    response = client.post(
        url,
        {
            "title": value,
            "owner_name": "Jobcentret",
            "status": "planned",
            "progress": 0,
            "order": 0,
        },
    )
    assert response.status_code == 400
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    "extra",
    [
        {"budget_dkk": "-5"},
        {"budget_dkk": "99999999999999999999"},
        {"starts_on": "31.02.2026"},
        {"starts_on": "2026-05-01", "ends_on": "2026-04-01"},
        {"progress": "101"},
        {"status": "dropped"},
    ],
)
def test_the_initiative_form_refuses_bad_numbers_dates_and_missing_reasons(
    client: Client, extra: dict[str, str]
) -> None:
    goal = make_goal(make_plan(make_process(slug="by")))
    client.force_login(make_staff("leder", Role.PROCESS_MANAGER))
    data = {"title": "Indsats", "owner_name": "Jobcentret", "status": "planned", "progress": "0"}
    data["order"] = "0"
    data.update(extra)
    response = client.post(f"/medarbejder/strategi/maal/{goal.pk}/indsats/ny/", data)
    assert response.status_code == 400
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    "title",
    ["<script>alert(1)</script>", "'; DROP TABLE strategy_initiative; --", "Ærø Å Ø 🌱 ﷽"],
)
def test_the_initiative_form_stores_odd_text_as_text_and_escapes_it(
    client: Client, title: str
) -> None:
    goal = make_goal(make_plan(make_process(slug="by")))
    client.force_login(make_staff("leder", Role.PROCESS_MANAGER))
    data = {"title": title, "owner_name": "Jobcentret", "status": "planned", "progress": "10"}
    data["order"] = "0"
    response = client.post(f"/medarbejder/strategi/maal/{goal.pk}/indsats/ny/", data)
    assert response.status_code == 302
    page = client.get("/processer/by/strategisk-plan/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert Initiative.objects.get().title == title


def test_the_plan_form_refuses_an_adopted_plan_without_a_date(client: Client) -> None:
    make_process(slug="by")
    client.force_login(make_staff("leder", Role.PROCESS_MANAGER))
    url = "/medarbejder/processer/by/strategisk-plan/"
    assert client.post(url, {"title": "Plan", "status": "adopted"}).status_code == 400
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"title": "Plan", "status": "draft"}).status_code == 302
