from django.urls import URLPattern, URLResolver, path

from dialogportal.indicators import api, views

app_name = "indicators"

# Pages (under the language prefix).
urlpatterns: list[URLPattern | URLResolver] = [
    path("processer/<slug:slug>/hvidbog/", views.white_paper, name="white_paper"),
    path("processer/<slug:slug>/noegletal/", views.manage, name="manage"),
    path("processer/<slug:slug>/noegletal/nyt/", views.indicator_create, name="create"),
    path(
        "processer/<slug:slug>/noegletal/<slug:indicator_slug>/hent/",
        views.fetch_now,
        name="fetch_now",
    ),
    path(
        "processer/<slug:slug>/noegletal/<slug:indicator_slug>/upload/",
        views.upload,
        name="upload",
    ),
    path(
        "processer/<slug:slug>/noegletal/<slug:indicator_slug>/upload/<int:pk>/",
        views.upload_preview,
        name="upload_preview",
    ),
]

# REST API, mounted under /api/v1/ without a language prefix.
api_urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "processes/<slug:slug>/indicators/",
        api.IndicatorListView.as_view(),
        name="indicator_list",
    ),
    path(
        "processes/<slug:slug>/indicators/<slug:indicator_slug>/series.csv",
        api.SeriesCSVView.as_view(),
        name="series_csv",
    ),
]
