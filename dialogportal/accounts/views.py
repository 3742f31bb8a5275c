"""Login and logout pages. Local accounts use Django's views; OpenID Connect uses
mozilla-django-oidc's, which answer 404 while it is off and turn every failure into a Danish
page that says what went wrong and how to try again."""

import logging
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import IntegrityError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from dialogportal.accounts import oidc
from dialogportal.accounts.services import OIDCLoginRefusedError

logger = logging.getLogger(__name__)


def provider_name() -> str:
    return str(settings.OIDC_PROVIDER_NAME) or _("kommunens login")


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
        context["oidc_provider_name"] = provider_name() if oidc.is_enabled() else ""
        return context


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Read before the local logout empties the session.
        at_provider = oidc.end_session_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(at_provider) if at_provider else response


class OIDCLoginStartView(OIDCAuthenticationRequestView):  # type: ignore[misc]  # untyped library
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not oidc.is_enabled():
            raise Http404
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response


class OIDCCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]  # untyped library
    failure: tuple[int, str] | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not oidc.is_enabled():
            raise Http404
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.GET.get("error"):
            self.failure = (400, _("Login blev afbrudt eller afvist hos %(provider)s."))
        elif "code" not in request.GET or "state" not in request.GET:
            self.failure = (400, _("Svaret fra %(provider)s manglede oplysninger."))
        elif request.GET["state"] not in request.session.get("oidc_states", {}):
            # Unknown or already used: a replayed or forged answer, or a login started in a
            # session that has since ended.
            return self._fail(
                400, _("Login-forsøget er udløbet eller blev ikke startet her. Prøv igen.")
            )
        try:
            response: HttpResponse = super().get(request)
        except OIDCLoginRefusedError as refusal:
            if refusal.reason == OIDCLoginRefusedError.DEACTIVATED:
                return self._fail(
                    403, _("Din konto er deaktiveret. Kontakt kommunens administrator.")
                )
            return self._fail(400, _("Svaret fra %(provider)s manglede oplysninger."))
        except (requests.Timeout, requests.ConnectionError) as error:
            logger.warning("OpenID Connect provider unreachable: %s", type(error).__name__)
            return self._fail(502, _("%(provider)s svarer ikke lige nu. Prøv igen om lidt."))
        except (ValueError, KeyError, TypeError, AttributeError, requests.HTTPError) as error:
            # Includes requests' JSONDecodeError (a ValueError): an answer we cannot read.
            logger.warning("OpenID Connect provider answered unusably: %s", type(error).__name__)
            return self._fail(502, _("%(provider)s gav et svar, vi ikke kunne bruge. Prøv igen."))
        except (SuspiciousOperation, jwt.PyJWTError, oidc.UntrustedAnswerError) as error:
            logger.warning("OpenID Connect answer rejected: %s", error)
            return self._fail(400, _("Svaret fra %(provider)s kunne ikke godkendes. Prøv igen."))
        except (ValidationError, IntegrityError, requests.RequestException) as error:
            logger.warning("OpenID Connect login failed: %s", type(error).__name__)
            return self._fail(502, _("Login med %(provider)s mislykkedes. Prøv igen."))
        return response

    def login_failure(self) -> HttpResponse:
        status, message = self.failure or (400, _("Login med %(provider)s mislykkedes."))
        return self._fail(status, message)

    def _fail(self, status: int, message: str) -> HttpResponse:
        request = self.request
        retry_url = reverse("oidc:authenticate")
        next_url = request.session.get("oidc_login_next")
        if isinstance(next_url, str) and next_url:
            retry_url += "?" + urlencode({"next": next_url})
        context = {
            "message": message % {"provider": provider_name()},
            "retry_url": retry_url,
        }
        return render(request, "accounts/oidc_error.html", context, status=status)
