from typing import Any

from django import template

from dialogportal.indicators.queries import focus_area_figures_context
from dialogportal.processes.models import FocusArea

register = template.Library()


@register.inclusion_tag("indicators/_focus_area_figures.html")
def focus_area_figures(area: FocusArea) -> dict[str, Any]:
    """The focus area's key figures: sentence, chart, table alternative and source each."""
    return focus_area_figures_context(area)
