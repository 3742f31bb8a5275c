"""The authentication backend for OpenID Connect: mozilla-django-oidc's, matching users on `sub`
through `services.sign_in_with_oidc`. Named in AUTHENTICATION_BACKENDS only while OpenID Connect
is on (`accounts.oidc.BACKEND`), so a site without it never imports the library."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from dialogportal.accounts.models import User
from dialogportal.accounts.oidc import UntrustedAnswerError, role_map
from dialogportal.accounts.services import sign_in_with_oidc


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
