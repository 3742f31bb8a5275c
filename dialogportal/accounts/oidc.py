"""Login with the municipality's own identity provider (OpenID Connect), on when
`OIDC_RP_CLIENT_ID` is set. mozilla-django-oidc does the protocol (state, nonce, PKCE, the token
exchange, the id_token's signature); `services.sign_in_with_oidc` decides who is logged in."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core import checks
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.shortcuts import resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from dialogportal.accounts.models import Role, User
from dialogportal.accounts.services import sign_in_with_oidc

BACKEND = "dialogportal.accounts.oidc.OIDCBackend"


def is_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID) and BACKEND in settings.AUTHENTICATION_BACKENDS


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


def _audiences(payload: Mapping[str, Any]) -> list[object]:
    audience = payload.get("aud")
    if isinstance(audience, list):
        return audience
    return [audience]


class OIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # the library is untyped
    """mozilla-django-oidc's backend, matching users on `sub` through our service."""

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload = super().verify_token(token, **kwargs)
        # The library checks neither that the token was issued to us, that it can expire, nor who
        # issued it.
        if not isinstance(payload, dict) or self.OIDC_RP_CLIENT_ID not in _audiences(payload):
            raise SuspiciousOperation("id_token was not issued to this client")
        if "exp" not in payload:
            raise SuspiciousOperation("id_token has no expiry")
        issuer = settings.OIDC_OP_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("id_token is from another issuer")
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return True  # sign_in_with_oidc decides what the claims must hold

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(userinfo, dict):
            raise UntrustedAnswerError("userinfo is not a JSON object")
        # OpenID Connect Core 5.3.2: the userinfo `sub` must be the id_token's, or the answer
        # is not about the person who logged in.
        if "sub" in userinfo and userinfo["sub"] != payload.get("sub"):
            raise UntrustedAnswerError("userinfo sub differs from the id_token's")
        groups_claim = settings.OIDC_GROUPS_CLAIM
        # Some providers (Entra ID) put groups in the id_token only, others in userinfo only.
        groups = [
            group for source in (payload, userinfo) for group in _as_list(source.get(groups_claim))
        ]
        claims = {**payload, **userinfo, "sub": payload.get("sub"), groups_claim: groups}
        return sign_in_with_oidc(claims=claims, groups_claim=groups_claim, role_map=role_map())

    def get_user(self, user_id: int) -> User | None:
        user = super().get_user(user_id)
        # As Django's own backend: a deactivated user's open sessions end at once.
        return user if user is not None and self.user_can_authenticate(user) else None


def _as_list(value: object) -> list[object]:
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) else []


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
