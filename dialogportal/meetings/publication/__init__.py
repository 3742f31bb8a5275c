"""Builds the document every output is rendered from (`meetings.document`), and the one function
that decides what of it a reader without full access may see: `redact`.

Closed items keep only their number, "Lukket punkt" (with the public title, if any) and – once
the minutes are approved – the published decision; drafts, non-public attachments and (before
approval) decisions are dropped. Approved versions are stored whole and pass through the same
function when shown, so no output can forget a rule."""

from dialogportal.meetings.document import DocAttachment, DocItem, DocMeeting, DocSection
from dialogportal.meetings.publication.build import build_document, build_documents, build_item
from dialogportal.meetings.publication.decisions import decision_heading
from dialogportal.meetings.publication.redaction import CLOSED_TITLE, redact

__all__ = [
    "CLOSED_TITLE",
    "DocAttachment",
    "DocItem",
    "DocMeeting",
    "DocSection",
    "build_document",
    "build_documents",
    "build_item",
    "decision_heading",
    "redact",
]
