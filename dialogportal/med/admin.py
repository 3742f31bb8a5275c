from django.contrib import admin

from dialogportal.med.models import AuditEntry, Cascade, Hearing, HearingPart


@admin.register(Cascade)
class CascadeAdmin(admin.ModelAdmin[Cascade]):
    list_display = ("source_item", "target_committee", "status", "sent_at", "due_on")
    list_filter = ("status",)
    raw_id_fields = ("source_item", "target_item", "reported_in")


class HearingPartInline(admin.TabularInline[HearingPart, Hearing]):
    model = HearingPart
    extra = 0
    fields = ("committee", "status", "answered_at", "is_late")
    readonly_fields = ("answered_at", "is_late")


@admin.register(Hearing)
class HearingAdmin(admin.ModelAdmin[Hearing]):
    list_display = ("title", "committee", "answer_by", "status")
    list_filter = ("status",)
    raw_id_fields = ("source_item", "decision_item")
    inlines = [HearingPartInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ("at", "actor_name", "action", "cascade", "hearing", "part")
    list_filter = ("action",)

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
