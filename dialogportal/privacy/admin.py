from django.contrib import admin

from dialogportal.accounts.admin import ReadOnlyAdmin
from dialogportal.privacy.models import RetentionRun


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "as_of", "inputs_anonymised", "attachments_deleted")
