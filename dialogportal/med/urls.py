from django.urls import URLPattern, URLResolver, path

from dialogportal.med.views import cascades, hearings, overview

app_name = "med"

# Pages (under the language prefix).
urlpatterns: list[URLPattern | URLResolver] = [
    path("med/", cascades.home, name="home"),
    path("med/punkter/<int:pk>/", cascades.item, name="item"),
    path("med/punkter/<int:pk>/videregiv/", cascades.item_cascade, name="item_cascade"),
    path("med/punkter/<int:pk>/hoering/", hearings.hearing_new, name="hearing_new"),
    path("med/videregivelser/<int:pk>/", cascades.cascade, name="cascade"),
    path("med/videregivelser/<int:pk>/behandlet/", cascades.cascade_handle, name="cascade_handle"),
    path(
        "med/videregivelser/<int:pk>/kvitter/",
        cascades.cascade_acknowledge,
        name="cascade_acknowledge",
    ),
    path("med/hoeringer/<int:pk>/", hearings.hearing, name="hearing"),
    path(
        "med/hoeringer/<int:pk>/parter/<int:part_pk>/bemaerkning/",
        hearings.hearing_comment,
        name="hearing_comment",
    ),
    path("med/hoeringer/<int:pk>/beslutning/", hearings.hearing_decide, name="hearing_decide"),
    path(
        "med/hoeringer/<int:pk>/hoeringsnotat.<str:fmt>",
        hearings.hearing_note_file,
        name="hearing_note",
    ),
    path(
        "med/hoeringer/<int:pk>/materiale/<int:file_pk>/",
        hearings.hearing_file,
        name="hearing_file",
    ),
    path("med/hoeringsparter/<int:pk>/", hearings.part, name="part"),
    path("med/hoeringsparter/<int:pk>/svar/", hearings.part_answer, name="part_answer"),
    path("med/hoeringsparter/<int:pk>/bilag/", hearings.part_file, name="part_file"),
    path(
        "med/hoeringsparter/<int:pk>/bilag/<int:file_pk>/",
        hearings.answer_file,
        name="answer_file",
    ),
    path("med/hoeringsparter/<int:pk>/godkend/", hearings.part_approve, name="part_approve"),
    path("med/oversigt/", overview.overview, name="overview"),
    path("med/oversigt/dialogmoeder/", overview.coverage, name="coverage"),
    path("med/tilbagemeldinger/<slug:slug>/", overview.rollup, name="rollup"),
    path(
        "med/tilbagemeldinger/<slug:slug>/paa-dagsordenen/",
        overview.rollup_file,
        name="rollup_file",
    ),
]
