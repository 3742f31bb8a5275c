"""Every write of the analysis app (the web side). Split by use case; import from here.

The worker's side (running the engine, storing its results, computing vectors) is in
`analysis.execution`, `analysis.storing` and `analysis.vectors`; the names callers need are
re-exported here."""

from dialogportal.analysis.execution import execute_analysis_run
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
    run_analysis_now,
    start_analysis_run,
)
from dialogportal.analysis.vectors import (
    analysed_inputs,
    compute_missing_vectors,
    configured_backend,
    store_vectors,
)

__all__ = [
    "AnalysisAlreadyRunningError",
    "analysed_inputs",
    "compute_missing_vectors",
    "configured_backend",
    "confirm_area_label",
    "edit_theme",
    "execute_analysis_run",
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
    "run_analysis_now",
    "split_theme",
    "start_analysis_run",
    "store_vectors",
]
