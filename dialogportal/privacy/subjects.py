"""Data-subject requests (GDPR art. 15 and 17): find everything stored about a person by their
e-mail address in every app, hand it over as JSON or PDF, or erase it. Each app answers through
its handler (`handlers.HANDLERS`); every step is written to the access log with a keyed digest of
the address, never the address."""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from dialogportal.accounts.access import log_access
from dialogportal.accounts.models import AccessKind, User
from dialogportal.core.pdf import render_pdf
from dialogportal.inputs.models import Input
from dialogportal.inputs.personal_data import subject_inputs
from dialogportal.privacy.handlers import HANDLERS, text_changed


@dataclass(frozen=True)
class Found:
    inputs: list[Input]
    records: dict[str, list[dict[str, Any]]]

    @property
    def count(self) -> int:
        return sum(len(rows) for rows in self.records.values())


def _records(email: str) -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = {}
    for _name, handler in HANDLERS:
        for key, rows in handler.subject_records(email=email).items():
            records.setdefault(key, []).extend(rows)
    return records


def _summary(records: dict[str, list[dict[str, Any]]]) -> str:
    return ", ".join(f"{key}: {len(rows)}" for key, rows in records.items() if rows) or "intet"


@transaction.atomic
def find_subject(*, user: User, email: str) -> Found:
    """Everything stored about the person with this address; the search is logged."""
    records = _records(email)
    inputs = list(
        subject_inputs(email).select_related("process", "focus_area").order_by("created_at", "pk")
    )
    log_access(user=user, kind=AccessKind.SUBJECT_SEARCH, email=email, detail=_summary(records))
    return Found(inputs=inputs, records=records)


@transaction.atomic
def export_subject_json(*, user: User, email: str) -> dict[str, Any]:
    """Everything stored about the person, as a JSON-ready dict; logged."""
    records = _records(email)
    log_access(
        user=user, kind=AccessKind.SUBJECT_EXPORT_JSON, email=email, detail=_summary(records)
    )
    return {"email": email.strip(), "exported_at": timezone.now().isoformat(), **records}


@transaction.atomic
def export_subject_pdf(*, user: User, email: str) -> bytes:
    """The same as the JSON export, as a PDF (WeasyPrint); logged. It is full of personal data,
    so it never goes through the PDF cache."""
    records = _records(email)
    log_access(user=user, kind=AccessKind.SUBJECT_EXPORT_PDF, email=email, detail=_summary(records))
    html = render_to_string(
        "privacy/subject_export_pdf.html",
        {
            "email": email.strip(),
            "records": records,
            "inputs": records.get("inputs", []),
            "exported_at": timezone.now(),
            "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        },
    )
    return render_pdf(html, use_cache=False)


def erase_subject(*, user: User, email: str) -> dict[str, int]:
    """Erase everything stored about the person in every app: their own inputs with files and
    history, their registrations, their feedback address; in others' inputs only the address
    goes, and every copy of those texts is derived again. Logged with a digest and the counts."""
    counts: Counter[str] = Counter()
    with transaction.atomic():
        changed: list[int] = []
        for _name, handler in HANDLERS:
            found, ids = handler.erase_subject(email=email)
            counts.update(found)
            changed.extend(ids)
        text_changed(changed)
        log_access(
            user=user,
            kind=AccessKind.SUBJECT_ERASE,
            email=email,
            detail=", ".join(f"{key}: {n}" for key, n in sorted(counts.items()) if n) or "intet",
        )
    return dict(counts)
