from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from dialogportal.core import views as core_views

admin.site.site_header = "Dialogportal"
admin.site.site_title = "Dialogportal"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("konto/", include("dialogportal.accounts.urls")),
    path("", include("dialogportal.processes.urls")),
    prefix_default_language=False,
)
