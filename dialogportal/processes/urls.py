from django.urls import URLPattern, URLResolver, path

from dialogportal.processes import api, staff_views, views

app_name = "processes"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    # A process's page and its focus areas' pages are inputs:process and inputs:focus_area.
    path("processer/<slug:slug>/dokumenter/<int:pk>/", views.document, name="document"),
    # Set-up by staff (the overview with its checklist is workspace:process_setup).
    path("medarbejder/processer/", staff_views.staff_list, name="staff_list"),
    path("medarbejder/ny-proces/", staff_views.process_create, name="staff_create"),
    path("medarbejder/processer/<slug:slug>/ret/", staff_views.process_edit, name="staff_edit"),
    path(
        "medarbejder/processer/<slug:slug>/faser/ny/",
        staff_views.phase_create,
        name="staff_phase_create",
    ),
    path(
        "medarbejder/processer/<slug:slug>/faser/<int:pk>/",
        staff_views.phase_edit,
        name="staff_phase",
    ),
    path(
        "medarbejder/processer/<slug:slug>/faser/<int:pk>/slet/",
        staff_views.phase_delete,
        name="staff_phase_delete",
    ),
    path(
        "medarbejder/processer/<slug:slug>/fokusomraader/nyt/",
        staff_views.area_create,
        name="staff_area_create",
    ),
    path(
        "medarbejder/processer/<slug:slug>/fokusomraader/<int:pk>/",
        staff_views.area_edit,
        name="staff_area",
    ),
    path(
        "medarbejder/processer/<slug:slug>/fokusomraader/<int:pk>/slet/",
        staff_views.area_delete,
        name="staff_area_delete",
    ),
    path(
        "medarbejder/processer/<slug:slug>/dokumenter/nyt/",
        staff_views.document_create,
        name="staff_document_create",
    ),
    path(
        "medarbejder/processer/<slug:slug>/dokumenter/<int:pk>/",
        staff_views.document_edit,
        name="staff_document",
    ),
    path(
        "medarbejder/processer/<slug:slug>/dokumenter/<int:pk>/slet/",
        staff_views.document_delete,
        name="staff_document_delete",
    ),
]

api_urlpatterns: list[URLPattern | URLResolver] = [
    path("processes/", api.ProcessListView.as_view(), name="process-list"),
    path("processes/<slug:slug>/", api.ProcessDetailView.as_view(), name="process-detail"),
]
