"""Staff pages of the analysis: runs and their results (`runs`), and curating themes before
they are published (`curation`)."""

from dialogportal.analysis.views.curation import (
    theme_detail,
    theme_edit,
    theme_inputs,
    theme_list,
    theme_merge,
    theme_move,
    theme_status,
    theme_suggest,
)
from dialogportal.analysis.views.runs import (
    area_detail,
    confirm_area,
    input_detail,
    retry_run,
    run_detail,
    run_list,
    run_progress,
    start_run,
)

__all__ = [
    "area_detail",
    "confirm_area",
    "input_detail",
    "retry_run",
    "run_detail",
    "run_list",
    "run_progress",
    "start_run",
    "theme_detail",
    "theme_edit",
    "theme_inputs",
    "theme_list",
    "theme_merge",
    "theme_move",
    "theme_status",
    "theme_suggest",
]
