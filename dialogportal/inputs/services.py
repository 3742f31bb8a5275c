"""Writes of the inputs app. `submit_input` is the ONE service behind the web form, the staff
channels, the import and the REST API, so their rules cannot drift apart."""

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import IO

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.core import postcodes
from dialogportal.inputs.attachments import CheckedAttachment, check_attachments
from dialogportal.inputs.models import (
    Attachment,
    Channel,
    ContributorType,
    Input,
    ModerationState,
)
from dialogportal.processes.models import FocusArea, Phase, Process

# The privacy/consent text shown with the form; bump the version whenever the text changes, so
# every input records which text its contributor accepted.
CONSENT_TEXT_VERSION = "2026-11-v1"
KNOWN_CONSENT_TEXT_VERSIONS = frozenset({CONSENT_TEXT_VERSION, "staff-registered", "import"})

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u2028\u2029\ufeff]")
_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


class PhaseClosedError(Exception):
    """The process does not accept input now (HTTP 403 in the API)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RateLimitedError(Exception):
    """Too many inputs from one address in a short time (HTTP 429 in the API)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class IdempotencyConflictError(Exception):
    """The Idempotency-Key was already used for a different input (HTTP 409 in the API)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def text_min_chars() -> int:
    return int(getattr(settings, "INPUT_TEXT_MIN_CHARS", 10))


def text_max_chars() -> int:
    return int(getattr(settings, "INPUT_TEXT_MAX_CHARS", 10_000))


def rate_limit() -> tuple[int, int]:
    """(inputs allowed, per this many seconds) from one IP address on the public channels."""
    return (
        int(getattr(settings, "INPUT_RATE_LIMIT", 20)),
        int(getattr(settings, "INPUT_RATE_LIMIT_WINDOW_SECONDS", 3600)),
    )


def clean_text(value: str) -> str:
    """NFC, no control or invisible characters, Unix line ends, no surrounding space."""
    value = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).strip()


def clean_line(value: str) -> str:
    return " ".join(clean_text(value).split())


def _rate_key(ip: str) -> str:
    return f"inputs:rate:{ip}"


def check_rate_limit(ip: str | None) -> None:
    if not ip:
        return
    allowed, _window = rate_limit()
    if int(cache.get(_rate_key(ip), 0)) >= allowed:
        raise RateLimitedError(
            _(
                "Vi har modtaget mange input fra din internetforbindelse på kort tid, så vi tager "
                "midlertidigt ikke imod flere herfra. Prøv igen om en time, eller kontakt "
                "kommunen, hvis du vil give mere input."
            )
        )


def _count_for_rate_limit(ip: str | None) -> None:
    if not ip:
        return
    _allowed, window = rate_limit()
    key = _rate_key(ip)
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)


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


def _validate_fields(
    *,
    process: Process,
    focus_area: FocusArea | None,
    title: str,
    text: str,
    contributor_type: str,
    organisation: str,
    name: str,
    email: str,
    phone: str,
    postcode: str,
    consent_publish_name: bool,
    consent_contact: bool,
    consent_text_version: str,
    channel: str,
    source: str,
    idempotency_key: str,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if focus_area is not None and focus_area.process_id != process.pk:
        add("focus_area", _("Fokusområdet findes ikke i denne proces."))
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
    for field, value, limit in (
        ("title", title, 200),
        ("organisation", organisation, 200),
        ("name", name, 200),
        ("source", source, 200),
        ("phone", phone, 40),
    ):
        if len(value) > limit:
            add(field, _("Højst %(max)d tegn.") % {"max": limit})
    if contributor_type not in ContributorType.values:
        add("contributor_type", _("Vælg hvem du skriver som."))
    if channel not in Channel.values:
        add("channel", _("Vælg en kanal fra listen."))
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            add("email", _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."))
        if len(email) > 254:
            add("email", _("Højst %(max)d tegn.") % {"max": 254})
    if postcode and not postcodes.is_valid(postcode):
        add(
            "postcode",
            _(
                "»%(code)s« er ikke et dansk postnummer, man kan bo eller arbejde i. Skriv fire "
                "cifre, fx 8900, eller lad feltet stå tomt."
            )
            % {"code": postcode[:20]},
        )
    if consent_publish_name and not name:
        add("consent_publish_name", _("Skriv dit navn, hvis navnet må vises."))
    if consent_contact and not (email or phone):
        add("consent_contact", _("Skriv din e-mailadresse, hvis vi må kontakte dig."))
    if consent_text_version not in KNOWN_CONSENT_TEXT_VERSIONS:
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
    submitted_ip: str | None = None,
    acting_user: User | None = None,
) -> Input:
    """Store one input with its attachments, exactly once per `idempotency_key`.

    Public submissions (no `acting_user`) need a phase that accepts input and are rate limited
    per IP address; staff registrations (any channel, any date) are not. Raises ValidationError
    (a dict of field → messages), PhaseClosedError, RateLimitedError or
    IdempotencyConflictError; nothing is stored then. The returned input has `was_created`
    False when an earlier submission with the same key is returned instead."""
    staff = acting_user is not None
    text = clean_text(text)
    title, organisation, name, source = (
        clean_line(title),
        clean_line(organisation),
        clean_line(name),
        clean_line(source),
    )
    email = clean_line(email).replace(" ", "")
    phone = clean_line(phone)
    postcode = postcodes.normalise(clean_line(postcode)) if postcode else ""
    idempotency_key = (idempotency_key or "").strip()
    if not staff:
        channel = Channel.WEB
    if not consent_text_version:
        consent_text_version = "staff-registered" if staff else ""

    errors = _validate_fields(
        process=process,
        focus_area=focus_area,
        title=title,
        text=text,
        contributor_type=contributor_type,
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
        idempotency_key=idempotency_key,
    )
    checked = []
    if attachments:
        try:
            checked = check_attachments(list(attachments))
        except ValidationError as exc:
            errors.setdefault("attachments", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)

    # Exactly once without a look-up on the hot path: the insert meets the database's unique
    # (process, idempotency_key) constraint, and only then – or when a rule below refuses a
    # repeat that may have been accepted earlier – is the first input looked up and returned.
    try:
        with transaction.atomic():
            return _store_input(
                process=process,
                focus_area=focus_area,
                title=title,
                text=text,
                contributor_type=contributor_type,
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
                phase_at=phase_at,
                checked=checked,
                idempotency_key=idempotency_key,
                submitted_ip=submitted_ip,
                acting_user=acting_user,
            )
    except (IntegrityError, PhaseClosedError, RateLimitedError, ValidationError):
        existing = (
            Input.objects.filter(process=process, idempotency_key=idempotency_key).first()
            if idempotency_key
            else None
        )
        if existing is not None:
            return _replay(existing, text=text)
        raise


def _store_input(
    *,
    process: Process,
    focus_area: FocusArea | None,
    title: str,
    text: str,
    contributor_type: str,
    organisation: str,
    name: str,
    email: str,
    phone: str,
    postcode: str,
    consent_publish_name: bool,
    consent_contact: bool,
    consent_text_version: str,
    channel: str,
    source: str,
    given_on: date | None,
    phase_at: datetime | None,
    checked: list[CheckedAttachment],
    idempotency_key: str,
    submitted_ip: str | None,
    acting_user: User | None,
) -> Input:
    """The transactional part of `submit_input` (its caller holds the transaction)."""
    staff = acting_user is not None
    today = timezone.localdate()
    given_on = given_on or today
    if given_on > today:
        raise ValidationError({"given_on": [_("Datoen må ikke ligge i fremtiden.")]})
    at = phase_at or (
        timezone.make_aware(datetime.combine(given_on, time(12)))
        if staff and given_on != today
        else timezone.now()
    )
    phase = _phase_for(process, at, staff=staff)
    if not staff:
        check_rate_limit(submitted_ip)

    obj = Input(
        process=process,
        focus_area=focus_area,
        phase=phase,
        title=title,
        text=text,
        contributor_type=contributor_type,
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
    if not staff:
        _count_for_rate_limit(submitted_ip)
    if email:
        from dialogportal.inputs.tasks import send_receipt_email

        input_id = obj.pk
        transaction.on_commit(lambda: send_receipt_email.enqueue(input_id))
    # Imported here: moderation builds on this app's models, so a top-level import would cycle.
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
