from django.contrib import admin

from dialogportal.processes.models import FocusArea, Phase, Process, ProcessDocument


class PhaseInline(admin.TabularInline[Phase, Process]):
    model = Phase
    extra = 0


class FocusAreaInline(admin.TabularInline[FocusArea, Process]):
    model = FocusArea
    extra = 0
    prepopulated_fields = {"slug": ("title",)}


class DocumentInline(admin.TabularInline[ProcessDocument, Process]):
    model = ProcessDocument
    extra = 0
    fields = ("title", "file", "original_name", "is_public", "order")


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin[Process]):
    list_display = ("title", "slug", "is_published", "publishes_immediately", "shows_postcode")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [PhaseInline, FocusAreaInline, DocumentInline]
