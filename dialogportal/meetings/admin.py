from django.contrib import admin

from dialogportal.meetings.models import (
    AgendaItem,
    AgendaTemplateItem,
    Attachment,
    AuditEntry,
    Case,
    CaseStep,
    ItemSection,
    Meeting,
    MinutesApproval,
    MinutesVersion,
    Recommendation,
)


class AgendaItemInline(admin.TabularInline[AgendaItem, Meeting]):
    model = AgendaItem
    extra = 0
    fields = ("number", "order", "title", "kind", "is_closed", "is_draft")
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ("committee", "held_on", "start_time", "place", "status")
    list_filter = ("status", "committee__kind", "committee__level")
    search_fields = ("committee__name", "place")
    date_hierarchy = "held_on"
    inlines = [AgendaItemInline]


class SectionInline(admin.StackedInline[ItemSection, AgendaItem]):
    model = ItemSection
    extra = 0


class RecommendationInline(admin.TabularInline[Recommendation, AgendaItem]):
    model = Recommendation
    extra = 0


class AttachmentInline(admin.TabularInline[Attachment, AgendaItem]):
    model = Attachment
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin[AgendaItem]):
    list_display = ("number", "title", "meeting", "kind", "is_closed", "is_draft")
    list_filter = ("kind", "is_closed", "is_draft")
    search_fields = ("title", "journal_number")
    readonly_fields = ("committee", "year", "kle_subject", "kle_facet", "kle_serial", "kle_year")
    inlines = [SectionInline, RecommendationInline, AttachmentInline]


@admin.register(AgendaTemplateItem)
class AgendaTemplateItemAdmin(admin.ModelAdmin[AgendaTemplateItem]):
    list_display = ("committee", "order", "title", "kind", "is_last")


@admin.register(MinutesApproval)
class MinutesApprovalAdmin(admin.ModelAdmin[MinutesApproval]):
    list_display = ("meeting", "role", "person_name", "approved_at")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(MinutesVersion)
class MinutesVersionAdmin(admin.ModelAdmin[MinutesVersion]):
    list_display = ("meeting", "number", "reason", "created_at")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


class CaseStepInline(admin.TabularInline[CaseStep, Case]):
    model = CaseStep
    extra = 0
    can_delete = False
    readonly_fields = ("order", "committee", "meeting")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin[Case]):
    """Cases are opened and routed by the services (council case, forwarding, import)."""

    list_display = ("journal_number", "title", "process", "created_at")
    search_fields = ("journal_number", "title")
    readonly_fields = ("journal_number", "title", "process", "created_by", "created_at")
    inlines = [CaseStepInline]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """The meetings audit log: read only."""

    list_display = ("at", "action", "meeting_label", "item_label", "actor_name")
    list_filter = ("action",)
    search_fields = ("meeting_label", "item_label", "actor_name")
    date_hierarchy = "at"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
