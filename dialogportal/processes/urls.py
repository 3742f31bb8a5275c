from django.urls import path

from dialogportal.processes import views

app_name = "processes"

urlpatterns = [
    path("", views.home, name="home"),
    path("processer/<slug:slug>/", views.process_detail, name="detail"),
    path(
        "processer/<slug:slug>/fokus/<slug:area_slug>/",
        views.focus_area_detail,
        name="focus_area",
    ),
]
