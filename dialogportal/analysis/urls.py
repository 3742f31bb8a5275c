from django.urls import URLPattern, URLResolver, path

from dialogportal.analysis import api, views

app_name = "analysis"

# Pages (under the language prefix); staff only.
urlpatterns: list[URLPattern | URLResolver] = [
    path("processer/<slug:slug>/analyse/", views.run_list, name="runs"),
    path("processer/<slug:slug>/analyse/start/", views.start_run, name="start"),
    path("analyse/<int:run_id>/", views.run_detail, name="run"),
    path("analyse/<int:run_id>/fremskridt/", views.run_progress, name="progress"),
    path("analyse/<int:run_id>/prov-igen/", views.retry_run, name="retry"),
    path("analyse/<int:run_id>/fokus/<int:area_id>/", views.area_detail, name="area"),
    path("analyse/<int:run_id>/input/<int:input_id>/", views.input_detail, name="input"),
    path(
        "analyse/<int:run_id>/input/<int:input_id>/placering/",
        views.confirm_area,
        name="confirm_area",
    ),
    path("processer/<slug:slug>/analyse/temaer/", views.theme_list, name="themes"),
    path("analyse/temaer/<int:theme_id>/", views.theme_detail, name="theme"),
    path("analyse/temaer/<int:theme_id>/rediger/", views.theme_edit, name="theme_edit"),
    path("analyse/temaer/<int:theme_id>/status/", views.theme_status, name="theme_status"),
    path("analyse/temaer/<int:theme_id>/saml/", views.theme_merge, name="theme_merge"),
    path("analyse/temaer/<int:theme_id>/flyt/", views.theme_move, name="theme_move"),
    path("analyse/temaer/<int:theme_id>/input/", views.theme_inputs, name="theme_inputs"),
    path("analyse/temaer/<int:theme_id>/forslag/", views.theme_suggest, name="theme_suggest"),
]

# REST API, mounted under /api/v1/ without a language prefix.
api_urlpatterns: list[URLPattern | URLResolver] = [
    path("staff/processes/<slug:slug>/analysis-runs/", api.RunListView.as_view(), name="runs"),
    path("staff/analysis-runs/<int:run_id>/", api.RunDetailView.as_view(), name="run"),
]
