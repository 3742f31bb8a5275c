"""Every staff form of the plan with bad input — empty, huge, NUL bytes, hostile markup, SQL-ish
text, unusual Unicode, wrong numbers and dates, ids of other processes, binary bodies: a clear
400 and nothing stored; never a server error."""

from datetime import date
from typing import Any

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.indicators.models import Indicator
from dialogportal.meetings.models import AgendaItem, Case, MeetingStatus
from dialogportal.meetings.services import plan_meeting
from dialogportal.strategy.models import Goal, Initiative, InitiativeInput, ProgressUpdate, Target
from tests.factories import first_area, make_input, make_process, make_staff
from tests.strategy.builders import (
    make_goal,
    make_indicator,
    make_initiative,
    make_plan,
    political_route,
)

pytestmark = pytest.mark.django_db

HUGE = "x" * 1_000_000


@pytest.fixture
def setup(client: Client) -> dict[str, Any]:
    process = make_process(slug="by")
    goal = make_goal(make_plan(process))
    initiative = make_initiative(goal)
    other = make_process(slug="andet")
    client.force_login(make_staff("leder", Role.PROCESS_MANAGER))
    return {
        "process": process,
        "goal": goal,
        "initiative": initiative,
        "indicator": make_indicator(process),
        "other_input": make_input(other),
        "other_indicator": Indicator.objects.create(
            process=other, slug="andet-tal", name="Andet tal", unit="pct."
        ),
    }


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"text": ""},
        {"text": HUGE},
        {"text": "Flere i job\x00"},
        {"focus_area": "abc"},
        {"focus_area": "999999"},
        {"focus_area": "1 OR 1=1"},
        {"order": "-1"},
        {"order": "1.5"},
    ],
)
def test_the_goal_form_refuses_bad_input(
    client: Client, setup: dict[str, Any], data: dict[str, str]
) -> None:
    base = {"focus_area": str(first_area(setup["process"]).pk), "text": "Mål", "order": "0"}
    response = client.post(
        "/medarbejder/processer/by/strategisk-plan/maal/nyt/", {**base, **data} if data else {}
    )
    assert response.status_code == 400
    assert Goal.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"baseline_value": "abc"},
        {"baseline_value": "1e400"},
        {"baseline_value": "NaN"},
        {"baseline_value": HUGE},
        {"baseline_year": "1800"},
        {"target_year": "2020"},  # before the baseline year
        {"direction": "sideways"},
        {"target_value": "70"},  # an increase that goes down
        {"indicator": "other"},
        {"indicator": "<script>alert(1)</script>"},
    ],
)
def test_the_target_form_refuses_bad_input(
    client: Client, setup: dict[str, Any], data: dict[str, str]
) -> None:
    base = {
        "indicator": str(setup["indicator"].pk),
        "baseline_value": "72,1",
        "baseline_year": "2024",
        "target_value": "75",
        "target_year": "2030",
        "direction": "increase",
    }
    if data.get("indicator") == "other":
        data = {"indicator": str(setup["other_indicator"].pk)}
    response = client.post(
        f"/medarbejder/strategi/maal/{setup['goal'].pk}/maalepunkt/nyt/", {**base, **data}
    )
    assert response.status_code == 400
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"given_on": "31.02.2026"},
        {"given_on": "'; DROP TABLE strategy_progressupdate; --"},
        {"progress": "-1"},
        {"progress": "101"},
        {"progress": "ti"},
        {"note": ""},
        {"note": HUGE},
        {"note": "Godt i gang\x00"},
        {"status": "dropped"},  # without a reason
        {"status": "forgotten"},
    ],
)
def test_the_progress_form_refuses_bad_input(
    client: Client, setup: dict[str, Any], data: dict[str, str]
) -> None:
    base = {"given_on": "01.03.2026", "progress": "40", "note": "Godt i gang", "status": ""}
    response = client.post(
        f"/medarbejder/strategi/indsatser/{setup['initiative'].pk}/fremdrift/", {**base, **data}
    )
    assert response.status_code == 400
    assert not ProgressUpdate.objects.exists()
    setup["initiative"].refresh_from_db()
    assert setup["initiative"].progress == 0


@pytest.mark.parametrize("value", ["abc", "999999", "other", "1; DELETE", "\x00"])
def test_the_link_form_refuses_inputs_it_does_not_offer(
    client: Client, setup: dict[str, Any], value: str
) -> None:
    if value == "other":
        value = str(setup["other_input"].pk)
    response = client.post(
        f"/medarbejder/strategi/indsatser/{setup['initiative'].pk}/grundlag/",
        {"is_link_form": "True", "inputs": [value]},
    )
    assert response.status_code == 400
    assert not InitiativeInput.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"journal_number": "00.01.00-P35-3-30"},
        {"journal_number": "", "last": "council"},
        {"journal_number": "x" * 101, "last": "council"},
        {"journal_number": "00.01.00-P35-3-30", "last": "abc"},
        {"journal_number": "00.01.00-P35-3-30", "last": "999999"},
        {"journal_number": "00.01.00-P35-3-30", "last": "-1"},
        {"journal_number": "00.01.00-P35-3-30", "last": "½"},
        {"journal_number": "00.01.00-P35-3-30", "last": "held"},
        {"journal_number": "00.01.00-P35-3-30", "last": "first"},
        {"journal_number": "00.01.00-P35-3-30", "first": "council", "last": "council"},
        {
            "journal_number": "00.01.00-P35-3-30",
            "first": "second",
            "second": "first",
            "last": "council",
        },
        {"journal_number": "\x00", "last": "council"},
    ],
)
def test_the_council_form_refuses_a_route_it_cannot_use(
    client: Client, setup: dict[str, Any], fields: dict[str, str]
) -> None:
    first, second, council = political_route()
    held = plan_meeting(
        committee=council.committee,
        held_on=date(2030, 12, 1),
        with_standard_items=False,
        status=MeetingStatus.HELD,
    )
    ids = {"first": first.pk, "second": second.pk, "council": council.pk, "held": held.pk}
    data = {name: str(ids.get(value, value)) for name, value in fields.items()}
    response = client.post("/medarbejder/processer/by/strategisk-plan/byraadssag/", data)
    assert response.status_code == 400
    assert not AgendaItem.objects.exists()
    assert not Case.objects.exists()


def test_an_empty_post_never_unlinks_what_an_initiative_builds_on(
    client: Client, setup: dict[str, Any]
) -> None:
    from dialogportal.inputs.models import Input
    from dialogportal.strategy.services import link_input

    item = make_input(setup["process"])
    link_input(initiative=setup["initiative"], item=Input.objects.get(pk=item.pk), acting_user=None)
    url = f"/medarbejder/strategi/indsatser/{setup['initiative'].pk}/grundlag/"
    assert client.post(url, {}).status_code == 400
    assert InitiativeInput.objects.count() == 1
    assert client.post(url, {"is_link_form": "True"}).status_code == 302  # the form, unticked
    assert InitiativeInput.objects.count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "/medarbejder/processer/by/strategisk-plan/",
        "/medarbejder/processer/by/strategisk-plan/maal/nyt/",
        "/medarbejder/processer/by/strategisk-plan/byraadssag/",
        "goal:/medarbejder/strategi/maal/{goal}/maalepunkt/nyt/",
        "goal:/medarbejder/strategi/maal/{goal}/indsats/ny/",
        "initiative:/medarbejder/strategi/indsatser/{initiative}/",
        "initiative:/medarbejder/strategi/indsatser/{initiative}/fremdrift/",
        "initiative:/medarbejder/strategi/indsatser/{initiative}/grundlag/",
    ],
)
def test_a_binary_body_gets_a_clear_answer_and_changes_nothing(
    client: Client, setup: dict[str, Any], path: str
) -> None:
    if ":" in path:
        _, path = path.split(":", 1)
        path = path.format(goal=setup["goal"].pk, initiative=setup["initiative"].pk)
    counts = (Goal.objects.count(), Initiative.objects.count(), Target.objects.count())
    response = client.post(
        path, data=bytes(range(256)) * 8, content_type="application/octet-stream"
    )
    assert response.status_code == 400
    assert (Goal.objects.count(), Initiative.objects.count(), Target.objects.count()) == counts
