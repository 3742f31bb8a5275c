from django.urls import URLPattern, URLResolver, path

from dialogportal.privacy import views

app_name = "privacy"

urlpatterns: list[URLPattern | URLResolver] = [
    path("privatliv/registrerede/", views.subjects, name="subjects"),
    path(
        "privatliv/registrerede/eksport.json",
        views.subject_export,
        {"fmt": "json"},
        name="subject_export_json",
    ),
    path(
        "privatliv/registrerede/eksport.pdf",
        views.subject_export,
        {"fmt": "pdf"},
        name="subject_export_pdf",
    ),
    path("privatliv/registrerede/slet/", views.subject_erase, name="subject_erase"),
    path("privatliv/adgangslog/", views.access_log, name="access_log"),
    path("privatliv/sletning/", views.retention_runs, name="retention_runs"),
]
