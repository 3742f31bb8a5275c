"""Administrators' view of dialog meetings. Registrations (personal data) are not here: the
meeting's staff page shows them to the people who run the meeting."""

from django.contrib import admin

from dialogportal.dialogmeetings.models import DialogMeeting, DiscussionQuestion, MeetingInput


class QuestionInline(admin.TabularInline[DiscussionQuestion, DialogMeeting]):
    model = DiscussionQuestion
    extra = 0
    fields = ("focus_area", "text", "order")


class MeetingInputInline(admin.TabularInline[MeetingInput, DialogMeeting]):
    model = MeetingInput
    extra = 0
    fields = ("input", "table_name", "created_at")
    readonly_fields = ("input", "table_name", "created_at")
    can_delete = False


@admin.register(DialogMeeting)
class DialogMeetingAdmin(admin.ModelAdmin[DialogMeeting]):
    list_display = ("title", "process", "kind", "starts_at", "district", "status", "is_public")
    list_filter = ("status", "kind", "is_public", "process")
    search_fields = ("title", "place", "district", "host_name")
    date_hierarchy = "starts_at"
    readonly_fields = ("district", "created_at", "created_by")
    filter_horizontal = ("committees", "units", "focus_areas")
    inlines = [QuestionInline, MeetingInputInline]
