"""Flood limits of the public channels (the form and the API), shared by every web worker
through the "limits" cache: per address, per network (one host can hold a whole /64 or /24), per
near-identical text (a script that varies a number) from one network and from everywhere, and a
budget of attachment bytes per network and in all. Staff channels are not limited.

A refused submission stores nothing; counters are taken just before a submission is stored
(`reserve`). The messages say what to do instead (contact the municipality), never which limit."""

import hashlib
import ipaddress
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.utils.translation import gettext as _

from dialogportal.core.errors import TooManyRequestsError
from dialogportal.core.net import network_of

_NOT_LETTERS = re.compile(r"[\W\d_]+")


class RateLimitedError(TooManyRequestsError):
    """Too many inputs from one address or network, or one text too often (HTTP 429)."""

    code = "rate_limited"


def _cache() -> BaseCache:
    return caches["limits"]


def text_fingerprint(text: str) -> str:
    """Near-identical texts share a fingerprint: case, digits, punctuation, spacing and accents
    aside ("Luk skolen! 17" and "luk skolen 18" are one text)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    letters = _NOT_LETTERS.sub("", folded)[:4000]
    return hashlib.sha256(letters.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Counters:
    """The cache keys one public submission counts against, and their limits."""

    keys: tuple[tuple[str, int, int], ...]  # (key, limit, amount this submission adds)


def _window() -> int:
    return int(settings.INPUT_RATE_LIMIT_WINDOW_SECONDS)


def _is_exempt(ip: str) -> bool:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    for cidr in settings.INPUT_LIMIT_EXEMPT_NETWORKS:
        try:
            if address in ipaddress.ip_network(cidr, strict=False):
                return True
        except ValueError:
            continue
    return False


def counters(*, ip: str | None, text: str, attachment_bytes: int) -> Counters:
    if ip and _is_exempt(ip):
        ip = None  # the municipality's own network: only the per-text and total limits
    network = network_of(ip)
    fingerprint = text_fingerprint(text)
    keys: list[tuple[str, int, int]] = [
        (f"inputs:text:{fingerprint}", int(settings.INPUT_SAME_TEXT_LIMIT), 1),
        ("inputs:bytes:all", int(settings.INPUT_ATTACHMENT_BUDGET_TOTAL), attachment_bytes),
    ]
    if ip:
        keys.append((f"inputs:rate:{ip}", int(settings.INPUT_RATE_LIMIT), 1))
    if network:
        keys += [
            (f"inputs:net:{network}", int(settings.INPUT_NETWORK_RATE_LIMIT), 1),
            (
                f"inputs:nettext:{network}:{fingerprint}",
                int(settings.INPUT_SAME_TEXT_PER_NETWORK_LIMIT),
                1,
            ),
            (
                f"inputs:netbytes:{network}",
                int(settings.INPUT_ATTACHMENT_BUDGET_PER_NETWORK),
                attachment_bytes,
            ),
        ]
    return Counters(keys=tuple(keys))


def reserve(found: Counters) -> None:
    """Count this submission against every counter at once and refuse (RateLimitedError) when
    one goes past its limit. Counting first and comparing the new value, instead of reading and
    counting later, means concurrent requests cannot all see room under the limit: each
    increment is one atomic cache operation (exact with Redis or memcached; the file cache of a
    single machine can lose an increment in a race). A refused attempt keeps its count: hammering
    keeps the window full."""
    cache = _cache()
    window = _window()
    for key, limit, amount in found.keys:
        if not amount:
            continue
        cache.add(key, 0, timeout=window)
        try:
            value = int(cache.incr(key, amount))
        except ValueError:  # expired between add and incr
            cache.set(key, amount, timeout=window)
            value = amount
        if value > limit:
            raise RateLimitedError(
                _(
                    "Vi har modtaget mange input fra din internetforbindelse eller med den samme "
                    "tekst på kort tid, så vi tager midlertidigt ikke imod flere herfra. Prøv "
                    "igen om en time, eller kontakt kommunen, hvis du vil give mere input."
                ),
                retry_after=window,
            )
