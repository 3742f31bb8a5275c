"""The OpenID Connect callback: mozilla-django-oidc's, with every failure turned into a Danish
page that says what went wrong and how to try again. Imported only through
`accounts.views.OIDC_VIEWS` (at the first OpenID Connect request, when it is on), so the library
and its requests, PyJWT and cryptography are not loaded when a web process starts."""

import logging
from urllib.parse import urlencode

import jwt
import requests
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from dialogportal.accounts import oidc
from dialogportal.accounts.services import OIDCLoginRefusedError

logger = logging.getLogger(__name__)


class OIDCCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]  # untyped library
    failure: tuple[int, str] | None = None

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
            "message": message % {"provider": oidc.provider_name()},
            "retry_url": retry_url,
        }
        return render(request, "accounts/oidc_error.html", context, status=status)
