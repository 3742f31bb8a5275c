from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "ACCESSIBILITY_STATEMENT_URL": settings.ACCESSIBILITY_STATEMENT_URL,
    }
