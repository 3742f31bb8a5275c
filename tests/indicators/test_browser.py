"""The white-paper page in a real browser (Debian's chromium), checked with axe-core."""

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.browser_support import CHROMIUM, assert_accessible
from tests.indicators.conftest import load_demo_figures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


def test_white_paper_and_focus_area_figures_are_accessible(page: Any, live_server: Any) -> None:
    load_demo_figures()

    page.goto(live_server.url + "/processer/fremtidens-randers/hvidbog/", timeout=60_000)

    assert page.get_by_role("heading", level=1).inner_text() == "Hvidbogens nøgletal"
    chart = page.get_by_role("img", name="Beskæftigelsesfrekvens, 16-64 år (pct.)")
    assert chart.is_visible()
    assert page.get_by_text(
        "Randers 72,1\u00a0% mod 76,4\u00a0% på landsplan (2024).", exact=True
    ).is_visible()
    assert_accessible(page)

    page.locator("#noegletal-beskaeftigelsesfrekvens summary").click()
    table = page.get_by_role(
        "table", name="Beskæftigelsesfrekvens, 16-64 år (pct.) efter område og periode"
    )
    assert table.is_visible()
    assert table.get_by_role("row").count() == 11
    assert_accessible(page)
    if os.environ.get("INDICATORS_SCREENSHOT"):
        page.screenshot(path=os.environ["INDICATORS_SCREENSHOT"], full_page=False)

    _check_every_demo_focus_area_page(page)


# What the integrator adds to inputs/templates/inputs/pages/focus_area_detail.html.
FOCUS_AREA_PAGE = (
    '{% extends "inputs/pages/focus_area_detail.html" %}{% load indicators %}'
    "{% block focus_area_sections %}{% focus_area_figures focus_area %}{% endblock %}"
)


def _check_every_demo_focus_area_page(page: Any) -> None:
    """Each demo focus area page as it looks once the integrator adds the tag (rendered here,
    shown in the browser on the live server's origin so static files load)."""
    from django.template import engines
    from django.test import RequestFactory

    from dialogportal.processes.models import FocusArea

    template = engines["django"].from_string(FOCUS_AREA_PAGE)
    areas = FocusArea.objects.filter(process__slug="fremtidens-randers").select_related("process")
    assert areas.count() == 7
    for area in areas:
        request = RequestFactory().get(area.get_absolute_url())
        request.user = AnonymousUser()
        html = template.render(
            {"process": area.process, "focus_area": area, "current_phase": None}, request
        )
        page.set_content(html)
        assert page.get_by_role("heading", level=2, name="Nøgletal").is_visible()
        assert page.locator("svg[role=img]").count() >= 1
        assert page.get_by_text("på landsplan (2024)").first.is_visible()
        assert page.get_by_text("Demotal:").first.is_visible()
        assert_accessible(page)


def test_staff_upload_pages_are_accessible(page: Any, live_server: Any, tmp_path: Path) -> None:
    from django.test import Client

    from dialogportal.accounts.models import Role
    from tests.factories import make_staff

    load_demo_figures()
    client = Client()
    client.force_login(make_staff("procesansvarlig", Role.PROCESS_MANAGER))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + "/processer/fremtidens-randers/noegletal/", timeout=60_000)
    assert page.get_by_role("heading", level=1).inner_text() == "Nøgletal"
    assert_accessible(page)

    page.get_by_role("link", name="Upload tal for Middellevetid for 0-årige").click()
    assert_accessible(page)
    bad = tmp_path / "tal.csv"
    bad.write_text("område;periode;værdi\n999;2024;1\n730;2024;80,9\n730;2024;81\n", "utf-8")
    page.get_by_label("Fil med tal (CSV eller Excel .xlsx)").set_input_files(str(bad))
    page.get_by_label("Kilde").fill("Kilde: Danmarks Statistik, HISBK")
    page.get_by_role("button", name="Se tallene før de gemmes").click()
    assert page.get_by_text("Filen har 2 fejl og er ikke gemt.").is_visible()
    assert_accessible(page)

    good = tmp_path / "godt.csv"
    good.write_text("område;periode;værdi\n730;2025;81,2\n000;2025;81,9\n", "utf-8")
    page.get_by_label("Fil med tal (CSV eller Excel .xlsx)").set_input_files(str(good))
    page.get_by_label("Kilde").fill("Kilde: Danmarks Statistik, HISBK")
    page.get_by_role("button", name="Se tallene før de gemmes").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Gennemse tallene")
    assert_accessible(page)
    page.get_by_role("button", name="Gem tallene").click()
    assert page.get_by_text("2 tal er gemt for Middellevetid for 0-årige").is_visible()
