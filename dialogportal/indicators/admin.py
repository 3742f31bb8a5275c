from django.contrib import admin

from dialogportal.indicators.models import (
    ComparisonSet,
    FigureUpload,
    Indicator,
    Observation,
    RefreshLog,
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
    list_display = ("name", "process", "source_kind", "spec_key", "unit", "is_demo", "order")
    list_filter = ("process", "source_kind", "is_demo")
    search_fields = ("name", "slug", "description")
    filter_horizontal = ("focus_areas",)
    readonly_fields = ("data_version",)


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin[Observation]):
    list_display = ("indicator", "area_code", "period", "value")
    list_filter = ("indicator__process", "indicator")
    search_fields = ("area_code", "period")


@admin.register(ComparisonSet)
class ComparisonSetAdmin(admin.ModelAdmin[ComparisonSet]):
    list_display = ("process", "municipality_code", "country_code", "peer_codes")


@admin.register(RefreshLog)
class RefreshLogAdmin(admin.ModelAdmin[RefreshLog]):
    list_display = ("indicator", "kind", "started_at", "outcome", "rows_received", "source_version")
    list_filter = ("kind", "outcome")
    readonly_fields = [field.name for field in RefreshLog._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(FigureUpload)
class FigureUploadAdmin(admin.ModelAdmin[FigureUpload]):
    list_display = ("indicator", "filename", "status", "uploaded_by", "uploaded_at")
    list_filter = ("status",)
    exclude = ("data",)
    readonly_fields = (
        "indicator",
        "filename",
        "sha256",
        "status",
        "uploaded_by",
        "uploaded_at",
        "saved_at",
    )
