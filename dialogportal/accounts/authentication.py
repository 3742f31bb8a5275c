"""Staff API tokens with a lifetime: DRF's token authentication, refusing (and deleting) a
token older than STAFF_API_TOKEN_SECONDS, or whose user may no longer use the staff API."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def token_expires_at(token: Token) -> Any:
    return token.created + timedelta(seconds=int(settings.STAFF_API_TOKEN_SECONDS))


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        user, token = super().authenticate_credentials(key)
        if token_expires_at(token) <= timezone.now():
            token.delete()
            raise exceptions.AuthenticationFailed(
                _("Tokenet er udløbet. Hent et nyt med POST /api/v1/staff/token/."),
                code="token_expired",
            )
        return user, token
