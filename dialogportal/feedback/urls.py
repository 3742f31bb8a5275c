from django.urls import URLPattern, URLResolver, path

from dialogportal.feedback import api, views

app_name = "feedback"

# Pages (under the language prefix).
urlpatterns: list[URLPattern | URLResolver] = [
    path("processer/<slug:slug>/det-har-vi-hoert/", views.heard_process, name="heard"),
    path(
        "processer/<slug:slug>/fokus/<slug:area_slug>/det-har-vi-hoert/",
        views.heard_area,
        name="heard_area",
    ),
    path("processer/<slug:slug>/tilbagemelding/", views.source_list, name="sources"),
    path("processer/<slug:slug>/tilbagemelding/kilde/", views.source_report, name="source_report"),
    path(
        "processer/<slug:slug>/tilbagemelding/kilde/pdf/",
        views.source_report,
        {"fmt": "pdf"},
        name="source_report_pdf",
    ),
    path(
        "processer/<slug:slug>/tilbagemelding/udvalg/<slug:committee_slug>/",
        views.committee_report,
        name="committee_report",
    ),
    path(
        "processer/<slug:slug>/tilbagemelding/udvalg/<slug:committee_slug>/pdf/",
        views.committee_report,
        {"fmt": "pdf"},
        name="committee_report_pdf",
    ),
    path("tilbagemelding/afmeld/<token:token>/", views.unsubscribe, name="unsubscribe"),
    # Staff
    path(
        "medarbejder/processer/<slug:slug>/tilbagemelding/",
        views.staff_overview,
        name="staff_overview",
    ),
    path(
        "medarbejder/processer/<slug:slug>/svarskabeloner/",
        views.staff_templates,
        name="staff_templates",
    ),
    path(
        "medarbejder/processer/<slug:slug>/svarskabeloner/<int:template_id>/slet/",
        views.staff_template_delete,
        name="staff_template_delete",
    ),
    path("medarbejder/processer/<slug:slug>/hvidbog/", views.staff_hvidbog, name="staff_hvidbog"),
    path("medarbejder/processer/<slug:slug>/breve/", views.staff_letters, name="staff_letters"),
    path(
        "medarbejder/processer/<slug:slug>/breve.pdf",
        views.staff_letters_pdf,
        name="staff_letters_pdf",
    ),
    path(
        "medarbejder/processer/<slug:slug>/hvidbog.<str:fmt>",
        views.staff_hvidbog,
        name="staff_hvidbog_file",
    ),
    path("medarbejder/tilbagemelding/tema/<int:theme_id>/", views.staff_theme, name="staff_theme"),
    path(
        "medarbejder/tilbagemelding/tema/<int:target_id>/foerte-til/",
        views.staff_theme_outcome,
        name="staff_theme_outcome",
    ),
    path(
        "medarbejder/tilbagemelding/dubletter/<int:group_id>/",
        views.staff_duplicate_group,
        name="staff_duplicate_group",
    ),
    path("medarbejder/tilbagemelding/input/<int:input_id>/", views.staff_input, name="staff_input"),
    path(
        "medarbejder/tilbagemelding/input/<int:target_id>/foerte-til/",
        views.staff_input_outcome,
        name="staff_input_outcome",
    ),
]

# REST API, mounted under /api/v1/ without a language prefix.
api_urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "feedback/receipts/<token:token>/",
        api.ReceiptFeedbackView.as_view(),
        name="receipt-feedback",
    ),
    path(
        "processes/<slug:slug>/feedback/",
        api.ProcessFeedbackView.as_view(),
        name="process-feedback",
    ),
]
