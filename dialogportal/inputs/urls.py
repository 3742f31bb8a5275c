from django.urls import URLPattern, URLResolver, path

from dialogportal.inputs import api, views

app_name = "inputs"

# Pages (under the language prefix).
urlpatterns: list[URLPattern | URLResolver] = [
    path("input/kvittering/<str:token>/", views.receipt, name="receipt"),
    path(
        "input/kvittering/<str:token>/bilag/<int:pk>/",
        views.receipt_attachment,
        name="receipt_attachment",
    ),
    path("input/bilag/<int:pk>/", views.public_attachment, name="public_attachment"),
    path(
        "processer/<slug:slug>/fokus/<slug:area_slug>/giv-input/",
        views.focus_area_input,
        name="focus_area_input",
    ),
    path("processer/<slug:slug>/giv-input/", views.other_input, name="other_input"),
]

# REST API, mounted under /api/v1/ without a language prefix.
api_urlpatterns: list[URLPattern | URLResolver] = [
    path("processes/<slug:slug>/inputs/", api.ProcessInputsView.as_view(), name="process-inputs"),
    path("staff/token/", api.StaffTokenView.as_view(), name="staff-token"),
    path("staff/inputs/", api.StaffInputListView.as_view(), name="staff-inputs"),
    path(
        "staff/inputs/export.<str:kind>",
        api.StaffInputExportView.as_view(),
        name="staff-inputs-export",
    ),
]
