"""Dialog meetings (forsamlingshusmøder, workshops, talks): the plan, registrations without
login, the discussion guide's questions and the link from a meeting to the inputs it produced.

The inputs app never imports this one: `MeetingInput` points from here to `inputs.Input`."""

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogportal.inputs.models import ContributorType, Input
from dialogportal.organisation.models import Committee, Unit
from dialogportal.processes.models import FocusArea, Process

MAX_PARTY_SIZE = 10


def new_registration_token() -> str:
    return secrets.token_urlsafe(32)


class MeetingKind(models.TextChoices):
    VILLAGE_HALL = "village_hall", _("Forsamlingshusmøde")
    WORKSHOP = "workshop", _("Workshop")
    TALK = "talk", _("Samtale")
    OTHER = "other", _("Andet")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Afholdt")
    CANCELLED = "cancelled", _("Aflyst")


class DialogMeetingQuerySet(models.QuerySet["DialogMeeting"]):
    def public(self) -> "DialogMeetingQuerySet":
        """The one definition of what the public may see: public meetings of published
        processes."""
        return self.filter(is_public=True, process__is_published=True)

    def upcoming_at(self, at: datetime) -> "DialogMeetingQuerySet":
        return self.filter(ends_at__gt=at).exclude(status=MeetingStatus.HELD)

    def past_at(self, at: datetime) -> "DialogMeetingQuerySet":
        return self.filter(Q(ends_at__lte=at) | Q(status=MeetingStatus.HELD))

    def open_for_registration_at(self, at: datetime) -> "DialogMeetingQuerySet":
        """Planned, public, not started and before the deadline (capacity is checked apart: it
        needs a lock). The twin of `DialogMeeting.is_registration_open_at`."""
        return self.filter(status=MeetingStatus.PLANNED, is_public=True, starts_at__gt=at).filter(
            Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=at)
        )


class DialogMeeting(models.Model):
    """One dialog meeting in a process: where, when, who hosts it and who takes part."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="dialog_meetings", verbose_name=_("proces")
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("mødeform"), max_length=20, choices=MeetingKind.choices)
    description = models.TextField(_("beskrivelse"), blank=True)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(_("sted"), max_length=200)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4)
    # The postcode's town, stored with the meeting so the overview can count per district.
    district = models.CharField(_("område"), max_length=100, editable=False)
    host_name = models.CharField(_("vært"), max_length=200)
    host_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_dialog_meetings",
        verbose_name=_("værtens enhed"),
    )
    committees = models.ManyToManyField(
        Committee, blank=True, related_name="dialog_meetings", verbose_name=_("deltagende udvalg")
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="dialog_meetings", verbose_name=_("deltagende enheder")
    )
    focus_areas = models.ManyToManyField(
        FocusArea,
        blank=True,
        related_name="dialog_meetings",
        verbose_name=_("fokusområder"),
        help_text=_("Ingen valgt betyder alle processens fokusområder."),
    )
    professional_field = models.CharField(_("fagområde"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("antal pladser"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("tilmelding åben til"), null=True, blank=True)
    is_public = models.BooleanField(_("offentligt møde"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    cancel_reason = models.TextField(_("begrundelse for aflysning"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = DialogMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogmøde")
        verbose_name_plural = _("dialogmøder")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="dialogmeeting_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="dialogmeeting_capacity_positive",
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="dialogmeeting_cancelled_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogmeetings:detail", kwargs={"pk": self.pk})

    def get_staff_url(self) -> str:
        return reverse("dialogmeetings:staff_detail", kwargs={"pk": self.pk})

    @property
    def source_label(self) -> str:
        """The `source` of the inputs this meeting produced: its title and date."""
        day = timezone.localtime(self.starts_at).strftime("%d.%m.%Y")
        return f"{self.title[: 200 - len(day) - 3]} ({day})"

    def is_registration_open_at(self, at: datetime) -> bool:
        """The model twin of `DialogMeetingQuerySet.open_for_registration_at`."""
        return (
            self.status == MeetingStatus.PLANNED
            and self.is_public
            and self.starts_at > at
            and (self.registration_closes_at is None or self.registration_closes_at > at)
        )

    def public_state_changes(self) -> tuple[datetime | None, ...]:
        """The moments the meeting's public face changes by time alone: registration closes
        (deadline, start), the meeting starts and ends (it moves to the past)."""
        return (self.registration_closes_at, self.starts_at, self.ends_at)

    def seats_taken(self) -> int:
        return int(self.registrations.aggregate(n=Sum("party_size"))["n"] or 0)

    def covered_focus_areas(self) -> models.QuerySet[FocusArea]:
        """The focus areas the meeting covers; none chosen means all of the process's."""
        chosen = self.focus_areas.all()
        return chosen if chosen.exists() else self.process.focus_areas.all()


class Registration(models.Model):
    """One registration for a meeting, made without login; cancelled by deleting it through the
    private link. Names and e-mails are for the host only, never shown publicly."""

    meeting = models.ForeignKey(
        DialogMeeting, on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("navn"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4, blank=True)
    contributor_type = models.CharField(
        _("deltager som"), max_length=20, choices=ContributorType.choices
    )
    party_size = models.PositiveSmallIntegerField(_("antal personer"), default=1)
    consent_text_version = models.CharField(_("version af samtykketekst"), max_length=40)
    token = models.CharField(
        max_length=64, unique=True, default=new_registration_token, editable=False
    )
    # The form's one-time key: a double click or a resent form is one registration, also when
    # no e-mail was given (as `Input.idempotency_key`).
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    is_anonymised = models.BooleanField(_("anonymiseret"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Link e-mails asked for and not yet sent: each registration request with an e-mail adds
    # one (a repeat registration sends the link again), each send takes one under a row lock, so
    # a re-run of the task sends nothing more. A count, not a "sent at" stamp: two requests
    # before the worker runs still get an e-mail each.
    link_emails_due = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=~Q(email=""),
                name="registration_email_unique_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting", "submission_key"],
                condition=~Q(submission_key=""),
                name="registration_submitted_once",
            ),
            models.CheckConstraint(
                condition=Q(party_size__gte=1) & Q(party_size__lte=MAX_PARTY_SIZE),
                name="registration_party_size_1_to_10",
            ),
            models.CheckConstraint(
                condition=~Q(name="") | Q(is_anonymised=True),
                name="registration_has_name_unless_anonymised",
            ),
        ]

    # Set by `services.register`: False when the same e-mail was already registered. Not stored.
    was_created: bool = True

    def __str__(self) -> str:
        return f"{self.meeting}: {self.party_size}"

    def get_receipt_url(self) -> str:
        return reverse("dialogmeetings:registration", kwargs={"token": self.token})


class DiscussionQuestion(models.Model):
    """A question in the meeting's discussion guide, under a focus area (or general)."""

    meeting = models.ForeignKey(DialogMeeting, on_delete=models.CASCADE, related_name="questions")
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fokusområde"),
    )
    text = models.TextField(_("spørgsmål"))
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("drøftelsesspørgsmål")
        verbose_name_plural = _("drøftelsesspørgsmål")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="discussionquestion_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class MeetingInput(models.Model):
    """An input recorded from the meeting's table notes; the input itself lives in `inputs`."""

    meeting = models.ForeignKey(
        DialogMeeting, on_delete=models.CASCADE, related_name="meeting_inputs"
    )
    input = models.OneToOneField(
        Input, on_delete=models.CASCADE, related_name="dialog_meeting_link"
    )
    table_name = models.CharField(_("bord/gruppe"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("input fra dialogmøde")
        verbose_name_plural = _("input fra dialogmøder")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.input_id}"
