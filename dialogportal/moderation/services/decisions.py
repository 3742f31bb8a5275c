"""Moderators' decisions on inputs. Each one locks the input, changes it, and leaves one
`ModerationDecision` row saying who did what when (with the text before and after a change)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.analysis import personal_data as analysis_copies
from dialogportal.core.errors import RefusedError
from dialogportal.inputs import personal_data as input_copies
from dialogportal.inputs.models import Attachment, Input, ModerationState
from dialogportal.moderation.models import (
    DecisionAction,
    HitField,
    ModerationDecision,
    Report,
    ReportReason,
    ScreeningResult,
)
from dialogportal.moderation.services.screening import FieldHit, current_hits, rescreen_text
from dialogportal.screening import redact

MAX_REASON = 2000
MAX_TITLE = 200
MAX_TEXT = 100_000


class ModerationError(RefusedError):
    """A decision that cannot be taken; `message` is for the moderator, in Danish (HTTP 400)."""

    code = "moderation_refused"


def _lock(item: Input) -> Input:
    return Input.objects.select_for_update().select_related("process").get(pk=item.pk)


def _record(
    *,
    item: Input,
    acting_user: User | None,
    action: DecisionAction,
    state_before: str,
    reason: str = "",
    attachment: Attachment | None = None,
    title_before: str | None = None,
    text_before: str | None = None,
) -> ModerationDecision:
    changes_text = (title_before is not None and title_before != item.title) or (
        text_before is not None and text_before != item.text
    )
    decision = ModerationDecision(
        input=item,
        attachment=attachment,
        actor=acting_user,
        action=action,
        state_before=state_before,
        state_after=item.moderation_state,
        reason=reason,
        changes_text=changes_text,
        title_before=(title_before or "") if changes_text else "",
        title_after=item.title if changes_text else "",
        text_before=(text_before or "") if changes_text else "",
        text_after=item.text if changes_text else "",
        decided_at=timezone.now(),
    )
    decision.full_clean()
    decision.save()
    return decision


def _text_changed(item: Input) -> None:
    """The text changed: screen it again and derive every stored copy again (analysis quotes,
    theme labels, vectors, cached pages and PDFs), so none keeps what was removed."""
    rescreen_text(item)
    analysis_copies.text_changed(input_ids=[item.pk])
    input_copies.text_changed(input_ids=[item.pk])


def _resolve_reports(item: Input, acting_user: User) -> None:
    item.reports.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=acting_user
    )


def _apply_redaction(item: Input, hits: Sequence[FieldHit]) -> None:
    title_hits = [found.hit for found in hits if found.field == HitField.TITLE]
    text_hits = [found.hit for found in hits if found.field == HitField.TEXT]
    if title_hits:
        item.title = redact(item.title, title_hits)[:MAX_TITLE]
    if text_hits:
        item.text = redact(item.text, text_hits)


def _withheld_attachment_ids(item: Input) -> set[int]:
    """Attachments whose latest attachment decision kept them internal."""
    latest: dict[int, str] = {}
    for attachment_id, action in item.decisions.filter(attachment__isnull=False).values_list(
        "attachment_id", "action"
    ):
        latest[attachment_id] = action
    return {pk for pk, action in latest.items() if action == DecisionAction.ATTACHMENT_WITHHOLD}


def publish_clean_attachments(item: Input) -> None:
    """Publishing an input publishes its attachments that screening read in full and found
    nothing in; the others stay internal until a moderator decides on each. An attachment the
    worker has not screened yet stays internal too: the worker publishes it when it finds it
    clean (`moderation.execution.screen_input_now`)."""
    withheld = _withheld_attachment_ids(item)
    for attachment in item.attachments.select_related("screening"):
        screening = getattr(attachment, "screening", None)
        if (
            screening is not None
            and screening.may_publish_automatically
            and attachment.pk not in withheld
            and not attachment.is_public
        ):
            attachment.is_public = True
            attachment.save(update_fields=["is_public"])


def _save_state(item: Input, state: ModerationState, *, rejection_reason: str = "") -> None:
    item.moderation_state = state
    item.rejection_reason = rejection_reason
    try:
        item.full_clean()
    except ValidationError as error:
        raise ModerationError(" ".join(error.messages)) from error
    item.save()


@transaction.atomic
def publish_input(
    *, item: Input, acting_user: User, confirm_hits: bool = False
) -> ModerationDecision:
    """Publish the input unchanged; refused while screening finds personal data in it unless the
    moderator confirms that what was found may be published (e.g. the municipality's own number)."""
    item = _lock(item)
    if current_hits(item) and not confirm_hits:
        raise ModerationError(
            _(
                "Inputtet indeholder mulige personoplysninger. Fjern dem, eller bekræft, "
                "at de må offentliggøres."
            )
        )
    before = item.moderation_state
    _save_state(item, ModerationState.PUBLISHED)
    publish_clean_attachments(item)
    _resolve_reports(item, acting_user)
    return _record(
        item=item, acting_user=acting_user, action=DecisionAction.PUBLISH, state_before=before
    )


@transaction.atomic
def publish_input_redacted(*, item: Input, acting_user: User) -> ModerationDecision:
    """Replace every hit in the title and text with "[fjernet]" and publish, in one decision."""
    item = _lock(item)
    hits = current_hits(item)
    before, title_before, text_before = item.moderation_state, item.title, item.text
    _apply_redaction(item, hits)
    _save_state(item, ModerationState.PUBLISHED)
    _text_changed(item)
    publish_clean_attachments(item)
    _resolve_reports(item, acting_user)
    return _record(
        item=item,
        acting_user=acting_user,
        action=DecisionAction.PUBLISH_REDACTED if hits else DecisionAction.PUBLISH,
        state_before=before,
        title_before=title_before,
        text_before=text_before,
    )


@transaction.atomic
def redact_hit(
    *, item: Input, acting_user: User, field: HitField, start: int, end: int
) -> ModerationDecision:
    """One-click redaction of one hit (as screening finds it now) to "[fjernet]"."""
    item = _lock(item)
    chosen = [
        found
        for found in current_hits(item)
        if found.field == field and found.hit.start == start and found.hit.end == end
    ]
    if not chosen:
        raise ModerationError(
            _("Fundet findes ikke længere i teksten. Siden er opdateret; prøv igen.")
        )
    return _redact_and_record(item=item, acting_user=acting_user, hits=chosen)


@transaction.atomic
def redact_all(*, item: Input, acting_user: User) -> ModerationDecision:
    """Replace every hit in the title and text with "[fjernet]"; the state does not change."""
    item = _lock(item)
    hits = current_hits(item)
    if not hits:
        raise ModerationError(_("Der er ingen fund at fjerne."))
    return _redact_and_record(item=item, acting_user=acting_user, hits=hits)


def _redact_and_record(
    *, item: Input, acting_user: User, hits: Sequence[FieldHit]
) -> ModerationDecision:
    title_before, text_before = item.title, item.text
    _apply_redaction(item, hits)
    item.save()
    _text_changed(item)
    return _record(
        item=item,
        acting_user=acting_user,
        action=DecisionAction.REDACT,
        state_before=item.moderation_state,
        title_before=title_before,
        text_before=text_before,
    )


@transaction.atomic
def edit_text(*, item: Input, acting_user: User, title: str, text: str) -> ModerationDecision:
    """A moderator's own correction (e.g. a name screening cannot know); logged before/after."""
    item = _lock(item)
    title, text = title.strip(), text.strip()
    if not text:
        raise ModerationError(_("Teksten må ikke være tom."))
    if len(title) > MAX_TITLE or len(text) > MAX_TEXT:
        raise ModerationError(_("Teksten er for lang."))
    if title == item.title and text == item.text:
        raise ModerationError(_("Teksten er uændret."))
    title_before, text_before = item.title, item.text
    item.title, item.text = title, text
    try:
        item.full_clean()
    except ValidationError as error:
        raise ModerationError(" ".join(error.messages)) from error
    item.save()
    _text_changed(item)
    return _record(
        item=item,
        acting_user=acting_user,
        action=DecisionAction.EDIT,
        state_before=item.moderation_state,
        title_before=title_before,
        text_before=text_before,
    )


def _withdraw_attachments(item: Input) -> None:
    item.attachments.filter(is_public=True).update(is_public=False)


@transaction.atomic
def hide_input(*, item: Input, acting_user: User) -> ModerationDecision:
    """Keep the input for case workers only; it never appears publicly."""
    item = _lock(item)
    before = item.moderation_state
    _save_state(item, ModerationState.HIDDEN)
    _withdraw_attachments(item)
    _resolve_reports(item, acting_user)
    return _record(
        item=item, acting_user=acting_user, action=DecisionAction.HIDE, state_before=before
    )


def clean_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ModerationError(_("Skriv en begrundelse, som afsenderen kan se på sin kvittering."))
    if len(reason) > MAX_REASON:
        raise ModerationError(_("Begrundelsen må højst være 2000 tegn."))
    return reason


@transaction.atomic
def reject_input(*, item: Input, acting_user: User, reason: str) -> ModerationDecision:
    """Reject the input with a reason the contributor sees on the receipt page."""
    reason = clean_reason(reason)
    item = _lock(item)
    before = item.moderation_state
    _save_state(item, ModerationState.REJECTED, rejection_reason=reason)
    _withdraw_attachments(item)
    _resolve_reports(item, acting_user)
    return _record(
        item=item,
        acting_user=acting_user,
        action=DecisionAction.REJECT,
        state_before=before,
        reason=reason,
    )


@transaction.atomic
def keep_input(*, item: Input, acting_user: User) -> ModerationDecision:
    """Dismiss the open reports on a published input and keep it published."""
    item = _lock(item)
    if not item.reports.filter(resolved_at__isnull=True).exists():
        raise ModerationError(_("Inputtet har ingen åbne anmeldelser."))
    _resolve_reports(item, acting_user)
    return _record(
        item=item,
        acting_user=acting_user,
        action=DecisionAction.KEEP,
        state_before=item.moderation_state,
    )


def _attachment_is_flagged(attachment: Attachment) -> bool:
    """Screening found something in it, or could not read it all (a scan, an encrypted file)."""
    screening = ScreeningResult.objects.filter(attachment=attachment).first()
    return screening is None or not screening.may_publish_automatically


@transaction.atomic
def set_attachment_publicity(
    *,
    item: Input,
    attachment: Attachment,
    acting_user: User,
    is_public: bool,
    confirm_hits: bool = False,
) -> ModerationDecision:
    """A moderator's decision on one attachment; it shows only while its input is published.
    Publishing one that screening flagged needs the same confirmation as text with hits."""
    item = _lock(item)
    if attachment.input_id != item.pk:
        raise ModerationError(_("Bilaget hører ikke til dette input."))
    if is_public and not confirm_hits and _attachment_is_flagged(attachment):
        raise ModerationError(
            _(
                "Bilaget kan indeholde personoplysninger, eller det kunne ikke læses helt. Tjek "
                "det, og bekræft, at det må offentliggøres."
            )
        )
    attachment.is_public = is_public
    attachment.save(update_fields=["is_public"])
    return _record(
        item=item,
        acting_user=acting_user,
        action=(
            DecisionAction.ATTACHMENT_PUBLISH if is_public else DecisionAction.ATTACHMENT_WITHHOLD
        ),
        state_before=item.moderation_state,
        attachment=attachment,
    )


@transaction.atomic
def report_input(*, item: Input, reason: ReportReason, comment: str = "") -> Report:
    """A visitor flags a published input; it stays visible but goes back to the queue."""
    comment = comment.strip()
    if len(comment) > MAX_REASON:
        raise ModerationError(_("Uddybningen må højst være 2000 tegn."))
    report = Report(input=item, reason=reason, comment=comment)
    report.full_clean()
    report.save()
    return report


BULK_ACTIONS = ("publish", "hide", "reject")


@dataclass
class BulkOutcome:
    done: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


def bulk_decide(
    *, items: Iterable[Input], acting_user: User, action: str, reason: str = ""
) -> BulkOutcome:
    """Take one decision on many inputs, each in its own transaction. Bulk publishing never
    overrides screening: inputs with hits are skipped and stay in the queue."""
    if action not in BULK_ACTIONS:
        raise ModerationError(_("Vælg en handling."))
    if action == "reject":
        reason = clean_reason(reason)
    outcome = BulkOutcome()
    for item in items:
        try:
            if action == "publish":
                publish_input(item=item, acting_user=acting_user)
            elif action == "hide":
                hide_input(item=item, acting_user=acting_user)
            else:
                reject_input(item=item, acting_user=acting_user, reason=reason)
        except ModerationError as error:
            outcome.skipped.append((item.pk, error.message))
        else:
            outcome.done.append(item.pk)
    return outcome
