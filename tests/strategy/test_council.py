"""The council case (byrådssag) generated from the plan: a sagsnummer and a chosen route through
the political committees, correct Danish, only initiatives that are proposed or under way, the
main points of the dialog and the MED system's part, the plan and the hvidbog as real PDF files,
and its author can open what they made."""

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.inputs.models import Channel
from dialogportal.meetings.models import AgendaItem, Case, MeetingStatus
from dialogportal.strategy.council import council_case, create_council_item, format_dkk, sentence
from dialogportal.strategy.council.text import Stop
from dialogportal.strategy.models import InitiativeStatus
from dialogportal.strategy.services import link_input
from tests.factories import make_input, make_process, make_staff, publish
from tests.strategy.builders import (
    make_goal,
    make_initiative,
    make_plan,
    make_target_on,
    political_route,
)

pytestmark = pytest.mark.django_db

URL = "/medarbejder/processer/by/strategisk-plan/byraadssag/"

# Slips seen in generated Danish texts: doubled or stray punctuation, an amount followed by a
# second full stop, "følges op på årligt", empty parentheses, a lowercase "at"-clause ending in
# a full stop before the last, placeholders left in, doubled words.
SLIPS = [
    (re.compile(r"\.\."), "double full stop"),
    (re.compile(r"kr\.\."), "kr.."),
    (re.compile(r"følges op på årligt"), "følges op på årligt"),
    (re.compile(r" [,.;:](?!\d)"), "space before punctuation"),
    (re.compile(r"[^\n]  +\S"), "double space"),
    (re.compile(r"\(\s*\)"), "empty parentheses"),
    (re.compile(r"%\(|\{\{|None|\bnan\b"), "placeholder or None"),
    (re.compile(r"\b(\w+) \1\b", re.IGNORECASE), "doubled word"),
    (re.compile(r",\.|\.,"), "comma and full stop together"),
]


def _slips(text: str) -> list[str]:
    return [
        f"{name}: …{text[max(0, m.start() - 30) : m.end() + 30]}…"
        for pattern, name in SLIPS
        for m in pattern.finditer(text)
    ]


def _plan(**initiative: Any) -> Any:
    process = make_process(slug="by", title="Fremtidens Testby")
    plan = make_plan(process, title="Testby 2035")
    goal = make_goal(plan, text="Flere i job og flere private arbejdspladser.")
    make_target_on(goal)
    make_initiative(goal, title="Jobcenter i landsbyerne.", budget_dkk=7_950_000, **initiative)
    make_initiative(
        goal, title="Erhvervsservice", budget_dkk=1_250_000, status=InitiativeStatus.PLANNED
    )
    make_initiative(
        goal,
        title="Gammel forsøgsordning",
        budget_dkk=3_000_000,
        status=InitiativeStatus.DROPPED,
        status_reason="Erstattet af jobcentret.",
    )
    make_initiative(
        goal, title="Afsluttet kampagne", budget_dkk=500_000, status=InitiativeStatus.DONE
    )
    return plan


def test_amounts_are_danish_and_sentences_never_get_two_full_stops() -> None:
    assert format_dkk(7_950_000) == "7.950.000 kr."
    assert sentence("Det samlede budget er " + format_dkk(7_950_000)) == (
        "Det samlede budget er 7.950.000 kr."
    )
    assert sentence("Planen forelægges til vedtagelse") == "Planen forelægges til vedtagelse."


@pytest.mark.parametrize(
    "route", [(), ("Byrådet",), ("Teknik og Miljø", "Økonomiudvalget", "Byrådet")]
)
def test_the_generated_texts_have_none_of_the_known_slips(route: tuple[str, ...]) -> None:
    plan = _plan(status=InitiativeStatus.IN_PROGRESS)
    title, content = council_case(plan, [Stop(committee=name) for name in route])
    texts = [
        title,
        content.summary or "",
        content.recommendation_intro,
        *content.recommendations,
        content.case_description or "",
        content.finances or "",
    ]
    for text in texts:
        assert _slips(text) == [], text
    assert content.recommendations[-1] == "at indsatsernes fremdrift følges op årligt."
    assert all(clause.startswith("at ") for clause in content.recommendations)
    assert "7.950.000 kr." in (content.finances or "")


def test_only_initiatives_proposed_or_under_way_are_put_to_the_council() -> None:
    plan = _plan(status=InitiativeStatus.IN_PROGRESS)
    _title, content = council_case(plan)
    text = (content.case_description or "") + (content.finances or "")
    assert "Jobcenter i landsbyerne" in text
    assert "Erhvervsservice" in text
    assert "Gammel forsøgsordning" not in text
    assert "Afsluttet kampagne" not in text
    # 7.950.000 + 1.250.000, not the dropped or the completed initiative's budget
    assert "samlet budget på 9.200.000 kr." in (content.finances or "")
    assert "2 indsatser" in (content.summary or "")


def test_the_case_states_the_dialog_and_the_med_systems_part() -> None:
    plan = _plan()
    process = plan.process
    med = make_input(process, text="Hovedudvalget foreslår flere småjobs.")
    med.channel = Channel.MED_COMMITTEE
    med.source = "MED Hovedudvalg"
    med.save(update_fields=["channel", "source"])
    web = make_input(process, text="Flere cykelstier, tak.")
    publish(med, web)
    link_input(initiative=plan.goals.get().initiatives.first(), item=web, acting_user=None)
    _title, content = council_case(plan)
    text = content.case_description or ""
    assert "### Dialogen" in text
    assert "### Hovedpointer fra dialogen" in text
    assert "### Inddragelse af MED-systemet" in text
    assert "MED Hovedudvalg: 1" in text
    assert "Analysen af dialogen er endnu ikke færdig." in text


def test_a_process_manager_files_the_case_with_its_route_and_opens_what_they_made(
    client: Client,
) -> None:
    plan = _plan(status=InitiativeStatus.IN_PROGRESS)
    first, second, council = political_route()
    author = make_staff("leder", Role.PROCESS_MANAGER)
    client.force_login(author)
    response = client.post(
        URL,
        {
            "journal_number": "00.01.00-P35-3-30",
            "first": first.pk,
            "second": second.pk,
            "last": council.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = AgendaItem.objects.get()
    assert response["Location"] == f"/punkter/{item.pk}/"
    assert item.meeting == first
    assert item.journal_number == "00.01.00-P35-3-30"
    assert item.created_by == author
    case = Case.objects.get()
    assert case.journal_number == "00.01.00-P35-3-30"
    assert case.process == plan.process
    assert [(s.committee.name, s.meeting) for s in case.steps.all()] == [
        ("Teknik og Miljø", first),
        ("Økonomiudvalget", second),
        ("Byrådet", council),
    ]
    assert item.recommendation_intro == (
        "Administrationen indstiller til Teknik og Miljø, Økonomiudvalget og Byrådet,"
    )
    # The author (not a committee secretary) opens the item and its attachments.
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Vedtagelse af Testby 2035" in page.text
    assert "Sagsgang:" in page.text
    attachments = list(item.attachments.order_by("title"))
    assert [a.title for a in attachments] == ["Hvidbog", "Strategisk plan"]
    for attachment in attachments:
        download = client.get(f"/bilag/{attachment.pk}/")
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    # Another process manager gets the item as the public would – not at all while planned.
    client.force_login(make_staff("anden", Role.PROCESS_MANAGER))
    assert client.get(response["Location"]).status_code == 404
    # The council page lists the case.
    client.force_login(author)
    assert "00.01.00-P35-3-30" in client.get(URL).text


def test_the_same_case_twice_on_one_agenda_is_refused() -> None:
    plan = _plan()
    _first, _second, council = political_route()
    create_council_item(
        plan=plan, journal_number="00.01.00-P35-3-30", meetings=[council], acting_user=None
    )
    with pytest.raises(ValidationError, match="står allerede på dagsordenen"):
        create_council_item(
            plan=plan, journal_number="00.01.00-P35-3-30", meetings=[council], acting_user=None
        )
    assert AgendaItem.objects.count() == 1


def test_a_route_must_end_in_the_city_council_and_run_forward_in_time() -> None:
    plan = _plan()
    first, second, council = political_route()
    with pytest.raises(ValidationError, match="slutter i Byrådet"):
        create_council_item(
            plan=plan, journal_number="1", meetings=[first, second], acting_user=None
        )
    with pytest.raises(ValidationError, match="efter hinanden"):
        create_council_item(
            plan=plan, journal_number="1", meetings=[second, first, council], acting_user=None
        )
    assert not AgendaItem.objects.exists()
    assert not Case.objects.exists()


def test_a_case_on_a_held_meeting_is_refused() -> None:
    plan = _plan()
    _first, _second, council = political_route(status=MeetingStatus.AGENDA_PUBLISHED)
    council.status = MeetingStatus.HELD
    council.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="lukket"):
        create_council_item(plan=plan, journal_number="1", meetings=[council], acting_user=None)
    assert not AgendaItem.objects.exists()
