"""Read-only admin views of runs and labels: results are written only by the services."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from dialogportal.analysis.models import AnalysisRun, AreaLabel


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AnalysisRun)
class AnalysisRunAdmin(ReadOnlyAdmin):
    list_display = ("pk", "process", "status", "progress", "engine_version", "created_at")
    list_filter = ("status", "process")
    readonly_fields = (
        "process",
        "status",
        "progress",
        "step",
        "engine_version",
        "backend",
        "parameters",
        "counts",
        "timings",
        "warnings",
        "input_count",
        "error",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    )


@admin.register(AreaLabel)
class AreaLabelAdmin(ReadOnlyAdmin):
    list_display = ("input", "focus_area", "confirmed_by", "confirmed_at")
    list_select_related = ("input", "focus_area", "confirmed_by")
    raw_id_fields = ("input",)
