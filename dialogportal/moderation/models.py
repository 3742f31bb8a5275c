"""Moderation: what screening found, every decision taken on an input and citizens' reports.

Inputs and attachments belong to the inputs app; this app only records and decides. The decision
log keeps the text before a redaction so a moderator can check it; retention wipes that copy."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dialogportal.inputs.models import Attachment, Input, ModerationState


class HitKind(models.TextChoices):
    CPR = "cpr", _("CPR-nummer")
    PHONE = "phone", _("Telefonnummer")
    EMAIL = "email", _("E-mailadresse")


class HitField(models.TextChoices):
    TITLE = "title", _("Overskrift")
    TEXT = "text", _("Tekst")
    ATTACHMENT = "attachment", _("Bilag")


class ScreeningStatus(models.TextChoices):
    """Mirrors `dialogportal.screening.ExtractionStatus`; text fields are always `ok`."""

    OK = "ok", _("Screenet")
    NO_TEXT = "no_text", _("Ingen tekst (scannet eller billede)")
    ENCRYPTED = "encrypted", _("Krypteret")
    CORRUPT = "corrupt", _("Beskadiget")
    EMPTY = "empty", _("Tom")
    TOO_LARGE = "too_large", _("For stor")
    UNSUPPORTED = "unsupported", _("Filtype kan ikke læses")
    MISSING = "missing", _("Filen findes ikke")


class ScreeningResult(models.Model):
    """The latest screening of one input's own text, or of one attachment (exactly one of them)."""

    input = models.OneToOneField(
        Input, on_delete=models.CASCADE, null=True, blank=True, related_name="screening"
    )
    attachment = models.OneToOneField(
        Attachment, on_delete=models.CASCADE, null=True, blank=True, related_name="screening"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ScreeningStatus.choices, default=ScreeningStatus.OK
    )
    needs_manual_check = models.BooleanField(_("skal tjekkes manuelt"), default=False)
    message = models.CharField(_("besked"), max_length=300, blank=True)
    pages_without_text = models.JSONField(_("sider uden tekst"), default=list, blank=True)
    hit_count = models.PositiveIntegerField(_("antal fund"), default=0)
    screened_at = models.DateTimeField(_("screenet"))

    class Meta:
        verbose_name = _("screeningsresultat")
        verbose_name_plural = _("screeningsresultater")
        constraints = [
            models.CheckConstraint(
                condition=(Q(input__isnull=False) & Q(attachment__isnull=True))
                | (Q(input__isnull=True) & Q(attachment__isnull=False)),
                name="screening_result_has_exactly_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attachment or self.input}: {self.hit_count}"

    @property
    def may_publish_automatically(self) -> bool:
        return self.hit_count == 0 and not self.needs_manual_check


class ScreeningHit(models.Model):
    """One piece of personal data found; offsets index the field's text when it was screened."""

    result = models.ForeignKey(ScreeningResult, on_delete=models.CASCADE, related_name="hits")
    field = models.CharField(_("felt"), max_length=20, choices=HitField.choices)
    kind = models.CharField(_("type"), max_length=10, choices=HitKind.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(_("fundet tekst"), max_length=200)

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("fund")
        ordering = ["field", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="screening_hit_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end}"


class DecisionAction(models.TextChoices):
    AUTO_PUBLISH = "auto_publish", _("Offentliggjort automatisk (intet fundet)")
    PUBLISH = "publish", _("Offentliggjort")
    PUBLISH_REDACTED = "publish_redacted", _("Offentliggjort med redigering")
    REDACT = "redact", _("Redigeret")
    EDIT = "edit", _("Tekst rettet")
    HIDE = "hide", _("Skjult (kun for sagsbehandlere)")
    REJECT = "reject", _("Afvist")
    REOPEN = "reopen", _("Sendt tilbage til moderation")
    KEEP = "keep", _("Anmeldelse afvist, input bevaret")
    ATTACHMENT_PUBLISH = "attachment_publish", _("Bilag offentliggjort")
    ATTACHMENT_WITHHOLD = "attachment_withhold", _("Bilag holdt internt")
    ANONYMISE = "anonymise", _("Personoplysninger fjernet (sletning efter frist)")


class ModerationDecisionQuerySet(models.QuerySet["ModerationDecision"]):
    def human(self) -> "ModerationDecisionQuerySet":
        return self.filter(actor__isnull=False)


class ModerationDecision(models.Model):
    """One decision on an input: who, when, what, and for redactions the text before and after.

    `actor` is empty for the system (automatic publishing, retention)."""

    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="decisions")
    attachment = models.ForeignKey(
        Attachment, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("handling"), max_length=30, choices=DecisionAction.choices)
    state_before = models.CharField(max_length=20, choices=ModerationState.choices)
    state_after = models.CharField(max_length=20, choices=ModerationState.choices)
    reason = models.TextField(_("begrundelse"), blank=True)
    title_before = models.CharField(max_length=200, blank=True)
    title_after = models.CharField(max_length=200, blank=True)
    text_before = models.TextField(blank=True)
    text_after = models.TextField(blank=True)
    changes_text = models.BooleanField(default=False)
    original_removed = models.BooleanField(
        default=False, help_text=_("Teksten før redigering er slettet efter fristen.")
    )
    decided_at = models.DateTimeField(_("tidspunkt"))

    objects = ModerationDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderationsbeslutning")
        verbose_name_plural = _("moderationsbeslutninger")
        ordering = ["decided_at", "id"]
        permissions = [
            ("moderate_input", _("Kan moderere input (kø, beslutninger, redigering, historik)")),
        ]
        indexes = [models.Index(fields=["input", "decided_at"], name="decision_input_at")]

    def __str__(self) -> str:
        return f"{self.input_id}: {self.action}"


class ReportReason(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("Indeholder personoplysninger")
    OFFENSIVE = "offensive", _("Krænkende eller stødende")
    SPAM = "spam", _("Spam eller reklame")
    OTHER = "other", _("Andet")


class ReportQuerySet(models.QuerySet["Report"]):
    def open(self) -> "ReportQuerySet":
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    """A visitor's flag on a published input; an open report puts the input back in the queue."""

    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("årsag"), max_length=20, choices=ReportReason.choices)
    comment = models.TextField(_("uddybning"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("anmeldt"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("anmeldelse")
        verbose_name_plural = _("anmeldelser")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.input_id}: {self.reason}"
