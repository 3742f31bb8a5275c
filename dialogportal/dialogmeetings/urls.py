from django.urls import URLPattern, URLResolver, path

from dialogportal.dialogmeetings import api, staff_views, views

app_name = "dialogmeetings"

urlpatterns: list[URLPattern | URLResolver] = [
    path("processer/<slug:slug>/dialogmoeder/", views.process_meetings, name="process_meetings"),
    path("dialogmoeder/oversigt/", views.overview, name="overview"),
    path("dialogmoeder/<int:pk>/", views.meeting_detail, name="detail"),
    path("dialogmoeder/<int:pk>/droeftelsesguide/", views.guide, name="guide"),
    path("dialogmoeder/<int:pk>/droeftelsesguide.pdf", views.guide_pdf, name="guide_pdf"),
    path("dialogmoeder/<int:pk>/tilbagemelding/", views.meeting_feedback, name="feedback"),
    path(
        "dialogmoeder/<int:pk>/tilbagemelding.pdf",
        views.meeting_feedback,
        {"fmt": "pdf"},
        name="feedback_pdf",
    ),
    path(
        "dialogmoeder/tilmelding/<token:token>/",
        views.registration_receipt,
        name="registration",
    ),
    # Staff
    path("medarbejder/dialogmoeder/", staff_views.staff_list, name="staff_list"),
    path(
        "medarbejder/processer/<slug:slug>/dialogmoeder/nyt/",
        staff_views.staff_create,
        name="staff_create",
    ),
    path("medarbejder/dialogmoeder/<int:pk>/", staff_views.staff_detail, name="staff_detail"),
    path("medarbejder/dialogmoeder/<int:pk>/rediger/", staff_views.staff_edit, name="staff_edit"),
    path("medarbejder/dialogmoeder/<int:pk>/aflys/", staff_views.staff_cancel, name="staff_cancel"),
    path(
        "medarbejder/dialogmoeder/<int:pk>/afholdt/",
        staff_views.staff_mark_held,
        name="staff_mark_held",
    ),
    path(
        "medarbejder/dialogmoeder/<int:pk>/spoergsmaal/",
        staff_views.staff_questions,
        name="staff_questions",
    ),
    path(
        "medarbejder/dialogmoeder/<int:pk>/bordnoter/",
        staff_views.staff_table_notes,
        name="staff_table_notes",
    ),
]

# REST API, mounted under /api/v1/ without a language prefix.
api_urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "processes/<slug:slug>/dialog-meetings/",
        api.process_dialog_meetings,
        name="process-dialog-meetings",
    ),
    path("dialog-meetings/<int:pk>/", api.dialog_meeting, name="dialog-meeting"),
]
