from django.urls import URLPattern, URLResolver

app_name = "feedback"

# Pages (under the language prefix).
urlpatterns: list[URLPattern | URLResolver] = []

# REST API, mounted under /api/v1/ without a language prefix.
api_urlpatterns: list[URLPattern | URLResolver] = []
