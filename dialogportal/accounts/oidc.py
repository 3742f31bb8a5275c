"""Login with the municipality's own identity provider (OpenID Connect), on when
`OIDC_RP_CLIENT_ID` is set. mozilla-django-oidc does the protocol (state, nonce, PKCE, the token
exchange, the id_token's signature); `services.sign_in_with_oidc` decides who is logged in.

This module is what the rest of the site needs to know about it (is it on, where to log out, the
system check) and does not import the library: the backend (`accounts.oidc_backend`) and the
views (`accounts.oidc_views`) do, and with it requests, PyJWT and cryptography. A web process
loads them only when OpenID Connect is used, never at start (cold start, issue #20)."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core import checks
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

from dialogportal.accounts.models import Role

# Named in AUTHENTICATION_BACKENDS only when OIDC_RP_CLIENT_ID is set (settings.py); Django's
# auth imports it by this path when it authenticates or loads a session's user.
BACKEND = "dialogportal.accounts.oidc_backend.OIDCBackend"


def is_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID) and BACKEND in settings.AUTHENTICATION_BACKENDS


def provider_name() -> str:
    return str(settings.OIDC_PROVIDER_NAME) or _("kommunens login")


def role_map() -> dict[str, Role]:
    """The configured group → role map; unknown role names are left out (and reported by the
    system check below)."""
    return {
        group: Role(role) for group, role in settings.OIDC_ROLE_MAP.items() if role in Role.values
    }


def end_session_url(request: HttpRequest) -> str:
    """Where to send a user who logs out, so the identity provider logs them out too: only for
    a session that was opened through it, and only when an end-session endpoint is set."""
    endpoint = settings.OIDC_OP_END_SESSION_ENDPOINT
    if not (is_enabled() and endpoint and request.user.is_authenticated):
        return ""
    if request.session.get(BACKEND_SESSION_KEY) != BACKEND:
        return ""
    params = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(
            resolve_url(settings.LOGOUT_REDIRECT_URL)
        ),
    }
    id_token = request.session.get("oidc_id_token")
    if isinstance(id_token, str) and id_token:
        params["id_token_hint"] = id_token
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{urlencode(params)}"


class UntrustedAnswerError(Exception):
    """The provider's answer cannot be about the person who logged in. (Not a
    SuspiciousOperation: mozilla-django-oidc would swallow that and leave no reason.)"""


def check_role_map(**kwargs: Any) -> list[checks.CheckMessage]:
    return [
        checks.Warning(
            f"OIDC_ROLE_MAP maps the group {group!r} to {role!r}, which is not a role.",
            hint=f"Roles: {', '.join(Role.values)}.",
            id="accounts.W001",
        )
        for group, role in settings.OIDC_ROLE_MAP.items()
        if role not in Role.values
    ]
