from django.urls import URLPattern, URLResolver, path

from dialogportal.processes import api, views

app_name = "processes"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("processer/<slug:slug>/", views.process_detail, name="detail"),
    path(
        "processer/<slug:slug>/fokus/<slug:area_slug>/",
        views.focus_area_detail,
        name="focus_area",
    ),
    path("processer/<slug:slug>/dokumenter/<int:pk>/", views.document, name="document"),
]

api_urlpatterns: list[URLPattern | URLResolver] = [
    path("processes/", api.ProcessListView.as_view(), name="process-list"),
    path("processes/<slug:slug>/", api.ProcessDetailView.as_view(), name="process-detail"),
]
