from django.urls import URLPattern, URLResolver, path

from dialogportal.inputs import views

app_name = "inputs"

# Pages (under the language prefix).
urlpatterns: list[URLPattern | URLResolver] = [
    path("input/kvittering/<str:token>/", views.receipt, name="receipt"),
    path("input/bilag/<int:pk>/", views.public_attachment, name="public_attachment"),
]

# REST API, mounted under /api/v1/ without a language prefix.
api_urlpatterns: list[URLPattern | URLResolver] = []
