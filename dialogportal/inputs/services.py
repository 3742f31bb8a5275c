"""Writes of the inputs app. `submit_draft` (and `submit_input`, the same with keywords) is the
ONE service behind the web form, the staff channels, the import and the REST API, so their rules
cannot drift apart. Refusals are the `core.errors.RefusedError` family."""

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import EmailValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.core import postcodes
from dialogportal.core.errors import ConflictError, ForbiddenNowError
from dialogportal.core.uploads import CheckedAttachment, check_attachments
from dialogportal.inputs import limits
from dialogportal.inputs.limits import RateLimitedError
from dialogportal.inputs.models import (
    Attachment,
    Channel,
    ContributorType,
    Input,
    ModerationState,
)
from dialogportal.inputs.tasks import send_receipt_email
from dialogportal.processes.models import FocusArea, Phase, Process

# The privacy/consent text shown with the form; bump the version whenever the text changes, so
# every input records which text its contributor accepted.
CONSENT_TEXT_VERSION = "2026-11-v1"
KNOWN_CONSENT_TEXT_VERSIONS = frozenset({CONSENT_TEXT_VERSION, "staff-registered", "import"})

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u2028\u2029\ufeff]")
_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


class PhaseClosedError(ForbiddenNowError):
    """The process does not accept input now (HTTP 403 in the API)."""

    code = "phase_closed"


class IdempotencyConflictError(ConflictError):
    """The Idempotency-Key was already used for a different input (HTTP 409 in the API)."""

    code = "idempotency_conflict"


__all__ = [
    "CONSENT_TEXT_VERSION",
    "IdempotencyConflictError",
    "InputDraft",
    "PhaseClosedError",
    "RateLimitedError",
    "clean_line",
    "clean_text",
    "submit_draft",
    "submit_input",
]


def text_min_chars() -> int:
    return int(settings.INPUT_TEXT_MIN_CHARS)


def text_max_chars() -> int:
    return int(settings.INPUT_TEXT_MAX_CHARS)


def max_length(field: str) -> int:
    """A field's limit is the model's `max_length`: written once, there."""
    model_field = Input._meta.get_field(field)
    assert isinstance(model_field, models.Field)
    assert model_field.max_length is not None
    return int(model_field.max_length)


def clean_text(value: str) -> str:
    """NFC, no control or invisible characters, Unix line ends, no surrounding space."""
    value = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).strip()


def clean_line(value: str) -> str:
    return " ".join(clean_text(value).split())


@dataclass(frozen=True)
class InputDraft:
    """What one contributor gave, as the form, the API, a staff screen or an import parsed it;
    `submit_draft` cleans it, checks every rule and stores it."""

    text: str
    contributor_type: str
    focus_area: FocusArea | None = None
    title: str = ""
    organisation: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    postcode: str = ""
    consent_publish_name: bool = False
    consent_contact: bool = False
    consent_text_version: str = ""
    channel: str = Channel.WEB
    source: str = ""
    given_on: date | None = None
    attachments: Sequence[tuple[str, IO[bytes]]] = ()

    def cleaned(self, *, staff: bool) -> "InputDraft":
        return replace(
            self,
            text=clean_text(self.text),
            title=clean_line(self.title),
            organisation=clean_line(self.organisation),
            name=clean_line(self.name),
            source=clean_line(self.source),
            email=clean_line(self.email).replace(" ", ""),
            phone=clean_line(self.phone),
            postcode=postcodes.normalise(clean_line(self.postcode)) if self.postcode else "",
            channel=self.channel if staff else Channel.WEB,
            consent_text_version=self.consent_text_version or ("staff-registered" if staff else ""),
        )


def idempotency_fingerprint(*, key: str, scope: str, client_secret: str) -> str:
    """What is stored for an Idempotency-Key: a keyed digest of the key, who may repeat it
    (`scope`: the public form, the API, one staff user, an import) and the client's own secret
    (the form: the browser's CSRF secret). Another client replaying the same key and text makes
    a new input; it can never get the first one back with its private receipt link."""
    message = "\x00".join((scope, key, client_secret)).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _phase_for(process: Process, at: datetime, *, staff: bool) -> Phase | None:
    if staff:
        return process.phases.open_at(at).order_by("starts_at").first()
    if not process.is_published:
        raise PhaseClosedError(_("Processen er ikke offentliggjort."))
    phase = process.phases.accepting_input_at(at).order_by("starts_at").first()
    if phase is None:
        raise PhaseClosedError(
            _(
                "»%(process)s« tager ikke imod input lige nu, fordi processen ikke er i en fase, "
                "hvor der modtages input. Se tidslinjen på processens side."
            )
            % {"process": process.title}
        )
    return phase


def _validate(process: Process, draft: InputDraft, idempotency_key: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if draft.focus_area is not None and draft.focus_area.process_id != process.pk:
        add("focus_area", _("Fokusområdet findes ikke i denne proces."))
    text = draft.text
    if not text:
        add("text", _("Skriv dit input – feltet må ikke være tomt."))
    elif len(text) < text_min_chars():
        add(
            "text",
            _("Skriv mindst %(min)d tegn, så vi kan forstå dit input.") % {"min": text_min_chars()},
        )
    elif len(text) > text_max_chars():
        add(
            "text",
            _(
                "Dit input er for langt: højst %(max)d tegn (du skrev %(given)d). Læg gerne "
                "resten i et bilag."
            )
            % {"max": text_max_chars(), "given": len(text)},
        )
    for field in ("title", "organisation", "name", "source", "phone", "email"):
        limit = max_length(field)
        if len(getattr(draft, field)) > limit:
            add(field, _("Højst %(max)d tegn.") % {"max": limit})
    if draft.contributor_type not in ContributorType.values:
        add("contributor_type", _("Vælg hvem du skriver som."))
    if draft.channel not in Channel.values:
        add("channel", _("Vælg en kanal fra listen."))
    if draft.email:
        try:
            EmailValidator()(draft.email)
        except ValidationError:
            add("email", _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."))
    if draft.postcode and not postcodes.is_valid(draft.postcode):
        add(
            "postcode",
            _(
                "»%(code)s« er ikke et dansk postnummer, man kan bo eller arbejde i. Skriv fire "
                "cifre, fx 8900, eller lad feltet stå tomt."
            )
            % {"code": draft.postcode[:20]},
        )
    if draft.consent_publish_name and not draft.name:
        add("consent_publish_name", _("Skriv dit navn, hvis navnet må vises."))
    if draft.consent_contact and not (draft.email or draft.phone):
        add("consent_contact", _("Skriv din e-mailadresse, hvis vi må kontakte dig."))
    if draft.consent_text_version not in KNOWN_CONSENT_TEXT_VERSIONS:
        add(
            "consent_text_version",
            _("Du skal acceptere teksten om behandling af personoplysninger for at give input."),
        )
    if idempotency_key and not _IDEMPOTENCY_KEY.match(idempotency_key):
        add(
            "idempotency_key",
            _("Idempotency-Key skal være 1–200 synlige ASCII-tegn uden mellemrum."),
        )
    return errors


def submit_input(
    *,
    process: Process,
    focus_area: FocusArea | None,
    text: str,
    contributor_type: str,
    title: str = "",
    organisation: str = "",
    name: str = "",
    email: str = "",
    phone: str = "",
    postcode: str = "",
    consent_publish_name: bool = False,
    consent_contact: bool = False,
    consent_text_version: str = "",
    channel: str = Channel.WEB,
    source: str = "",
    given_on: date | None = None,
    phase_at: datetime | None = None,
    attachments: Sequence[tuple[str, IO[bytes]]] = (),
    idempotency_key: str = "",
    client_secret: str = "",
    submitted_ip: str | None = None,
    acting_user: User | None = None,
) -> Input:
    """`submit_draft` with the draft's fields as keywords (for callers with few of them)."""
    draft = InputDraft(
        focus_area=focus_area,
        text=text,
        contributor_type=contributor_type,
        title=title,
        organisation=organisation,
        name=name,
        email=email,
        phone=phone,
        postcode=postcode,
        consent_publish_name=consent_publish_name,
        consent_contact=consent_contact,
        consent_text_version=consent_text_version,
        channel=channel,
        source=source,
        given_on=given_on,
        attachments=attachments,
    )
    return submit_draft(
        process=process,
        draft=draft,
        phase_at=phase_at,
        idempotency_key=idempotency_key,
        client_secret=client_secret,
        submitted_ip=submitted_ip,
        acting_user=acting_user,
    )


# Every staff account shares one scope, so a key given by staff code (e.g. "the discussion of
# item 12") stores one input whoever sends it.
STAFF_SCOPE = "staff"


def stored_staff_key(key: str) -> str:
    """The stored form of an Idempotency-Key that staff code gave without a client secret, to
    find the input it stored."""
    return idempotency_fingerprint(key=key, scope=STAFF_SCOPE, client_secret="")


def _scope(acting_user: User | None, submitted_ip: str | None) -> str:
    if acting_user is not None:
        return STAFF_SCOPE
    return "public"


def submit_draft(
    *,
    process: Process,
    draft: InputDraft,
    phase_at: datetime | None = None,
    idempotency_key: str = "",
    client_secret: str = "",
    submitted_ip: str | None = None,
    acting_user: User | None = None,
) -> Input:
    """Store one input with its attachments, exactly once per `idempotency_key` and client.

    Public submissions (no `acting_user`) need a phase that accepts input and are held to the
    flood limits (`limits.py`); staff registrations (any channel, any date) are not. Raises
    ValidationError (a dict of field → messages), PhaseClosedError, RateLimitedError or
    IdempotencyConflictError – nothing is stored then. The returned input has `was_created`
    False when an earlier submission with the same key from the same client is returned."""
    staff = acting_user is not None
    draft = draft.cleaned(staff=staff)
    raw_key = (idempotency_key or "").strip()
    errors = _validate(process, draft, raw_key)
    checked: list[CheckedAttachment] = []
    if draft.attachments:
        try:
            checked = check_attachments(list(draft.attachments))
        except ValidationError as exc:
            errors.setdefault("attachments", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    key = (
        idempotency_fingerprint(
            key=raw_key, scope=_scope(acting_user, submitted_ip), client_secret=client_secret
        )
        if raw_key
        else ""
    )
    found = (
        None
        if staff
        else limits.counters(
            ip=submitted_ip, text=draft.text, attachment_bytes=sum(a.size for a in checked)
        )
    )

    # Exactly once without a look-up on the hot path: the insert meets the database's unique
    # (process, idempotency_key) constraint, and only then – or when a rule below refuses a
    # repeat that may have been accepted earlier – is the first input looked up and returned.
    try:
        with transaction.atomic():
            obj = _store_input(
                process=process,
                draft=draft,
                phase_at=phase_at,
                checked=checked,
                idempotency_key=key,
                submitted_ip=submitted_ip,
                acting_user=acting_user,
                limits_found=found,
            )
    except (IntegrityError, PhaseClosedError, limits.RateLimitedError, ValidationError):
        existing = (
            Input.objects.filter(process=process, idempotency_key=key).first() if key else None
        )
        if existing is not None:
            return _replay(existing, text=draft.text)
        raise
    return obj


def _store_input(
    *,
    process: Process,
    draft: InputDraft,
    phase_at: datetime | None,
    checked: list[CheckedAttachment],
    idempotency_key: str,
    submitted_ip: str | None,
    acting_user: User | None,
    limits_found: limits.Counters | None,
) -> Input:
    """The transactional part of `submit_draft` (its caller holds the transaction)."""
    staff = acting_user is not None
    today = timezone.localdate()
    given_on = draft.given_on or today
    if given_on > today:
        raise ValidationError({"given_on": [_("Datoen må ikke ligge i fremtiden.")]})
    at = phase_at or (
        timezone.make_aware(datetime.combine(given_on, time(12)))
        if staff and given_on != today
        else timezone.now()
    )
    phase = _phase_for(process, at, staff=staff)
    if limits_found is not None:
        limits.reserve(limits_found)

    obj = Input(
        process=process,
        focus_area=draft.focus_area,
        phase=phase,
        title=draft.title,
        text=draft.text,
        contributor_type=draft.contributor_type,
        organisation=draft.organisation,
        name=draft.name,
        email=draft.email,
        phone=draft.phone,
        postcode=draft.postcode,
        consent_publish_name=draft.consent_publish_name,
        consent_contact=draft.consent_contact,
        consent_text_version=draft.consent_text_version,
        channel=draft.channel,
        source=draft.source,
        given_on=given_on,
        idempotency_key=idempotency_key,
        submitted_ip=submitted_ip or None,
        created_by=acting_user,
        # Screening decides: a process that publishes at once does so only when nothing was found.
        moderation_state=ModerationState.PENDING,
    )
    # Unique keys and constraints are the database's job (a race is handled by the caller);
    # the related objects were just loaded, so checking that they exist (one query each) is
    # left out too: the foreign keys still guard it.
    obj.full_clean(
        exclude=["receipt_token", "process", "focus_area", "phase", "created_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    obj.save()
    for item in checked:
        attachment = Attachment(
            input=obj,
            original_name=item.name,
            content_type=item.content_type,
            size=item.size,
        )
        attachment.file.save(item.name, ContentFile(item.data), save=False)
        attachment.full_clean()
        attachment.save()
    if draft.email:
        input_id = obj.pk
        transaction.on_commit(lambda: send_receipt_email.enqueue(input_id))
    # Imported here: moderation builds on this app's models, so a top-level import would cycle
    # (issue #19 moves the enqueueing out of inputs).
    from dialogportal.moderation.services import queue_screening

    queue_screening(input_id=obj.pk)
    obj.was_created = True
    return obj


def _replay(existing: Input, *, text: str) -> Input:
    if existing.text != text:
        raise IdempotencyConflictError(
            _(
                "Denne Idempotency-Key er allerede brugt til et andet input. Brug en ny nøgle "
                "til et nyt input."
            )
        )
    existing.was_created = False
    return existing
