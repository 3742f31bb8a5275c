"""The one explicit list of every app's personal-data handler. Retention, data-subject search,
export and erasure call each of them, in this order; no signals, so what is covered can be read
here and is checked by `tests/privacy/test_completeness.py` (every model field that can hold
personal data is named by a handler's COVERED_FIELDS or in `NOT_PERSONAL_DATA`)."""

from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from django.db.models import QuerySet

from dialogportal.analysis import personal_data as analysis_data
from dialogportal.dialogmeetings import personal_data as dialogmeetings_data
from dialogportal.feedback import personal_data as feedback_data
from dialogportal.inputs import personal_data as inputs_data
from dialogportal.med import personal_data as med_data
from dialogportal.moderation import personal_data as moderation_data
from dialogportal.processes.models import Process


class Handler(Protocol):
    """What each app's `personal_data` module provides. Functions return counts (for the log)
    and the ids of inputs whose text they changed (so every copy can be derived again)."""

    COVERED_FIELDS: dict[str, str]

    def subject_records(self, *, email: str) -> Mapping[str, list[dict[str, Any]]]: ...

    def erase_subject(self, *, email: str) -> tuple[dict[str, int], list[int]]: ...

    def remove_due(
        self, *, processes: QuerySet[Process], today: date
    ) -> tuple[dict[str, int], list[int]]: ...

    def text_changed(self, *, input_ids: list[int]) -> int: ...


# Order matters: feedback and moderation find what they remove through the inputs' addresses and
# state, which the inputs handler then clears; analysis derives its copies again from the text the
# inputs handler left (and the inputs handler empties the caches of rendered pages and PDFs). MED
# texts copy no input, so med may come last.
def _handler(module: Handler) -> Handler:
    return module  # mypy checks each module against the protocol here


HANDLERS: tuple[tuple[str, Handler], ...] = (
    ("feedback", _handler(feedback_data)),
    ("dialogmeetings", _handler(dialogmeetings_data)),
    ("moderation", _handler(moderation_data)),
    ("inputs", _handler(inputs_data)),
    ("analysis", _handler(analysis_data)),
    ("med", _handler(med_data)),
)

# Text fields that hold no personal data of contributors or registrants, with the reason. A
# model listed with "*" is exempt as a whole.
NOT_PERSONAL_DATA: dict[str, str] = {
    "core.*": "worker heartbeats and schedules",
    "accounts.User.*": "staff accounts, managed by the municipality's identity provider/admin",
    "accounts.AccessLog.*": "the audit log: staff user names, a keyed digest of a subject's "
    "address, paths without query strings; kept as evidence",
    "processes.*": "written by staff: processes, phases, focus areas, documents",
    "organisation.*": "units, committees and their members in their official roles",
    "meetings.*": "agendas and minutes: official records (journalised under arkivloven); "
    "names on them (members, votes, protocol notes, attendance, signatures, the audit log) are "
    "elected politicians and committee members in their public role, or staff; closed items' "
    "content is kept from the public by meetings.publication, not by retention",
    "indicators.*": "key figures and their sources",
    "strategy.*": "the strategic plan, written by staff; initiative owners in official roles",
    "analysis.AnalysisRun.*": "run metadata: counts, timings, parameters",
    "analysis.InputVector.backend_name": "the embedding backend's name",
    "analysis.InputVector.backend_version": "the embedding backend's version",
    "feedback.AnswerTemplate.*": "answer templates written by staff",
    "feedback.Answer.text": "the municipality's answer, written by staff",
    "feedback.Answer.explanation": "the municipality's explanation, written by staff",
    "feedback.StatusChange.explanation": "the municipality's explanation, written by staff",
    "feedback.Outcome.text": "what an input led to, written by staff",
    "feedback.Outcome.link_key": "which plan initiative an outcome follows (a code)",
    "feedback.Outcome.link_title": "a plan initiative's title, copied from the published plan",
    "feedback.Outcome.link_context": "the strategic plan's title, copied from the published plan",
    "feedback.Outcome.link_url": "the address of the initiative's public page",
    "feedback.Outcome.link_state": "the initiative's status (a code)",
    "feedback.Outcome.link_reason": "why an initiative is paused or dropped, written by staff",
    "feedback.NotificationDigest.input_ids": "input numbers only",
    "moderation.ScreeningResult.*": "extraction status and page numbers, no text",
    "inputs.Input.consent_text_version": "the version of the privacy text",
    "dialogmeetings.Registration.consent_text_version": "the version of the privacy text",
    "inputs.Attachment.content_type": "the detected file type",
    "dialogmeetings.DialogMeeting.*": "the meeting's plan, written by staff; the host in an "
    "official role",
    "dialogmeetings.DiscussionQuestion.*": "questions written by staff",
    "dialogmeetings.MeetingInput.table_name": "a table's name or number",
    "privacy.RetentionRun.*": "counts only",
    "med.Hearing.title": "the hearing's title, written by the administration",
    "med.Hearing.material": "the hearing material and questions, written by the administration",
    "med.Hearing.note_intro": "the høringsnotat's introduction, written by the administration",
    "med.HearingFile.title": "the name of a piece of hearing material",
    "med.HearingFile.file": "hearing material from the administration (a case document)",
    "med.AnswerFile.title": "the name a committee gave its answer's attachment",
    "med.AnswerFile.file": "a committee's attachment to its formal answer: a case document "
    "journalised in ESDH and kept with the committee's record (its content is not searched)",
    "med.AnswerApproval.person_name": "the chair's or vice-chair's name, in their official role",
    "med.AuditEntry.actor_name": "the staff user or committee member who acted (evidence)",
    "med.Cascade.message": "the secretariat's message about the item passed on, written by staff",
    "med.Cascade.clause": "the decided recommendation's »at …« clause (the minutes' record)",
    "med.Cascade.handled_without_meeting": "the secretariat's procedural reason, written by staff",
}


def covered_fields() -> dict[str, str]:
    covered: dict[str, str] = {}
    for _name, handler in HANDLERS:
        covered.update(handler.COVERED_FIELDS)
    return covered


def text_changed(input_ids: list[int]) -> None:
    """Every copy of these inputs' text, derived again from the text as it is now."""
    if not input_ids:
        return
    for _name, handler in HANDLERS:
        handler.text_changed(input_ids=input_ids)
