from django.contrib import admin

from dialogportal.accounts.admin import ReadOnlyAdmin
from dialogportal.moderation.models import ModerationDecision


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(ReadOnlyAdmin):
    list_display = ("decided_at", "input", "action", "actor", "state_after")
    list_filter = ("action",)
    exclude = ("title_before", "title_after", "text_before", "text_after")
