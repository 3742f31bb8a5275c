"""A URLconf with a view that fails like a bug does, beside the real handler500."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom)]
handler500 = "dialogportal.core.views.server_error"
