"""The PDF cache: a document is rendered once per distinct content, and documents with personal
data never reach the cache."""

import io
from pathlib import Path

from pypdf import PdfReader

from dialogportal.core.pdf import is_cached, render_pdf

PAGE = """<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Prøve</title></head>
<body><h1>{heading}</h1><p>Æbler, ører og ål.</p></body></html>"""
STYLESHEET = Path(__file__).resolve().parents[2] / "dialogportal/meetings/static/meetings/print.css"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_render_pdf_serves_an_unchanged_document_from_the_cache() -> None:
    html = PAGE.format(heading="Referat")
    assert not is_cached(html, stylesheet=STYLESHEET)
    first = render_pdf(html, stylesheet=STYLESHEET)
    assert first.startswith(b"%PDF")
    assert is_cached(html, stylesheet=STYLESHEET)
    assert render_pdf(html, stylesheet=STYLESHEET) == first
    assert "Æbler, ører og ål." in _text(first)


def test_a_changed_document_or_stylesheet_never_gets_the_old_pdf() -> None:
    render_pdf(PAGE.format(heading="Referat"), stylesheet=STYLESHEET)
    changed = PAGE.format(heading="Referat, rettet")
    assert not is_cached(changed, stylesheet=STYLESHEET)
    assert "Referat, rettet" in _text(render_pdf(changed, stylesheet=STYLESHEET))
    assert not is_cached(PAGE.format(heading="Referat"))  # same HTML, no stylesheet


def test_a_document_with_personal_data_never_reaches_the_cache() -> None:
    html = PAGE.format(heading="Udlevering til aase@example.dk")
    assert render_pdf(html, use_cache=False).startswith(b"%PDF")
    assert not is_cached(html)
