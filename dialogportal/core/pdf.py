"""HTML to an accessible PDF (WeasyPrint, PDF/UA-1: tagged, with language and title), kept in
the cache under a digest of exactly what goes into it.

WeasyPrint needs about two seconds for a 40-item minutes document on our two cores, and most
documents (approved minutes, a day's hvidbog) are asked for again unchanged. The cache key is a
SHA-256 of the WeasyPrint version, the stylesheet and the HTML, so a changed document can never
be served from an old entry and nothing has to be invalidated; what a reader may see is decided
before the HTML is made, so two audiences never share an entry."""

import functools
import hashlib
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

PDF_VARIANT = "pdf/ua-1"


@functools.cache
def _renderer_version() -> str:
    # Read from the package metadata: importing WeasyPrint only for its version costs a second.
    return version("weasyprint")


def cache_key(html: str, stylesheet: str) -> str:
    digest = hashlib.sha256()
    for part in (_renderer_version(), PDF_VARIANT, stylesheet, html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return f"pdf:{digest.hexdigest()}"


def render_pdf(html: str, *, stylesheet: Path | None = None, use_cache: bool = True) -> bytes:
    """The PDF of `html` styled by `stylesheet`; from the cache when the same input was rendered
    before. Documents with personal data pass `use_cache=False`: they never reach the cache."""
    from weasyprint import CSS, HTML

    css = stylesheet.read_text(encoding="utf-8") if stylesheet else ""
    key = cache_key(html, css)
    if use_cache:
        cached = cache.get(key)
        if isinstance(cached, bytes):
            return cached
    result: bytes = HTML(string=html, base_url=settings.SITE_URL).write_pdf(
        stylesheets=[CSS(string=css)] if css else [], pdf_variant=PDF_VARIANT
    )
    if use_cache:
        cache.set(key, result, timeout=settings.PDF_CACHE_SECONDS)
    return result


def is_cached(html: str, *, stylesheet: Path | None = None) -> bool:
    css = stylesheet.read_text(encoding="utf-8") if stylesheet else ""
    return cache.has_key(cache_key(html, css))
