"""Text out of documents (PDF, DOCX, plain text): one pure engine (no Django) with one set of
rules, used by personal-data screening and by the minutes importer.

``extract_document(data, filename)`` never raises: what it cannot read it classifies
(`ExtractionStatus`), so every caller decides for itself what an unreadable file means.
"""

from dialogportal.documents.engine import extract_document
from dialogportal.documents.model import DocumentFormat, Extraction, ExtractionStatus, Limits
from dialogportal.documents.pages import flow_pages, is_page_number, tidy_layout_page

__all__ = [
    "DocumentFormat",
    "Extraction",
    "ExtractionStatus",
    "Limits",
    "extract_document",
    "flow_pages",
    "is_page_number",
    "tidy_layout_page",
]
