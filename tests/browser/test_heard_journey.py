"""Issue 18's "Det har vi hørt" in a real browser (Debian's chromium, axe-core): at 1280 and 390
px the page has contents, answered themes first, the unanswered ones folded, charts that fit the
phone, and "find mit input" by keyboard; no sideways scroll; axe passes."""

from typing import Any

import pytest
from playwright.sync_api import expect

from dialogportal.strategy.services import InitiativeData, link_theme, save_initiative
from tests.browser_support import assert_accessible
from tests.feedback import builders, scenario
from tests.strategy.builders import make_goal, make_initiative, make_plan

pytestmark = pytest.mark.django_db(transaction=True)


def _no_sideways_scroll(page: Any) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls {overflow}px sideways"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_citizen_reads_what_was_heard_and_finds_their_input(
    page: Any, live_server: Any, width: int
) -> None:
    made = scenario.build()
    goal = make_goal(make_plan(made.process))
    initiative = make_initiative(goal, title="Boligplan for midtbyen")
    link_theme(
        initiative=initiative,
        theme=builders.curated(made.run, "Renovering af boliger"),
        acting_user=None,
    )
    save_initiative(
        goal=goal,
        initiative=initiative,
        data=InitiativeData(
            title="Boligplan for midtbyen",
            owner_name="Teknik og Miljø",
            status="dropped",
            status_reason="Byrådet valgte en anden løsning.",
        ),
        acting_user=None,
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/processer/fremtiden/det-har-vi-hoert/")
    _no_sideways_scroll(page)
    assert_accessible(page)
    main = page.locator("main")
    expect(main.locator(".feedback-contents")).to_contain_text("Temaer med kommunens svar (1)")
    answered = main.locator("#besvarede")
    expect(answered).to_contain_text("men indsatsen er opgivet: Byrådet valgte en anden løsning.")
    expect(answered).not_to_contain_text("Det indgår i indsatsen")
    expect(answered.get_by_role("link", name="Boligplan for midtbyen")).to_be_visible()
    # The unanswered theme is folded away until asked for.
    folded = main.locator("details.feedback-unanswered")
    expect(folded.locator("h3")).to_be_hidden()
    folded.locator("summary").click()
    expect(folded.locator("h3", has_text="Faste kontaktpersoner")).to_be_visible()
    # Each chart is one table whose bars fit beside the labels on the phone.
    for table in main.locator("table.bar-table__table").all():
        box = table.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= width

    # Find my input, by keyboard: a bad query first (Danish message), then the number.
    page.goto(f"{live_server.url}/processer/fremtiden/det-har-vi-hoert/")
    page.locator("#find-nr").focus()
    page.keyboard.type("<b>æøå</b>")
    page.keyboard.press("Enter")
    expect(page.locator("#find-nr-error")).to_contain_text("Skriv nummeret med tal")
    _no_sideways_scroll(page)
    assert_accessible(page)
    page.locator("#find-nr").fill("")
    page.locator("#find-nr").focus()
    page.keyboard.type(f"nr. {made.committee_input.pk}")
    page.keyboard.press("Enter")
    result = page.locator("#find-result")
    expect(result).to_contain_text(f"Input nr. {made.committee_input.pk}")
    expect(result).to_contain_text("endnu ikke besvaret")
    # Its theme is unanswered: the fold is open and the link leads to it.
    expect(page.locator("details.feedback-unanswered")).to_have_attribute("open", "")
    result.get_by_role("link", name="Faste kontaktpersoner").click()
    expect(
        page.locator(f"#tema-{builders.curated(made.run, 'Faste kontaktpersoner').pk} h3")
    ).to_be_in_viewport()
    _no_sideways_scroll(page)
    assert_accessible(page)
