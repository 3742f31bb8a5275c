""" "Det har vi hørt" for people: contents, answered themes first, unanswered ones folded away
with a count, "find mit input" by number, charts that are their own table, the linked
initiative's real state, and the page language (over the real HTTP stack)."""

import re

import pytest
from django.test import Client

from dialogportal.strategy.services import InitiativeData, link_input, link_theme, save_initiative
from tests.feedback import builders, scenario
from tests.strategy.builders import make_goal, make_initiative, make_plan

pytestmark = pytest.mark.django_db

PAGE = "/processer/fremtiden/det-har-vi-hoert/"


def test_answered_themes_come_first_and_unanswered_ones_are_folded_with_a_count() -> None:
    scenario.build()
    text = Client().get(PAGE).text
    answered = text.index('id="tema-', text.index('id="besvarede"'))
    details = text.index('<details class="feedback-unanswered">')
    assert text.index("Renovering af boliger", answered) < details
    assert "Vis 1 tema uden svar" in text
    assert text.index("Faste kontaktpersoner", details) > details
    start = text.index('class="feedback-contents"')
    contents = text[start : text.index("</nav>", start)]
    assert "Temaer med kommunens svar (1)" in contents
    assert "Temaer uden svar endnu (1)" in contents
    assert 'href="#find-mit-input"' in contents


def test_a_chart_is_its_own_table_sorted_largest_first_with_links_to_the_themes() -> None:
    made = scenario.build()
    text = Client().get(PAGE).text
    start = text.index('id="heard-themes-caption"')
    table = text[start : text.index("</table>", start)]
    rows = re.findall(r'<th scope="row"[^>]*><a href="#tema-(\d+)">([^<]+)</a>', table)
    assert [title for _id, title in rows] == ["Renovering af boliger", "Faste kontaktpersoner"]
    assert all(f'id="tema-{theme_id}"' in text for theme_id, _title in rows)
    assert made.run is not None


def test_find_my_input_by_number_points_to_its_theme_and_status() -> None:
    made = scenario.build()
    page = Client().get(PAGE, {"nr": f"nr. {made.named.pk}"})
    assert page.status_code == 200
    result = page.text[page.text.index('id="find-result"') :]
    assert f"Input nr. {made.named.pk}" in result
    assert "Status:" in result
    theme_link = re.search(r'<a href="#tema-(\d+)" lang="da">Renovering af boliger</a>', result)
    assert theme_link is not None
    assert "kommunen har svaret" in result


def test_find_my_input_on_an_unanswered_theme_unfolds_it() -> None:
    made = scenario.build()
    text = Client().get(PAGE, {"nr": str(made.committee_input.pk)}).text
    assert '<details class="feedback-unanswered" open>' in text


@pytest.mark.parametrize("which", ["hidden", "pending", "unknown"])
def test_find_my_input_says_the_same_for_hidden_pending_and_unknown_numbers(which: str) -> None:
    made = scenario.build()
    number = {"hidden": made.hidden.pk, "pending": made.pending.pk, "unknown": 987654}[which]
    page = Client().get(PAGE, {"nr": str(number)})
    assert page.status_code == 200
    assert f"Vi kan ikke vise input nr. {number} her." in page.text
    for secret in scenario.NEVER_PUBLIC:
        assert secret not in page.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Skriv nummeret fra din kvittering"),
        ("   ", "Skriv nummeret fra din kvittering"),
        ("x" * 5000, "Nummeret er for langt"),
        ("<script>alert(1)</script>", "Skriv nummeret med tal"),
        ("1 OR 1=1; DROP TABLE inputs_input", "Skriv nummeret med tal"),
        ("ÆØÅ æøå", "Skriv nummeret med tal"),
        ("12\u202e34", "Skriv nummeret med tal"),
        ("99999999999999999999", "Skriv nummeret med tal"),
        ("https://dialog.example/input/kvittering/abc/", "Det ligner dit personlige link"),
    ],
)
def test_find_my_input_refuses_bad_input_with_a_danish_message(query: str, message: str) -> None:
    scenario.build()
    page = Client().get(PAGE, {"nr": query})
    assert page.status_code == 400
    assert message in page.text
    assert "<script>alert(1)" not in page.text
    assert 'aria-invalid="true"' in page.text


# Committed, as every request's writes are: on PostgreSQL the public version that keys the page
# cache is bumped by deferred triggers when the transaction commits (docs/caching.md), which a
# test inside one never-committed transaction would not see.
@pytest.mark.django_db(transaction=True)
def test_a_paused_initiative_is_never_said_to_include_the_idea() -> None:
    made = scenario.build()
    goal = make_goal(make_plan(made.process, title="Randers 2035"))
    initiative = make_initiative(goal, title="Boligplan for midtbyen")
    link_input(initiative=initiative, item=made.named, acting_user=None)
    link_theme(
        initiative=initiative,
        theme=builders.curated(made.run, "Renovering af boliger"),
        acting_user=None,
    )
    text = Client().get(PAGE).text
    assert "Det indgår i indsatsen »" in text
    assert "Indsatsen er planlagt." in text
    assert f'href="/processer/fremtiden/strategisk-plan/#initiative-{initiative.pk}"' in text

    save_initiative(
        goal=goal,
        initiative=initiative,
        data=InitiativeData(
            title="Boligplan for midtbyen",
            owner_name="Teknik og Miljø",
            status="paused",
            status_reason="Afventer budgetforhandlingerne i 2027.",
        ),
        acting_user=None,
    )
    for page in (
        Client().get(PAGE).text,
        Client().get(made.named.get_receipt_url()).text,
        Client().get(PAGE, {"nr": str(made.named.pk)}).text,
    ):
        assert "Det indgår i indsatsen" not in page
        assert "Indgår i indsatsen" not in page
        assert "men indsatsen er sat i bero" in page
        assert "Afventer budgetforhandlingerne i 2027." in page
    api = Client().get(f"/api/v1/feedback/receipts/{made.named.receipt_token}/").json()
    assert any("sat i bero" in outcome for outcome in api["outcomes"])


def test_the_english_page_writes_its_sentences_in_english_and_marks_danish_content() -> None:
    made = scenario.build()
    initiative = make_initiative(make_goal(make_plan(made.process)), title="Boligplan")
    link_theme(
        initiative=initiative,
        theme=builders.curated(made.run, "Renovering af boliger"),
        acting_user=None,
    )
    text = Client().get("/en" + PAGE).text
    assert "Find your input" in text
    assert "Themes with the municipality's answer" in text
    assert "It is part of the initiative" in text
    assert "Det indgår" not in text
    assert '<h3 id="tema-' in text
    assert 'lang="da">Renovering af boliger</h3>' in text
    assert re.search(r'<div lang="da"><p>Vi renoverer 400 boliger', text)
    bad = Client().get("/en" + PAGE, {"nr": "abc"})
    assert bad.status_code == 400
    assert "Write the number in digits" in bad.text
