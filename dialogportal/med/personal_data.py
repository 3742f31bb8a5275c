"""The MED app's part of every personal-data task (`privacy.handlers` calls it).

MED texts are the committees' own records, but three kinds of free text are written *about*
people by committee members and the administration: a part's hearing answer (the joint text, its
main points, each side's views), the administration's comment on it in the høringsnotat, and the
comment a receiving committee sends back with an acknowledgement. A colleague's name, address or
health may end up there. The audit log keeps copies of them in `before`/`after`.

- A data-subject request finds these texts when they mention the person's address; erasure
  replaces the address (only the address, as in others' inputs) by "[fjernet]", in the audit
  copies too.
- When a hearing's process is due, every screening hit (CPR, phone, e-mail) in its answers,
  comments and their audit copies is replaced by "[fjernet]". Cascades belong to no process, so
  their comments are cleaned only through erasure.
- No MED text copies an input, so `text_changed` has nothing to derive again."""

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from dialogportal.med.models import AuditEntry, Cascade, HearingAnswer, HearingPart
from dialogportal.processes.models import Process
from dialogportal.screening import REDACTION, redact, screen_text

COVERED_FIELDS: dict[str, str] = {
    "med.HearingAnswer.summary": "address erased; screening hits redacted when the process is due",
    "med.HearingAnswer.text": "address erased; screening hits redacted when the process is due",
    "med.HearingAnswer.management_view": "address erased; screening hits redacted when due",
    "med.HearingAnswer.employee_view": "address erased; screening hits redacted when due",
    "med.HearingPart.administration_comment": "address erased; screening hits redacted when due",
    "med.Cascade.comment": "address erased (a cascade belongs to no process)",
    "med.AuditEntry.before": "the copies of the texts above, cleaned with them",
    "med.AuditEntry.after": "the copies of the texts above, cleaned with them",
}

_ANSWER_FIELDS = ("summary", "text", "management_view", "employee_view")

Clean = Callable[[str], str]


def _screened(value: str) -> str:
    return redact(value, screen_text(value))


def _clean_json(value: Any, clean: Clean) -> Any:
    """`value` (an audit row's state) with `clean` applied to every string in it."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_clean_json(item, clean) for item in value]
    if isinstance(value, dict):
        return {key: _clean_json(item, clean) for key, item in value.items()}
    return value


def _clean_rows(rows: QuerySet[Any], fields: tuple[str, ...], clean: Clean) -> int:
    """Apply `clean` to these text fields of each row; returns how many rows changed."""
    changed = 0
    for row in rows:
        new = {field: clean(getattr(row, field)) for field in fields}
        if any(new[field] != getattr(row, field) for field in fields):
            # Removing personal data must never be blocked by a form rule: no full_clean().
            type(row).objects.filter(pk=row.pk).update(**new)
            changed += 1
    return changed


def _clean_audit(rows: QuerySet[AuditEntry], clean: Clean) -> int:
    changed = 0
    for entry in rows:
        before, after = _clean_json(entry.before, clean), _clean_json(entry.after, clean)
        if before != entry.before or after != entry.after:
            AuditEntry.objects.filter(pk=entry.pk).update(before=before, after=after)
            changed += 1
    return changed


def _mentioning(
    email: str,
) -> tuple[QuerySet[HearingAnswer], QuerySet[HearingPart], QuerySet[Cascade], QuerySet[AuditEntry]]:
    email = email.strip()
    if not email:
        return (
            HearingAnswer.objects.none(),
            HearingPart.objects.none(),
            Cascade.objects.none(),
            AuditEntry.objects.none(),
        )
    in_answer = Q()
    for field in _ANSWER_FIELDS:
        in_answer |= Q(**{f"{field}__icontains": email})
    # JSON is searched as its text; an address holds no character JSON escapes.
    in_audit = Q(before__icontains=email) | Q(after__icontains=email)
    return (
        HearingAnswer.objects.filter(in_answer),
        HearingPart.objects.filter(administration_comment__icontains=email),
        Cascade.objects.filter(comment__icontains=email),
        AuditEntry.objects.filter(in_audit),
    )


def subject_records(*, email: str) -> dict[str, list[dict[str, Any]]]:
    answers, parts, cascades, _audit = _mentioning(email)
    return {
        "med_texts": [
            *(
                {"hearing_answer": a.pk, "hearing": a.part.hearing.title}
                | {field: getattr(a, field) for field in _ANSWER_FIELDS}
                for a in answers.select_related("part__hearing").order_by("pk")
            ),
            *(
                {"hearing_part": p.pk, "hearing": p.hearing.title}
                | {"administration_comment": p.administration_comment}
                for p in parts.select_related("hearing").order_by("pk")
            ),
            *(
                {"cascade": c.pk, "item": c.source_item.title, "comment": c.comment}
                for c in cascades.select_related("source_item").order_by("pk")
            ),
        ]
    }


def erase_subject(*, email: str) -> tuple[dict[str, int], list[int]]:
    """Replace the address wherever a MED text mentions it; the texts stay (records)."""
    pattern = re.compile(re.escape(email.strip()), re.IGNORECASE)

    def clean(value: str) -> str:
        return pattern.sub(REDACTION, value)

    answers, parts, cascades, audit = _mentioning(email)
    changed = (
        _clean_rows(answers, _ANSWER_FIELDS, clean)
        + _clean_rows(parts, ("administration_comment",), clean)
        + _clean_rows(cascades, ("comment",), clean)
    )
    logged = _clean_audit(audit, clean)
    return {"med_texts_redacted": changed, "med_audit_redacted": logged}, []


def remove_due(*, processes: QuerySet[Process], today: date) -> tuple[dict[str, int], list[int]]:
    """Screening hits out of the answers and comments of hearings whose process is due."""
    answers = HearingAnswer.objects.filter(part__hearing__process__in=processes)
    parts = HearingPart.objects.filter(hearing__process__in=processes).exclude(
        administration_comment=""
    )
    changed = _clean_rows(answers, _ANSWER_FIELDS, _screened) + _clean_rows(
        parts, ("administration_comment",), _screened
    )
    audit = AuditEntry.objects.filter(hearing__process__in=processes)
    logged = _clean_audit(audit, _screened)
    return {"med_texts_redacted": changed, "med_audit_redacted": logged}, []


def text_changed(*, input_ids: list[int]) -> int:
    return 0  # no MED text is a copy of an input
