"""Inputs from every channel, and their attachments.

`InputQuerySet.public()` is the ONE definition of what may appear publicly; `queries.public_input`
is the ONE projection of an input onto what the public may see."""

import secrets
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dialogportal.processes.models import FocusArea, Phase, Process

# The slug used in addresses and filters for inputs without a focus area ("other").
OTHER_AREA_SLUG = "andet"


def new_receipt_token() -> str:
    return secrets.token_urlsafe(32)


class ContributorType(models.TextChoices):
    CITIZEN = "citizen", _("Borger")
    EMPLOYEE = "employee", _("Medarbejder")
    BUSINESS = "business", _("Virksomhed")
    UNION = "union", _("Fagforening")
    ASSOCIATION = "association", _("Forening")
    OTHER = "other", _("Andet")


class Channel(models.TextChoices):
    WEB = "web", _("Hjemmesiden")
    MED_COMMITTEE = "med_committee", _("MED-udvalg")
    DIALOG_MEETING = "dialog_meeting", _("Dialogmøde")
    POSTCARD = "postcard", _("Postkort")
    LETTER = "letter", _("Brev")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telefon")
    OTHER = "other", _("Andet")


class ModerationState(models.TextChoices):
    PENDING = "pending", _("Afventer")
    PUBLISHED = "published", _("Offentliggjort")
    HIDDEN = "hidden", _("Skjult")
    REJECTED = "rejected", _("Afvist")


class FeedbackStatus(models.TextChoices):
    """Where an input is in the process, as the contributor sees it."""

    RECEIVED = "received", _("Modtaget")
    CONSIDERED = "considered", _("Indgår i overvejelserne")
    USED = "used", _("Brugt i planen")
    PARTLY_USED = "partly_used", _("Delvist brugt")
    NOT_PURSUED = "not_pursued", _("Ikke videreført")
    ANSWERED_ELSEWHERE = "answered_elsewhere", _("Besvaret andetsteds")


class InputQuerySet(models.QuerySet["Input"]):
    def public(self) -> "InputQuerySet":
        """The one definition of what may be shown publicly: published by moderation, in a
        published process."""
        return self.filter(moderation_state=ModerationState.PUBLISHED, process__is_published=True)

    def for_focus_area_page(self, area_id: int) -> "InputQuerySet":
        return (
            self.public()
            .filter(focus_area_id=area_id)
            .select_related("focus_area", "process")
            .prefetch_related("attachments")
        )

    def filtered(
        self,
        *,
        process_id: int | None = None,
        focus_area_slug: str = "",
        channel: str = "",
        contributor_type: str = "",
        status: str = "",
        moderation_state: str = "",
        postcode: str = "",
        given_from: date | None = None,
        given_to: date | None = None,
        q: str = "",
    ) -> "InputQuerySet":
        """The staff list's filters; empty values do not filter. `focus_area_slug` "andet"
        means inputs without a focus area."""
        qs = self
        if process_id is not None:
            qs = qs.filter(process_id=process_id)
        if focus_area_slug == OTHER_AREA_SLUG:
            qs = qs.filter(focus_area__isnull=True)
        elif focus_area_slug:
            qs = qs.filter(focus_area__slug=focus_area_slug)
        for field, value in (
            ("channel", channel),
            ("contributor_type", contributor_type),
            ("status", status),
            ("moderation_state", moderation_state),
            ("postcode", postcode),
        ):
            if value:
                qs = qs.filter(**{field: value})
        if given_from:
            qs = qs.filter(given_on__gte=given_from)
        if given_to:
            qs = qs.filter(given_on__lte=given_to)
        return qs.search(q) if q else qs

    def search(self, query: str) -> "InputQuerySet":
        """Text search: PostgreSQL's `danish` full-text configuration, `icontains` elsewhere."""
        from django.db import connection

        query = query.strip()
        if not query:
            return self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            vector = SearchVector("title", "text", "organisation", config="danish")
            return self.annotate(_search=vector).filter(
                _search=SearchQuery(query, config="danish", search_type="websearch")
            )
        condition = Q()
        for word in query.split():
            condition &= (
                Q(text__icontains=word) | Q(title__icontains=word) | Q(organisation__icontains=word)
            )
        return self.filter(condition)


class Input(models.Model):
    """One input from one contributor through one channel."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="inputs")
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        related_name="inputs",
        null=True,
        blank=True,
        verbose_name=_("fokusområde"),
        help_text=_("Tomt betyder »andet«."),
    )
    phase = models.ForeignKey(
        Phase, on_delete=models.SET_NULL, related_name="inputs", null=True, blank=True
    )
    title = models.CharField(_("overskrift"), max_length=200, blank=True)
    text = models.TextField(_("input"))
    contributor_type = models.CharField(
        _("afsender"), max_length=20, choices=ContributorType.choices
    )
    organisation = models.CharField(_("repræsenterer"), max_length=200, blank=True)
    name = models.CharField(_("navn"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4, blank=True)
    consent_publish_name = models.BooleanField(_("må navnet vises"), default=False)
    consent_contact = models.BooleanField(_("må vi kontakte"), default=False)
    consent_text_version = models.CharField(_("version af samtykketekst"), max_length=40)
    channel = models.CharField(
        _("kanal"), max_length=20, choices=Channel.choices, default=Channel.WEB
    )
    source = models.CharField(_("kilde"), max_length=200, blank=True)
    given_on = models.DateField(_("givet den"))
    receipt_token = models.CharField(
        max_length=64, unique=True, db_index=True, default=new_receipt_token, editable=False
    )
    idempotency_key = models.CharField(max_length=200, blank=True, editable=False)
    submitted_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    moderation_state = models.CharField(
        _("moderation"),
        max_length=20,
        choices=ModerationState.choices,
        default=ModerationState.PENDING,
        db_index=True,
    )
    rejection_reason = models.TextField(_("begrundelse for afvisning"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED
    )
    is_anonymised = models.BooleanField(_("anonymiseret"), default=False)
    receipt_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = InputQuerySet.as_manager()

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("input")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="input_idempotency_key_unique_in_process",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="input_text_not_empty"),
        ]
        indexes = [
            # The focus-area page's order (newest first, id as tie-breaker) straight from the index.
            models.Index(
                fields=["focus_area", "moderation_state", "-created_at", "-id"],
                name="input_area_state_created_id",
            ),
            models.Index(
                fields=["process", "moderation_state", "-created_at"],
                name="input_proc_state_created",
            ),
            # Covers the focus-area page's count per contributor type without reading rows.
            models.Index(
                fields=["focus_area", "moderation_state", "contributor_type"],
                name="input_area_state_type",
            ),
        ]

    # Set by `services.submit_input`: False when an earlier submission with the same
    # Idempotency-Key was returned instead of a new input. Not stored.
    was_created: bool = True

    def __str__(self) -> str:
        return self.title or self.text[:60]

    def get_receipt_url(self) -> str:
        return reverse("inputs:receipt", kwargs={"token": self.receipt_token})


def _attachment_path(instance: "Attachment", filename: str) -> str:
    """A random name on disk; the sanitised original name is kept in the database only."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"inputs/attachments/{secrets.token_hex(16)}{suffix}"


class Attachment(models.Model):
    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("fil"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("filnavn"), max_length=200)
    content_type = models.CharField(_("filtype"), max_length=100)
    size = models.PositiveBigIntegerField(_("størrelse i bytes"))
    is_public = models.BooleanField(_("offentlig"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class FloodCounter(models.Model):
    """One flood-limit counter of the public channels (`limits.py`): how many submissions (or
    attachment bytes) a key – an address, a network, a text fingerprint – has used in the window
    that started with its first count. Ephemeral: on PostgreSQL the table is UNLOGGED (no WAL;
    emptied by a crash, which only resets the windows); rows of a window that has passed are
    reused by the next count or deleted by `limits.prune_expired`."""

    key = models.CharField(max_length=255, primary_key=True)
    value = models.BigIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("tæller for indsendelsesgrænse")
        verbose_name_plural = _("tællere for indsendelsesgrænser")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
