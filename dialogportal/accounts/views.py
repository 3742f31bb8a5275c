"""Login and logout pages. Local accounts use Django's views; OpenID Connect uses
mozilla-django-oidc's (`accounts.oidc_views`), reached through the two small views at the end,
which answer 404 while it is off."""

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from dialogportal.accounts import oidc


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' answer (AXES_LOCKOUT_CALLABLE) after too many failed logins for an account or
    from an address: 429 in Danish – JSON for the API, a page for people."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "For mange mislykkede login-forsøg. Prøv igen om %(minutes)d minutter, eller kontakt "
        "kommunens administrator."
    ) % {"minutes": minutes}
    retry = str(minutes * 60)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message, "code": "locked_out"}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = retry
    return response


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_provider_name"] = oidc.provider_name() if oidc.is_enabled() else ""
        return context


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Read before the local logout empties the session.
        at_provider = oidc.end_session_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(at_provider) if at_provider else response


# The OpenID Connect views are mozilla-django-oidc's (the callback subclassed in
# accounts.oidc_views), which bring requests, PyJWT and cryptography with them. They are imported
# here, by their path, at the first OpenID Connect request a process answers: never at start,
# and never while OpenID Connect is off (cold start, issue #20). The one place that imports them.
OIDC_VIEWS = {
    "authenticate": "mozilla_django_oidc.views.OIDCAuthenticationRequestView",
    "callback": "dialogportal.accounts.oidc_views.OIDCCallbackView",
}


@functools.cache
def _oidc_view(name: str) -> Callable[..., HttpResponse]:
    view: Callable[..., HttpResponse] = import_string(OIDC_VIEWS[name]).as_view()
    return view


def oidc_authenticate(request: HttpRequest) -> HttpResponse:
    """/oidc/authenticate/: off to the identity provider (404 while OpenID Connect is off)."""
    if not oidc.is_enabled():
        raise Http404
    return _oidc_view("authenticate")(request)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    """/oidc/callback/: the identity provider's answer (404 while OpenID Connect is off)."""
    if not oidc.is_enabled():
        raise Http404
    return _oidc_view("callback")(request)
