"""Outcomes linked before outcomes carried their initiative (strategy 0003): they follow the
initiative's state from then on, and staff-written ones stay as they were."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from dialogportal.feedback.models import Outcome
from dialogportal.inputs.models import Input
from dialogportal.strategy.models import Initiative, InitiativeInput, InitiativeStatus
from tests.factories import make_input, make_process, publish
from tests.strategy.builders import make_goal, make_initiative, make_plan

migration = import_module(
    "dialogportal.strategy.migrations.0003_outcomes_follow_linked_initiatives"
)

pytestmark = pytest.mark.django_db


def _old_link(initiative: Initiative, item: Input, text: str) -> Outcome:
    """What link_input stored before the change: a link and a frozen sentence."""
    InitiativeInput.objects.create(initiative=initiative, input=item)
    return Outcome.objects.create(
        process=item.process, input=item, text=text, created_at=timezone.now()
    )


def test_an_old_linked_outcome_follows_its_dropped_initiative_and_staff_text_stays() -> None:
    process = make_process(slug="gammel")
    plan = make_plan(process, title="Randers 2035")
    initiative = make_initiative(
        make_goal(plan),
        title="Natbus til landsbyerne",
        status=InitiativeStatus.DROPPED,
        status_reason="Regionen betaler ikke – æøå",
    )
    item = make_input(process)
    publish(item)
    frozen = _old_link(
        initiative,
        item,
        "Indgår i indsatsen »Natbus til landsbyerne« i den strategiske plan »Randers 2035«.",
    )
    staff = Outcome.objects.create(
        process=process, input=item, text="Vi har talt med Midttrafik.", created_at=timezone.now()
    )
    other = make_input(process, text="Et andet input.")
    unlinked = Outcome.objects.create(
        process=process, input=other, text=frozen.text, created_at=timezone.now()
    )

    migration.link_old_outcomes(apps, None)

    frozen.refresh_from_db()
    assert frozen.link_key == f"initiative:{initiative.pk}"
    assert (frozen.link_title, frozen.link_context) == ("Natbus til landsbyerne", "Randers 2035")
    assert frozen.link_state == InitiativeStatus.DROPPED
    assert frozen.link_reason == "Regionen betaler ikke – æøå"
    assert frozen.link_url.endswith(
        f"/processer/gammel/strategisk-plan/#initiative-{initiative.pk}"
    )
    staff.refresh_from_db()
    unlinked.refresh_from_db()
    assert staff.link_key == unlinked.link_key == ""
    migration.link_old_outcomes(apps, None)  # running again changes nothing
    assert Outcome.objects.exclude(link_key="").count() == 1
