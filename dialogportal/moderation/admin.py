from django.contrib import admin
from django.http import HttpRequest

from dialogportal.moderation.models import AccessLog, ModerationDecision, RetentionRun


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Logs are evidence: visible in the admin, never edited or deleted there."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("accessed_at", "username", "kind", "input", "detail")
    list_filter = ("kind",)


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "as_of", "inputs_anonymised", "attachments_deleted")


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(ReadOnlyAdmin):
    list_display = ("decided_at", "input", "action", "actor", "state_after")
    list_filter = ("action",)
    exclude = ("title_before", "title_after", "text_before", "text_after")
