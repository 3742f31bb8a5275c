"""Whole public pages for anonymous visitors, cached under the public version.

`@public_page()` on a view serves an anonymous GET from the `pages` cache when the same page
(address, language, public version) was rendered before, and otherwise renders it and keeps
it. See docs/caching.md for the whole argument; in short:

- The key is the public version (`core.public_version`, read before the page's data), the
  active language and a digest of the full address (scheme, host, path, query). The version
  changes in the same transaction as every write a public page could show, and its token
  never repeats, so a cached page is never older than its key and nothing is invalidated by
  hand. What changes with time alone (a phase opening, a registration deadline) is covered by
  `valid_until`, which a view calls with the moments its page stops being true.
- Only one audience is ever cached: a GET without cookies other than the CSRF and language
  cookies (neither changes these pages: the language comes from the address), with a query
  string that is exactly the canonical form of the page's own parameters. A staff member has
  a session cookie and so never gets or fills the cache.
- A page is stored only when its rendering showed nothing that belongs to one visitor: status
  200, no CSRF token used, no cookie or session change, no message, no user, and no `Vary` on a
  header outside the key.
- A public form (a dialog meeting's registration) is the exception that is made safe: its view
  takes the CSRF token and the form's one-time key from `csrf_context(request)` and
  `one_time_key(request)`, which while the page is rendered for the cache are markers. The page
  is stored with the markers, and every answer (the first too) gets them replaced by this
  visitor's own token and a fresh key; such an answer is `private` (it holds the visitor's
  token), so proxies do not keep it.
- For a proxy in front: `Cache-Control: public, no-cache` with a strong `ETag` (a shared cache
  may keep the page but must ask again every time; the answer is a 304 while the page is
  unchanged, from `ConditionalGetMiddleware`), `Vary: Cookie`. Every other answer of these views
  is `private, no-cache`.

Why not `cache_page`: it keys on the raw `Cookie` header when a page varies on it (which every
page here must, for proxies), so a visitor with only a CSRF cookie would never share an entry;
its entries live for a fixed time instead of until the data changes; and it gives proxies that
same lifetime, which would let a proxy show what moderation has since removed."""

import hashlib
import hmac
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.translation import get_language

from dialogportal.core.public_version import public_version

CACHE_ALIAS = "pages"
# A page number as the views read it: 1 to 999,999, no leading zero, no sign.
PAGE_NUMBER_RE = re.compile(r"[1-9][0-9]{0,5}")
# Vary headers a stored page may carry: Cookie is decided by the audience rule, and
# Accept-Language (added by LocaleMiddleware to unprefixed Danish addresses) does not change a
# page whose language comes from its address.
KEYED_VARY = frozenset({"cookie", "accept-language"})
_UNTIL = "_public_page_valid_until"
_RENDERING_FOR_CACHE = "_public_page_rendering_for_cache"

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


@dataclass(frozen=True)
class _Entry:
    response: HttpResponse
    valid_until: float | None


def valid_until(response: R, moments: Iterable[datetime | None], *, now: datetime) -> R:
    """The cached page must not be served after the earliest of `moments` that is after `now`
    (the page shows something that changes then by time alone)."""
    future = [moment for moment in moments if moment is not None and moment > now]
    if future:
        earliest = min(future).timestamp()
        current: float | None = getattr(response, _UNTIL, None)
        setattr(response, _UNTIL, earliest if current is None else min(current, earliest))
    return response


def _marker(name: str) -> str:
    """A stand-in for a per-visitor value in a stored page: the same in every worker, and not
    guessable (derived from SECRET_KEY), so no text a visitor writes can contain it."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"page-hole:{name}".encode(), hashlib.sha256)
    return f"dphole{digest.hexdigest()[:32]}"


def csrf_context(request: HttpRequest) -> dict[str, str]:
    """Template context for a cached page with a public form: while the page is rendered for
    the cache, its CSRF token is a marker (this overrides the context processor's lazy token),
    filled in per visitor when the page is served. Otherwise nothing: the usual token."""
    if getattr(request, _RENDERING_FOR_CACHE, False):
        return {"csrf_token": _marker("csrf")}
    return {}


def one_time_key(request: HttpRequest) -> str:
    """A form's one-time key (the submission key that makes a repeated POST one registration):
    a marker while the page is rendered for the cache, filled in with a fresh key per answer."""
    if getattr(request, _RENDERING_FOR_CACHE, False):
        return _marker("key")
    return uuid.uuid4().hex


def _fill_holes(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A new answer with this visitor's CSRF token and a fresh one-time key in place of the
    markers (the CSRF middleware then sets the visitor's cookie); `response` itself unchanged.
    An answer without markers is returned as it is."""
    csrf, key = _marker("csrf").encode(), _marker("key").encode()
    content = response.content
    if csrf not in content and key not in content:
        return response
    content = content.replace(csrf, get_token(request).encode())
    content = content.replace(key, uuid.uuid4().hex.encode())
    filled = HttpResponse(content, status=response.status_code)
    for header, value in response.items():
        if header.lower() not in {"content-length", "etag", "cache-control"}:
            filled[header] = value
    patch_cache_control(filled, private=True, no_cache=True)
    patch_vary_headers(filled, ("Cookie",))
    return filled


def _allowed_cookies() -> frozenset[str]:
    return frozenset({settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME})


def _canonical_query(request: HttpRequest, params: tuple[str, ...]) -> bool:
    """The query string is exactly `a=1&b=2` of the page's own parameters (sorted, numbers
    without leading zeros), or empty. Anything else is rendered but never cached: an extra
    parameter would otherwise be carried, in the page's links, to every later visitor."""
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return True
    pairs = [part.partition("=") for part in raw.split("&")]
    names = [name for name, _eq, _value in pairs]
    return (
        all(eq == "=" and PAGE_NUMBER_RE.fullmatch(value) for _name, eq, value in pairs)
        and names == sorted(set(names))
        and set(names) <= set(params)
    )


def cache_key(request: HttpRequest, params: tuple[str, ...]) -> str | None:
    """The page's key in the cache, or None when this request is not the anonymous audience
    (or the version cannot be read): then it is neither served from nor stored in the cache."""
    if request.method != "GET":
        return None
    if not set(request.COOKIES) <= _allowed_cookies():
        return None
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return None  # a malformed CSRF cookie: the answer will set a new one
    if not _canonical_query(request, params):
        return None
    version = public_version()
    if version is None:
        return None
    address = hashlib.sha256(request.build_absolute_uri().encode("utf-8")).hexdigest()
    return f"page:{version}:{get_language()}:{address}"


def _is_for_everyone(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Nothing in this rendering belongs to one visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not isinstance(response, HttpResponse):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: a form for this visitor
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if len(get_messages(request)):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store")):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= KEYED_VARY


def _public(response: HttpResponse) -> None:
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ("Cookie",))
    set_response_etag(response)


def _private(response: HttpResponseBase) -> HttpResponseBase:
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def public_page(
    *, query: tuple[str, ...] = ()
) -> Callable[[Callable[Concatenate[HttpRequest, P], R]], Callable[Concatenate[HttpRequest, P], R]]:
    """Serve the view's anonymous GETs from the whole-page cache. `query` names the page-number
    parameters the view reads; any other query string is rendered without the cache."""

    def decorator(
        view: Callable[Concatenate[HttpRequest, P], R],
    ) -> Callable[Concatenate[HttpRequest, P], R]:
        @wraps(view)
        def wrapped(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R:
            key = cache_key(request, query)
            if key is None:
                return _private(view(request, *args, **kwargs))  # type: ignore[return-value]
            cache = caches[CACHE_ALIAS]
            now = timezone.now().timestamp()
            entry: Any = cache.get(key)
            if isinstance(entry, _Entry) and (entry.valid_until is None or now < entry.valid_until):
                return _fill_holes(request, entry.response)  # type: ignore[return-value]
            setattr(request, _RENDERING_FOR_CACHE, True)
            try:
                response = view(request, *args, **kwargs)
            finally:
                setattr(request, _RENDERING_FOR_CACHE, False)
            if not isinstance(response, HttpResponse):
                return _private(response)  # type: ignore[return-value]
            if not _is_for_everyone(request, response):
                return _private(_fill_holes(request, response))  # type: ignore[return-value]
            _public(response)
            until: float | None = getattr(response, _UNTIL, None)
            timeout = float(settings.PUBLIC_PAGE_CACHE_SECONDS)
            if until is not None:
                timeout = min(timeout, until - now)
            if timeout > 0:
                cache.set(key, _Entry(response=response, valid_until=until), timeout)
            return _fill_holes(request, response)  # type: ignore[return-value]

        return wrapped

    return decorator
