from django.urls import URLPattern, URLResolver, path

from dialogportal.inputs import api, pages, staff_views, views

app_name = "inputs"

# Pages (under the language prefix).
urlpatterns: list[URLPattern | URLResolver] = [
    path("processer/<slug:slug>/", pages.process_detail, name="process"),
    path(
        "processer/<slug:slug>/fokus/<slug:area_slug>/",
        pages.focus_area_detail,
        name="focus_area",
    ),
    path("input/kvittering/<token:token>/", views.receipt, name="receipt"),
    path(
        "input/kvittering/<token:token>/bilag/<int:pk>/",
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
    # Staff
    path("medarbejder/input/", staff_views.staff_list, name="staff_list"),
    path("medarbejder/input/<int:pk>/", staff_views.staff_detail, name="staff_detail"),
    path(
        "medarbejder/input/bilag/<int:pk>/",
        staff_views.staff_attachment,
        name="staff_attachment",
    ),
    path(
        "medarbejder/processer/<slug:slug>/input/ny/",
        staff_views.staff_register,
        name="staff_register",
    ),
    path(
        "medarbejder/processer/<slug:slug>/input/postkort/",
        staff_views.staff_batch,
        name="staff_batch",
    ),
    path(
        "medarbejder/processer/<slug:slug>/input/import/",
        staff_views.staff_import,
        name="staff_import",
    ),
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
