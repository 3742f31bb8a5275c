from importlib import import_module

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, register_converter
from drf_spectacular.views import SpectacularAPIView

from dialogportal.accounts.urls import oidc_urlpatterns
from dialogportal.core import views as core_views
from dialogportal.core.converters import TokenConverter

# Registered before the apps' URL modules are imported below: they use <token:…>.
register_converter(TokenConverter, "token")

# JSON under /api/ also for addresses no route matches (the OpenAPI schema says so).
handler404 = "dialogportal.core.api.not_found"

admin.site.site_header = "Dialogportal"
admin.site.site_title = "Dialogportal"

# Apps whose urls.py has `urlpatterns` (pages) and `api_urlpatterns` (REST API, /api/v1/).
APPS_WITH_URLS = (
    "inputs",
    "moderation",
    "analysis",
    "feedback",
    "organisation",
    "meetings",
    "med",
    "indicators",
    "dialogmeetings",
    "strategy",
    "workspace",
    "privacy",
    "processes",  # last: its front page is the catch-all ""
)

api_patterns: list[URLPattern | URLResolver] = []
page_patterns: list[URLPattern | URLResolver] = []
for app in APPS_WITH_URLS:
    module = import_module(f"dialogportal.{app}.urls")
    page_patterns.append(path("", include(f"dialogportal.{app}.urls")))
    if getattr(module, "api_urlpatterns", None):
        api_patterns.append(path("", include((module.api_urlpatterns, f"{app}-api"))))

urlpatterns = [
    path("healthz", core_views.legacy, name="healthz"),
    path("healthz/live", core_views.live, name="healthz-live"),
    path("healthz/ready", core_views.ready, name="healthz-ready"),
    path("healthz/worker", core_views.worker, name="healthz-worker"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/", include(api_patterns)),
    path("oidc/", include((oidc_urlpatterns, "oidc"))),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("konto/", include("dialogportal.accounts.urls")),
    path("drift/", core_views.operations, name="operations"),
    *page_patterns,
    prefix_default_language=False,
)

handler500 = "dialogportal.core.views.server_error"
