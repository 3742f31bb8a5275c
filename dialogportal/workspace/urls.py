from django.urls import URLPattern, URLResolver, path

from dialogportal.workspace import views

app_name = "workspace"

urlpatterns: list[URLPattern | URLResolver] = [
    path("medarbejder/", views.home, name="home"),
    path("medarbejder/vaerktoej/<slug:key>/", views.tool, name="tool"),
    path("medarbejder/processer/<slug:slug>/", views.process_setup, name="process_setup"),
    path("medarbejder/processer/<slug:slug>/aabn/", views.process_open, name="process_open"),
    path("medarbejder/processer/<slug:slug>/luk/", views.process_close, name="process_close"),
]
