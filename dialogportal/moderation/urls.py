from django.urls import URLPattern, URLResolver, path

from dialogportal.moderation import api, views

app_name = "moderation"

# Pages (under the language prefix).
urlpatterns: list[URLPattern | URLResolver] = [
    path("moderering/", views.queue, name="queue"),
    path("moderering/samlet/", views.bulk, name="bulk"),
    path("moderering/input/<int:input_id>/", views.detail, name="detail"),
    path("moderering/input/<int:input_id>/beslut/", views.decide, name="decide"),
    path("moderering/input/<int:input_id>/fjern/", views.redact, name="redact"),
    path("moderering/input/<int:input_id>/ret/", views.edit, name="edit"),
    path("moderering/input/<int:input_id>/historik/", views.input_history, name="history"),
    path("moderering/input/<int:input_id>/kontakt/", views.contact, name="contact"),
    path(
        "moderering/input/<int:input_id>/bilag/<int:attachment_id>/",
        views.attachment_decide,
        name="attachment_decide",
    ),
    path(
        "moderering/input/<int:input_id>/bilag/<int:attachment_id>/hent/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("input/<int:input_id>/anmeld/", views.report, name="report"),
]

# REST API, mounted under /api/v1/ without a language prefix.
api_urlpatterns: list[URLPattern | URLResolver] = [
    path("moderation/queue/", api.QueueView.as_view(), name="queue"),
    path(
        "moderation/inputs/<int:input_id>/decision/",
        api.DecisionView.as_view(),
        name="decision",
    ),
]
