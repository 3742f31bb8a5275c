import pytest

from dialogportal.core.demo import load_demo
from dialogportal.strategy.models import Initiative, StrategicPlan

pytestmark = pytest.mark.django_db


def test_the_demo_plan_is_built_once_with_linked_initiatives() -> None:
    load_demo(log=lambda _line: None)
    load_demo(log=lambda _line: None)
    plan = StrategicPlan.objects.get(process__slug="fremtidens-randers")
    initiatives = Initiative.objects.filter(goal__plan=plan)
    assert initiatives.count() == 6
    assert len(set(initiatives.values_list("status", flat=True))) >= 4
    assert all(item.input_links.exists() for item in initiatives)
