from django.contrib import admin

from dialogportal.processes.models import FocusArea, Phase, Process


class PhaseInline(admin.TabularInline[Phase, Process]):
    model = Phase
    extra = 0


class FocusAreaInline(admin.TabularInline[FocusArea, Process]):
    model = FocusArea
    extra = 0
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin[Process]):
    list_display = ("title", "slug", "is_published")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [PhaseInline, FocusAreaInline]
