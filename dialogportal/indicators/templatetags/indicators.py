from typing import Any

from django import template

from dialogportal.indicators.queries import figures_for_focus_area
from dialogportal.processes.models import FocusArea

register = template.Library()


@register.inclusion_tag("indicators/_focus_area_figures.html")
def focus_area_figures(area: FocusArea) -> dict[str, Any]:
    """The focus area's key figures: sentence, chart, table alternative and source each."""
    return {"figures": figures_for_focus_area(area), "process_slug": area.process.slug}
