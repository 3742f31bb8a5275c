from django.urls import URLPattern, URLResolver, path

from dialogportal.meetings import api, staff_views, views

app_name = "meetings"

# Pages (under the language prefix).
urlpatterns: list[URLPattern | URLResolver] = [
    path("udvalg/", views.committee_list, name="committees"),
    path("udvalg/<slug:slug>/", views.committee_detail, name="committee"),
    path("udvalg/<slug:slug>/kalender.ics", views.committee_calendar_feed, name="calendar"),
    path(
        "udvalg/<slug:slug>/kalender/<token:token>.ics",
        views.private_calendar_feed,
        name="private_calendar",
    ),
    path(
        "udvalg/<slug:slug>/kalender/ny-adresse/",
        views.renew_calendar_address,
        name="renew_calendar",
    ),
    path("moeder/<int:pk>/", views.meeting_detail, name="meeting"),
    path("moeder/<int:pk>/underskriv/", views.meeting_sign, name="sign"),
    path("punkter/<int:pk>/", views.item_detail, name="item"),
    path("moeder/<int:pk>/dokument.pdf", views.meeting_pdf, name="meeting_pdf"),
    path("moeder/<int:pk>/dokument.docx", views.meeting_docx, name="meeting_docx"),
    path("moeder/<int:pk>/versioner/", views.meeting_versions, name="versions"),
    path("moeder/<int:pk>/versioner/<int:number>/", views.meeting_version, name="version"),
    path("bilag/<int:pk>/", views.attachment_download, name="attachment"),
    path("sekretariat/", staff_views.home, name="staff_home"),
    path("sekretariat/udvalg/<slug:slug>/nyt-moede/", staff_views.plan, name="staff_plan"),
    path("sekretariat/moeder/<int:pk>/", staff_views.meeting, name="staff_meeting"),
    path(
        "sekretariat/moeder/<int:pk>/status/",
        staff_views.meeting_status,
        name="staff_meeting_status",
    ),
    path(
        "sekretariat/moeder/<int:pk>/fremmoede/",
        staff_views.meeting_attendance,
        name="staff_meeting_attendance",
    ),
    path(
        "sekretariat/moeder/<int:pk>/godkend/",
        staff_views.meeting_approve,
        name="staff_meeting_approve",
    ),
    path(
        "sekretariat/moeder/<int:pk>/punkter/",
        staff_views.meeting_add_item,
        name="staff_meeting_add_item",
    ),
    path(
        "sekretariat/moeder/<int:pk>/send-input/",
        staff_views.meeting_send_inputs,
        name="staff_meeting_send_inputs",
    ),
    path(
        "sekretariat/punkter/<int:pk>/flyt-<str:direction>/",
        staff_views.item_move,
        name="staff_item_move",
    ),
    path("sekretariat/punkter/<int:pk>/", staff_views.item, name="staff_item"),
    path(
        "sekretariat/punkter/<int:pk>/send-videre/",
        staff_views.item_forward,
        name="staff_item_forward",
    ),
    path(
        "sekretariat/punkter/<int:pk>/fravaer/",
        staff_views.item_attendance_add,
        name="staff_item_attendance_add",
    ),
    path(
        "sekretariat/punkter/<int:pk>/fravaer/<int:row_pk>/fjern/",
        staff_views.item_attendance_remove,
        name="staff_item_attendance_remove",
    ),
    path(
        "sekretariat/punkter/<int:pk>/afstemninger/",
        staff_views.item_vote_add,
        name="staff_item_vote_add",
    ),
    path(
        "sekretariat/punkter/<int:pk>/afstemninger/<int:vote_pk>/fjern/",
        staff_views.item_vote_remove,
        name="staff_item_vote_remove",
    ),
    path(
        "sekretariat/punkter/<int:pk>/protokol/",
        staff_views.item_note_add,
        name="staff_item_note_add",
    ),
    path(
        "sekretariat/punkter/<int:pk>/protokol/<int:note_pk>/fjern/",
        staff_views.item_note_remove,
        name="staff_item_note_remove",
    ),
    path("sekretariat/punkter/<int:pk>/rediger/", staff_views.item_edit, name="staff_item_edit"),
    path(
        "sekretariat/punkter/<int:pk>/bilag/",
        staff_views.item_attachment_add,
        name="staff_item_attachment_add",
    ),
    path(
        "sekretariat/punkter/<int:pk>/bilag/<int:attachment_pk>/",
        staff_views.item_attachment_update,
        name="staff_item_attachment_update",
    ),
    path(
        "sekretariat/punkter/<int:pk>/bilag/<int:attachment_pk>/fjern/",
        staff_views.item_attachment_remove,
        name="staff_item_attachment_remove",
    ),
    path(
        "sekretariat/punkter/<int:pk>/referat/",
        staff_views.item_decision,
        name="staff_item_decision",
    ),
    path("sekretariat/punkter/<int:pk>/ret/", staff_views.item_correct, name="staff_item_correct"),
    path(
        "sekretariat/punkter/<int:pk>/send-input/",
        staff_views.item_send_inputs,
        name="staff_item_send_inputs",
    ),
]

# REST API, mounted under /api/v1/ without a language prefix.
api_urlpatterns: list[URLPattern | URLResolver] = [
    path("committees/", api.committees, name="committees"),
    path("committees/<slug:slug>/meetings/", api.committee_meetings, name="committee-meetings"),
    path("meetings/<int:pk>/", api.meeting, name="meeting"),
]
