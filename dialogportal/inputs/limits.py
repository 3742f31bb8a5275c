"""Flood limits of the public channels (the form and the API): per address, per network (one host
can hold a whole /64 or /24), per near-identical text (a script that varies a number) from one
network and from everywhere, and a budget of attachment bytes per network and in all. Staff
channels are not limited.

The counters are rows of `FloodCounter`, shared by every web worker on every machine through
the database, and counted by ONE statement inside the submission's own transaction (decision
0011): no commit and no WAL flush of their own, and a submission that is not stored is not
counted. A refused submission stores nothing but keeps its count (`keep_refused`). The messages
say what to do instead (contact the municipality), never which limit."""

import hashlib
import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.core.errors import TooManyRequestsError
from dialogportal.core.net import network_of
from dialogportal.inputs.models import FloodCounter

_NOT_LETTERS = re.compile(r"[\W\d_]+")


class RateLimitedError(TooManyRequestsError):
    """Too many inputs from one address or network, or one text too often (HTTP 429)."""

    code = "rate_limited"


def text_fingerprint(text: str) -> str:
    """Near-identical texts share a fingerprint: case, digits, punctuation, spacing and accents
    aside ("Luk skolen! 17" and "luk skolen 18" are one text)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    letters = _NOT_LETTERS.sub("", folded)[:4000]
    return hashlib.sha256(letters.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Counters:
    """The counters one public submission counts against, and their limits."""

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
    """Count this submission against every counter at once, in the caller's transaction, and
    refuse (RateLimitedError) when one goes past its limit. Counting first and comparing the new
    value, instead of reading and counting later, means concurrent submissions cannot all see
    room under the limit: the row of a counter stays locked until the caller's transaction ends,
    so the next submission on the same counter reads the committed count. Call it as the last
    write before the commit: that lock is then held only while the commit is flushed."""
    values = _count(found)
    for key, limit, amount in found.keys:
        if amount and values[key] > limit:
            raise RateLimitedError(
                _(
                    "Vi har modtaget mange input fra din internetforbindelse eller med den samme "
                    "tekst på kort tid, så vi tager midlertidigt ikke imod flere herfra. Prøv "
                    "igen om en time, eller kontakt kommunen, hvis du vil give mere input."
                ),
                retry_after=_window(),
            )


def keep_refused(found: Counters) -> None:
    """Count a refused submission again after its transaction was rolled back: hammering keeps
    the window full."""
    with transaction.atomic():
        _count(found)


def _count(found: Counters) -> dict[str, int]:
    """Add each counter's amount in one INSERT … ON CONFLICT DO UPDATE … RETURNING (PostgreSQL
    and SQLite): a counter whose window has passed starts again at the amount, with a new window.
    Keys are sorted, so two submissions lock shared rows in one order (no deadlock)."""
    rows = sorted({key: amount for key, _limit, amount in found.keys if amount}.items())
    if not rows:
        return {}
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    quote = connection.ops.quote_name
    table = quote(FloodCounter._meta.db_table)
    key, value, expires = quote("key"), quote("value"), quote("expires_at")
    # Only our own table and column names are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({key}, {value}, {expires}) VALUES "  # noqa: S608
        + ", ".join(["(%s, %s, %s)"] * len(rows))
        + f" ON CONFLICT ({key}) DO UPDATE SET"
        f" {value} = CASE WHEN {table}.{expires} <= %s THEN excluded.{value}"
        f" ELSE {table}.{value} + excluded.{value} END,"
        f" {expires} = CASE WHEN {table}.{expires} <= %s THEN excluded.{expires}"
        f" ELSE {table}.{expires} END"
        f" RETURNING {key}, {value}"
    )
    until = adapt(now + timedelta(seconds=_window()))
    params: list[Any] = []
    for name, amount in rows:
        params += [name, amount, until]
    params += [adapt(now), adapt(now)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {str(name): int(total) for name, total in cursor.fetchall()}


def prune_expired() -> int:
    """Delete the counters whose window has passed (they hold addresses); the number deleted."""
    deleted, _by_model = FloodCounter.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
