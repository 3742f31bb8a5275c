"""Every write of the dialog meetings app: planning, cancelling and closing a meeting,
registrations without login, the guide's questions, recording the outcome as inputs (through
`inputs.services.submit_input`, the one way an input is made). Registrants' data is removed
by the privacy app through `personal_data.py`."""

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.core import postcodes
from dialogportal.core.errors import ConflictError
from dialogportal.core.text import clean_line, clean_text
from dialogportal.dialogmeetings.models import (
    MAX_PARTY_SIZE,
    DialogMeeting,
    DiscussionQuestion,
    MeetingInput,
    MeetingStatus,
    Registration,
)
from dialogportal.dialogmeetings.tasks import send_registration_link
from dialogportal.inputs.models import Channel, ContributorType
from dialogportal.inputs.services import submit_input
from dialogportal.organisation.models import Committee, Unit
from dialogportal.processes.models import FocusArea, Process

# The privacy text shown with the registration form; bump it whenever the text changes.
REGISTRATION_CONSENT_VERSION = "2026-11-dm-v1"


class RegistrationClosedError(ConflictError):
    """The meeting takes no (more) registrations; `message` says why, in Danish (HTTP 409)."""

    code = "registration_closed"


@dataclass(frozen=True)
class MeetingPlan:
    """What staff fill in when they plan or edit a meeting."""

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    place: str
    postcode: str
    host_name: str
    description: str = ""
    address: str = ""
    host_unit: Unit | None = None
    committees: Sequence[Committee] = ()
    units: Sequence[Unit] = ()
    focus_areas: Sequence[FocusArea] = ()
    professional_field: str = ""
    capacity: int | None = None
    registration_closes_at: datetime | None = None
    is_public: bool = True


def default_questions(area: FocusArea) -> list[str]:
    """Three open questions a table can talk about for an hour."""
    return [
        _("Hvad genkender I fra jeres egen hverdag, når I læser om »%(area)s«?")
        % {"area": area.title},
        _("Hvad fungerer allerede godt her hos os, som vi skal bygge videre på?"),
        _(
            "Hvis I skulle vælge én ting, kommunen skal gøre anderledes inden for »%(area)s«, "
            "hvad skulle det så være – og hvorfor?"
        )
        % {"area": area.title},
    ]


def _apply_plan(meeting: DialogMeeting, plan: MeetingPlan) -> None:
    code = postcodes.normalise(clean_line(plan.postcode))
    meeting.title = clean_line(plan.title)
    meeting.kind = plan.kind
    meeting.description = clean_text(plan.description)
    meeting.starts_at = plan.starts_at
    meeting.ends_at = plan.ends_at
    meeting.place = clean_line(plan.place)
    meeting.address = clean_line(plan.address)
    meeting.postcode = code
    meeting.district = postcodes.town_for(code)
    meeting.host_name = clean_line(plan.host_name)
    meeting.host_unit = plan.host_unit
    meeting.professional_field = clean_line(plan.professional_field)
    meeting.capacity = plan.capacity
    meeting.registration_closes_at = plan.registration_closes_at
    meeting.is_public = plan.is_public
    errors: dict[str, list[str]] = {}
    if code and not postcodes.is_valid(code):
        errors["postcode"] = [
            _("»%(code)s« er ikke et dansk postnummer. Skriv fire cifre, fx 8900.")
            % {"code": code[:20]}
        ]
    if plan.ends_at <= plan.starts_at:
        errors["ends_at"] = [_("Mødet skal slutte, efter det starter.")]
    if plan.registration_closes_at and plan.registration_closes_at > plan.starts_at:
        errors["registration_closes_at"] = [_("Tilmeldingen skal lukke, før mødet starter.")]
    foreign = [area for area in plan.focus_areas if area.process_id != meeting.process_id]
    if foreign:
        errors["focus_areas"] = [_("Fokusområderne skal høre til mødets proces.")]
    try:
        meeting.full_clean(exclude=["process", "host_unit", "created_by"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _ensure_default_questions(meeting: DialogMeeting) -> None:
    covered = list(meeting.covered_focus_areas())
    asked = set(meeting.questions.values_list("focus_area_id", flat=True))
    order = meeting.questions.count()
    for area in covered:
        if area.pk in asked:
            continue
        for text in default_questions(area):
            question = DiscussionQuestion(meeting=meeting, focus_area=area, text=text, order=order)
            question.full_clean()
            question.save()
            order += 1


def _save_plan(meeting: DialogMeeting, plan: MeetingPlan) -> None:
    _apply_plan(meeting, plan)
    meeting.save()
    meeting.committees.set(plan.committees)
    meeting.units.set(plan.units)
    meeting.focus_areas.set(plan.focus_areas)
    _ensure_default_questions(meeting)


@transaction.atomic
def plan_meeting(*, process: Process, plan: MeetingPlan, acting_user: User | None) -> DialogMeeting:
    """Plan a dialog meeting, with three default guide questions per covered focus area."""
    meeting = DialogMeeting(process=process, created_by=acting_user)
    _save_plan(meeting, plan)
    return meeting


@transaction.atomic
def update_meeting(
    *, meeting: DialogMeeting, plan: MeetingPlan, acting_user: User
) -> DialogMeeting:
    """Change a meeting's plan; newly covered focus areas get default questions."""
    meeting = DialogMeeting.objects.select_for_update().get(pk=meeting.pk)
    _save_plan(meeting, plan)
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: DialogMeeting, reason: str, acting_user: User) -> DialogMeeting:
    """Cancel a planned meeting, with a reason the public page shows."""
    meeting = DialogMeeting.objects.select_for_update().get(pk=meeting.pk)
    reason = clean_text(reason)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Kun et planlagt møde kan aflyses."))
    if not reason:
        raise ValidationError({"reason": [_("Skriv, hvorfor mødet er aflyst.")]})
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason[:2000]
    meeting.full_clean(exclude=["process", "host_unit", "created_by"])
    meeting.save(update_fields=["status", "cancel_reason"])
    return meeting


@transaction.atomic
def mark_held(
    *, meeting: DialogMeeting, acting_user: User, at: datetime | None = None
) -> DialogMeeting:
    """Mark a planned meeting as held; only once it has started."""
    meeting = DialogMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Kun et planlagt møde kan markeres som afholdt."))
    if meeting.starts_at > (at or timezone.now()):
        raise ValidationError(_("Mødet er ikke begyndt endnu."))
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    return meeting


def _closed_message(meeting: DialogMeeting, at: datetime) -> str:
    if meeting.status == MeetingStatus.CANCELLED:
        return _("Mødet er aflyst, så du kan ikke længere tilmelde dig.")
    if meeting.status == MeetingStatus.HELD or meeting.starts_at <= at:
        return _("Mødet er afholdt, så tilmeldingen er lukket.")
    if not meeting.is_public:
        return _("Mødet er ikke åbent for tilmelding.")
    return _("Fristen for tilmelding er overskredet.")


def _validate_registration(
    *, name: str, email: str, postcode: str, contributor_type: str, party_size: int, consent: str
) -> None:
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Skriv dit navn.")]
    elif len(name) > 200:
        errors["name"] = [_("Højst %(max)d tegn.") % {"max": 200}]
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors["email"] = [_("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")]
    if postcode and not postcodes.is_valid(postcode):
        errors["postcode"] = [
            _(
                "»%(code)s« er ikke et dansk postnummer. Skriv fire cifre, fx 8900, eller lad "
                "feltet stå tomt."
            )
            % {"code": postcode[:20]}
        ]
    if contributor_type not in ContributorType.values:
        errors["contributor_type"] = [_("Vælg, hvem du deltager som.")]
    if not 1 <= party_size <= MAX_PARTY_SIZE:
        errors["party_size"] = [
            _("I kan være fra 1 til %(max)d personer pr. tilmelding.") % {"max": MAX_PARTY_SIZE}
        ]
    if consent != REGISTRATION_CONSENT_VERSION:
        errors["consent_text_version"] = [
            _("Du skal acceptere teksten om behandling af personoplysninger for at tilmelde dig.")
        ]
    if errors:
        raise ValidationError(errors)


def _bound_key(submission_key: str, client_secret: str) -> str:
    if not submission_key:
        return ""
    message = f"{submission_key}\x00{client_secret}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _email_link(registration: Registration, *, already_registered: bool) -> None:
    if registration.email:
        pk = registration.pk
        # Each request is owed one e-mail (the task sends while any are due).
        Registration.objects.filter(pk=pk).update(link_emails_due=F("link_emails_due") + 1)
        transaction.on_commit(lambda: send_registration_link.enqueue(pk, already_registered))


def register(
    *,
    meeting: DialogMeeting,
    name: str,
    contributor_type: str,
    consent_text_version: str,
    email: str = "",
    postcode: str = "",
    party_size: int = 1,
    submission_key: str = "",
    client_secret: str = "",
    at: datetime | None = None,
) -> Registration:
    """Register for a meeting without login. The same e-mail twice for one meeting returns the
    first registration (`was_created` False) – the caller must then never show it: the private
    link goes by e-mail to the address (queued here, for new and known registrations alike). The
    form's one-time key is bound to the browser (`client_secret`), so only the browser that sent
    it gets its registration back. Raises ValidationError (field → messages) or
    RegistrationClosedError (cancelled, held, past the deadline or full); nothing is stored then."""
    at = at or timezone.now()
    submission_key = _bound_key(submission_key, client_secret)
    name = clean_line(name)
    email = clean_line(email).replace(" ", "").lower()
    postcode = postcodes.normalise(clean_line(postcode)) if postcode else ""
    _validate_registration(
        name=name,
        email=email,
        postcode=postcode,
        contributor_type=contributor_type,
        party_size=party_size,
        consent=consent_text_version,
    )
    try:
        with transaction.atomic():
            # The row lock serialises registrations for one meeting (SQLite: the IMMEDIATE
            # transaction does), so two last-seat registrations cannot both get in.
            locked = DialogMeeting.objects.select_for_update().get(pk=meeting.pk)
            if email or submission_key:
                # The same e-mail, or the same form sent again; empty values never match.
                existing = locked.registrations.filter(
                    Q(email=email, email__gt="")
                    | Q(submission_key=submission_key, submission_key__gt="")
                ).first()
                if existing is not None:
                    existing.was_created = False
                    _email_link(existing, already_registered=True)
                    return existing
            if not locked.is_registration_open_at(at):
                raise RegistrationClosedError(_closed_message(locked, at))
            if locked.capacity is not None:
                free = locked.capacity - locked.seats_taken()
                if free <= 0:
                    raise RegistrationClosedError(
                        _("Mødet er fuldt booket, så der kan ikke tilmeldes flere.")
                    )
                if party_size > free:
                    raise RegistrationClosedError(
                        _("Der er kun %(free)d ledige pladser tilbage. Tilmeld færre personer.")
                        % {"free": free}
                    )
            registration = Registration(
                meeting=locked,
                name=name,
                email=email,
                postcode=postcode,
                contributor_type=contributor_type,
                party_size=party_size,
                consent_text_version=consent_text_version,
                submission_key=submission_key[:64],
            )
            registration.full_clean(exclude=["meeting"], validate_unique=False)
            registration.save()
            _email_link(registration, already_registered=False)
            return registration
    except IntegrityError:
        # The same e-mail or form twice at once: the database kept the first.
        existing = meeting.registrations.filter(
            Q(email=email, email__gt="") | Q(submission_key=submission_key, submission_key__gt="")
        ).first()
        if existing is None:
            raise
        existing.was_created = False
        return existing


@transaction.atomic
def cancel_registration(*, token: str) -> DialogMeeting | None:
    """Cancel a registration through its private link: the row and its personal data go.
    Returns the meeting, or None when the link was already used."""
    registration = Registration.objects.select_related("meeting").filter(token=token).first()
    if registration is None:
        return None
    meeting = registration.meeting
    registration.delete()
    return meeting


@transaction.atomic
def save_question(
    *,
    meeting: DialogMeeting,
    text: str,
    focus_area: FocusArea | None,
    order: int,
    question: DiscussionQuestion | None = None,
    acting_user: User,
) -> DiscussionQuestion:
    """Add or change one question of the meeting's guide."""
    text = clean_text(text)
    if focus_area is not None and focus_area.process_id != meeting.process_id:
        raise ValidationError({"focus_area": [_("Fokusområdet hører ikke til mødets proces.")]})
    obj = question or DiscussionQuestion(meeting=meeting)
    obj.text, obj.focus_area, obj.order = text, focus_area, order
    obj.full_clean(exclude=["meeting", "focus_area"])
    obj.save()
    return obj


@transaction.atomic
def delete_question(*, question: DiscussionQuestion, acting_user: User) -> None:
    question.delete()


def record_table_note(
    *,
    meeting: DialogMeeting,
    text: str,
    focus_area: FocusArea | None,
    table_name: str = "",
    contributor_type: str = ContributorType.CITIZEN,
    submission_key: str,
    acting_user: User,
) -> MeetingInput:
    """Record one table note as an input (channel »Dialogmøde«, source = title and date) tied to
    the meeting; exactly once per `submission_key`. Raises ValidationError for a bad note."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Mødet er aflyst; der er intet udbytte at registrere."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Udbyttet kan først registreres, når mødet er begyndt."))
    table_name = clean_line(table_name)
    if len(table_name) > 100:
        raise ValidationError({"table_name": [_("Højst %(max)d tegn.") % {"max": 100}]})
    with transaction.atomic():
        created = submit_input(
            process=meeting.process,
            focus_area=focus_area,
            text=text,
            contributor_type=contributor_type,
            organisation="",
            channel=Channel.DIALOG_MEETING,
            source=meeting.source_label,
            given_on=timezone.localdate(meeting.starts_at),
            idempotency_key=f"dialogmeeting-{meeting.pk}-{submission_key}"[:200],
            acting_user=acting_user,
        )
        link, _created = MeetingInput.objects.get_or_create(
            input=created, defaults={"meeting": meeting, "table_name": table_name}
        )
        return link
