"""Read-only API: a process's strategic plan as the public page shows it. Linked inputs appear
only through the display rule (`public_input`); the rest only count."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from dialogportal.strategy.permissions import get_plan_for_user
from dialogportal.strategy.queries import InitiativeView, TargetView, plan_view


def _target(view: TargetView) -> dict[str, Any]:
    target = view.target
    return {
        "indicator": view.indicator.slug,
        "indicator_name": view.indicator.name,
        "unit": view.indicator.unit,
        "baseline_value": str(target.baseline_value),
        "baseline_year": target.baseline_year,
        "target_value": str(target.target_value),
        "target_year": target.target_year,
        "direction": target.direction,
        "latest_value": view.latest,
        "latest_period": view.latest_period,
    }


def _initiative(view: InitiativeView) -> dict[str, Any]:
    item = view.initiative
    return {
        "id": item.pk,
        "title": item.title,
        "description": item.description,
        "owner": item.owner_name,
        "owner_unit": item.owner_unit.name if item.owner_unit else None,
        "budget_dkk": item.budget_dkk,
        "starts_on": item.starts_on.isoformat() if item.starts_on else None,
        "ends_on": item.ends_on.isoformat() if item.ends_on else None,
        "status": item.status,
        "status_reason": item.status_reason,
        "progress": item.progress,
        "input_count": view.input_count,
        "inputs": [
            {"id": i.id, "title": i.title, "text": i.text, "focus_area": i.focus_area_slug}
            for i in view.public_inputs
        ],
        "themes": [{"id": t.id, "label": t.label} for t in view.themes],
        "updates": [
            {"given_on": u.given_on.isoformat(), "progress": u.progress, "note": u.note}
            for u in view.updates
        ],
    }


@extend_schema(responses={200: dict}, summary="A process's strategic plan")
@api_view(["GET"])
def strategic_plan(request: Request, slug: str) -> Response:
    view = plan_view(get_plan_for_user(request.user, slug))
    plan = view.plan
    return Response(
        {
            "process": plan.process.slug,
            "title": plan.title,
            "summary": plan.summary,
            "status": plan.status,
            "adopted_on": plan.adopted_on.isoformat() if plan.adopted_on else None,
            "total_budget_dkk": view.total_budget,
            "url": plan.get_absolute_url(),
            "focus_areas": [
                {
                    "slug": area.area.slug,
                    "title": area.area.title,
                    "goals": [
                        {
                            "id": goal.goal.pk,
                            "text": goal.goal.text,
                            "targets": [_target(t) for t in goal.targets],
                            "initiatives": [_initiative(i) for i in goal.initiatives],
                        }
                        for goal in area.goals
                    ],
                }
                for area in view.areas
            ],
        }
    )
