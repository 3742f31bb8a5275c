"""Every write of the analysis app on the web side (curation, labels, starting runs). Split by
use case; import from here.

The worker's side (running the engine, storing its results, computing vectors) is in
`analysis.execution`, `analysis.storing` and `analysis.vectors`, with `run_analysis_now` (a run
done in the calling process). Nothing here imports them: they load the text engine (numpy,
scipy, simplemma), which the web process must not (tests/core/test_web_imports.py)."""

from dialogportal.analysis.queries.inputs import analysed_inputs
from dialogportal.analysis.services.curation import (
    edit_theme,
    mark_draft,
    mark_ready,
    merge_themes,
    move_inputs,
    move_theme,
    split_theme,
)
from dialogportal.analysis.services.labels import confirm_area_label, remove_area_label
from dialogportal.analysis.services.runs import (
    AnalysisAlreadyRunningError,
    fail_lost_runs,
    fail_stale_runs,
    refresh_run_status,
    retry_analysis_run,
    start_analysis_run,
)

__all__ = [
    "AnalysisAlreadyRunningError",
    "analysed_inputs",
    "confirm_area_label",
    "edit_theme",
    "fail_lost_runs",
    "fail_stale_runs",
    "mark_draft",
    "mark_ready",
    "merge_themes",
    "move_inputs",
    "move_theme",
    "refresh_run_status",
    "remove_area_label",
    "retry_analysis_run",
    "split_theme",
    "start_analysis_run",
]
