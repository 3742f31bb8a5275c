import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from tests.factories import make_process, make_staff
from tests.strategy.builders import make_goal, make_initiative, make_plan, make_target_on

pytestmark = pytest.mark.django_db


def test_administrators_see_plans_goals_and_initiatives_in_the_admin(client: Client) -> None:
    plan = make_plan(make_process(slug="by"))
    goal = make_goal(plan)
    make_target_on(goal)
    initiative = make_initiative(goal)
    client.force_login(make_staff("admin", Role.ADMINISTRATOR))
    for path in (
        "/admin/strategy/strategicplan/",
        f"/admin/strategy/strategicplan/{plan.pk}/change/",
        f"/admin/strategy/goal/{goal.pk}/change/",
        "/admin/strategy/initiative/",
        f"/admin/strategy/initiative/{initiative.pk}/change/",
    ):
        assert client.get(path).status_code == 200, path
