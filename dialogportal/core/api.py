"""What every REST endpoint shares: a JSON parser that refuses huge or deeply nested bodies
before parsing them, and one exception handler that answers every refusal in Danish with a
stable `code` – the `RefusedError` family, Django's ValidationError, and DRF's own errors."""

import codecs
from typing import IO, Any

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from rest_framework import exceptions
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle
from rest_framework.utils import json
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from dialogportal.core.errors import RefusedError, TooManyRequestsError
from dialogportal.core.net import client_ip

_OPENERS = frozenset(b"[{")
_CLOSERS = frozenset(b"]}")


def json_depth(data: bytes) -> int:
    """The deepest nesting of arrays and objects in `data`, found without parsing it (strings
    and their escapes are skipped), so a hostile body costs one pass and no recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif byte in _CLOSERS:
            depth -= 1
    return deepest


class SafeJSONParser(JSONParser):
    """DRF's JSON parser behind two limits (settings `API_MAX_JSON_BYTES`, `API_MAX_JSON_DEPTH`):
    a body is read at most one byte past the limit, and its nesting is measured before `json`
    recurses into it. Both refusals, and any unreadable body, are a 400 with a Danish message."""

    def parse(
        self, stream: IO[bytes], media_type: str | None = None, parser_context: Any = None
    ) -> Any:
        limit = int(settings.API_MAX_JSON_BYTES)
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise exceptions.ParseError(
                _("Forespørgslen er for stor: højst %(kb)d kB JSON.") % {"kb": limit // 1024}
            )
        if json_depth(data) > int(settings.API_MAX_JSON_DEPTH):
            raise exceptions.ParseError(
                _("JSON'en er for dybt indlejret: højst %(n)d niveauer.")
                % {"n": settings.API_MAX_JSON_DEPTH}
            )
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        try:
            text = codecs.decode(data, encoding)
            return json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except (ValueError, RecursionError, LookupError) as exc:
            raise exceptions.ParseError(
                _("Ugyldig JSON: kroppen kunne ikke læses som JSON.")
            ) from exc


def _danish(exc: exceptions.APIException) -> exceptions.APIException:
    """DRF's built-in messages are English; ours are Danish, with English at /en/ via gettext."""
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        detail = (
            exc.detail if isinstance(exc.detail, str) and exc.detail.startswith("Token") else ""
        )
        return exceptions.NotAuthenticated(
            detail or _("Log ind med et gyldigt token (Authorization: Token …).")
        )
    if isinstance(exc, exceptions.ParseError) and "JSON parse error" in str(exc.detail):
        return exceptions.ParseError(_("Ugyldig JSON: kroppen kunne ikke læses som JSON."))
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return exceptions.UnsupportedMediaType(
            "", _("Send JSON med Content-Type: application/json.")
        )
    if isinstance(exc, exceptions.MethodNotAllowed):
        return exceptions.MethodNotAllowed("", _("Metoden er ikke tilladt her."))
    if isinstance(exc, exceptions.NotFound):
        return exceptions.NotFound(_("Findes ikke."))
    if isinstance(exc, exceptions.PermissionDenied) and not isinstance(exc.detail, str | list):
        return exceptions.PermissionDenied(_("Du har ikke adgang til dette."))
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail) == str(
        exceptions.PermissionDenied.default_detail
    ):
        return exceptions.PermissionDenied(_("Du har ikke adgang til dette."))
    if isinstance(exc, exceptions.Throttled):
        wait = int(getattr(exc, "wait", None) or 60)
        return exceptions.Throttled(
            wait=wait,
            detail=_("For mange forespørgsler. Prøv igen om %(s)d sekunder.") % {"s": wait},
        )
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The one mapping from refusals to HTTP (settings REST_FRAMEWORK["EXCEPTION_HANDLER"])."""
    if isinstance(exc, RefusedError):
        set_rollback()
        response = Response({"detail": exc.message, "code": exc.code}, status=exc.status_code)
        if isinstance(exc, TooManyRequestsError):
            response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, ValidationError):
        set_rollback()
        data = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(data, status=400)
    if isinstance(exc, exceptions.APIException):
        exc = _danish(exc)
    answer: Response | None = drf_exception_handler(exc, context)
    if answer is not None and isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        if isinstance(answer.data, dict) and "detail" in answer.data and isinstance(codes, str):
            answer.data["code"] = codes
    return answer


class _SharedCacheThrottle:
    """Throttle counters in the "limits" cache: shared by every web worker (and, with Redis, by
    every machine), and never emptied by the content cache's privacy clean-ups."""

    cache = caches["limits"]

    def get_rate(self) -> str | None:
        # Read when used (DRF reads its rates once, at import), so settings can change them.
        rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        assert isinstance(rates, dict)
        rate = rates.get(getattr(self, "scope", ""))
        return str(rate) if rate else None

    def get_ident(self, request: Request) -> str:
        return client_ip(request._request) or "unknown"


class AnonThrottle(_SharedCacheThrottle, AnonRateThrottle):
    pass


class UserThrottle(_SharedCacheThrottle, UserRateThrottle):
    pass


class TokenAddressThrottle(_SharedCacheThrottle, SimpleRateThrottle):
    """Requests for a staff API token, per address (django-axes adds the lockout on failures)."""

    scope = "token_address"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenUsernameThrottle(_SharedCacheThrottle, SimpleRateThrottle):
    """Requests for a staff API token, per account named (from any number of addresses)."""

    scope = "token_username"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        data = request.data if isinstance(request.data, dict) else {}
        username = str(data.get("username", ""))[:150].casefold()
        if not username:
            return None
        return self.cache_format % {"scope": self.scope, "ident": username}


ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "required": ["detail"],
}
# A 400 is either {"detail", "code"} (unreadable body, a rule) or Danish messages per field.
BAD_REQUEST_SCHEMA = {"type": "object", "additionalProperties": True}
_ERRORS = {
    "400": ("Ugyldig forespørgsel (danske fejlbeskeder pr. felt, eller detail og code)", True),
    "401": ("Mangler eller ugyldigt/udløbet token", False),
    "403": ("Ingen adgang, eller handlingen er ikke tilladt nu", False),
    "404": ("Findes ikke (eller er ikke synlig for dig)", False),
    "409": ("I konflikt med det, der allerede er gemt", False),
    "415": ("Kroppen skal være JSON", False),
    "429": ("For mange forespørgsler; se Retry-After", False),
}


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every operation documents the refusals the shared
    machinery can give it (authentication, permissions, throttling, the parser, the exception
    handler), so the schema matches every status code the API answers with."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    components["BadRequest"] = BAD_REQUEST_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = {"401", "403", "404", "429"}
            if operation.get("requestBody") or method in ("post", "put", "patch"):
                codes |= {"400", "409", "415"}
            if operation.get("parameters"):
                codes.add("400")
            for code in sorted(codes):
                if code in operation["responses"]:
                    continue
                description, is_bad_request = _ERRORS[code]
                name = "BadRequest" if is_bad_request else "Error"
                operation["responses"][code] = {
                    "description": description,
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                    },
                }
    return result


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The project's 404 (urls.handler404): JSON with a Danish message under /api/, where a
    client expects JSON also for an address no route matches; the 404 page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Findes ikke."), "code": "not_found"}, status=404)
    return page_not_found(request, exception)


def paginated(name: str, serializer: Any) -> Any:
    """The schema of a page of `serializer`, as PageNumberPagination answers it (for APIViews
    that paginate by hand, which drf-spectacular cannot see)."""
    from drf_spectacular.utils import inline_serializer
    from rest_framework import serializers

    return inline_serializer(
        name,
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer,
        },
    )
