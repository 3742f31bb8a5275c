"""Feedback to everyone who spoke: the municipality's answers (to one input, a theme or a
duplicate group, reaching every member input), the log of status changes, reusable answer
templates, the "what it led to" link point, and the notification e-mails (one per person per day
at most, with an unsubscribe link that works without login)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dialogportal.analysis.models import CuratedTheme, DuplicateGroup
from dialogportal.inputs.models import FeedbackStatus, Input
from dialogportal.processes.models import Process


def new_unsubscribe_token() -> str:
    return secrets.token_urlsafe(32)


class AnswerScope(models.TextChoices):
    INPUT = "input", _("Ét input")
    THEME = "theme", _("Et tema")
    DUPLICATE_GROUP = "duplicate_group", _("En gruppe af dubletter")


class AnswerTemplate(models.Model):
    """A reusable answer text; staff pick one and adjust it before answering."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="answer_templates")
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.USED
    )
    explanation = models.TextField(_("forklaring af status"), blank=True)
    text = models.TextField(_("svar"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("svarskabelon")
        verbose_name_plural = _("svarskabeloner")
        ordering = ["process", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "title"], name="answer_template_title_unique_in_process"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="answer_template_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title


class AnswerQuerySet(models.QuerySet["Answer"]):
    def for_process(self, process: Process) -> "AnswerQuerySet":
        return self.filter(process=process)


class Answer(models.Model):
    """The municipality's answer to exactly one input, theme or duplicate group. Giving it sets
    the status of every member input and links it to them (`InputAnswer`); a later answer to the
    same target is a new row, so what was said when stays on record."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="answers")
    scope = models.CharField(_("omfang"), max_length=20, choices=AnswerScope.choices)
    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # A curated theme (never a run's machine group): it outlives runs, so the answer stays
    # attached to the theme a new run finds again.
    theme = models.ForeignKey(
        CuratedTheme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    duplicate_group = models.ForeignKey(
        DuplicateGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept so the answer still reads right after its analysis run is deleted.
    target_label = models.CharField(_("besvaret"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=FeedbackStatus.choices)
    explanation = models.TextField(_("offentlig forklaring af status"), blank=True)
    text = models.TextField(_("svar"))
    template = models.ForeignKey(
        AnswerTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("besvaret"))

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        ordering = ["-answered_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="answer_text_not_empty"),
            models.CheckConstraint(
                condition=(
                    Q(scope="input", input__isnull=False)
                    | Q(scope="theme", input__isnull=True)
                    | Q(scope="duplicate_group", input__isnull=True)
                ),
                name="answer_scope_matches_target",
            ),
        ]

    def __str__(self) -> str:
        return self.target_label or self.text[:60]


class InputAnswer(models.Model):
    """An answer as it reached one input (directly or through its theme or duplicate group)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="deliveries")
    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="feedback_answers")

    class Meta:
        ordering = ["-answer__answered_at", "-answer_id"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "input"], name="input_answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} → {self.input_id}"


class StatusChange(models.Model):
    """One change of one input's status or answer: who, when, from, to, why. Never edited;
    `notified_at` is set once the contributor's daily e-mail has told them."""

    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("fra"), max_length=20, choices=FeedbackStatus.choices)
    to_status = models.CharField(_("til"), max_length=20, choices=FeedbackStatus.choices)
    explanation = models.TextField(_("forklaring"), blank=True)
    answer = models.ForeignKey(
        Answer, on_delete=models.SET_NULL, null=True, blank=True, related_name="changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("ændret"))
    # The address to notify (lower-cased), or empty when the contributor may not be contacted.
    notify_email = models.EmailField(max_length=254, blank=True, db_index=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("statusændring")
        verbose_name_plural = _("statusændringer")
        ordering = ["-changed_at", "-id"]
        indexes = [
            models.Index(fields=["notify_email", "notified_at"], name="status_change_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.input_id}: {self.from_status} → {self.to_status}"


class LinkedState(models.TextChoices):
    """Where the thing an outcome points to (a plan initiative) stands. The values are the
    strategy app's initiative statuses; feedback keeps its own copy so it need not import it."""

    PLANNED = "planned", _("Planlagt")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Gennemført")
    PAUSED = "paused", _("Sat i bero")
    DROPPED = "dropped", _("Opgivet")


class Outcome(models.Model):
    """What an input or a theme led to. Free text written by staff, or a link to a plan
    initiative (`link_key` set): then the public sentence is made when it is shown, in the
    reader's language and from the initiative's state now (kept up to date by the strategy app
    through `services.update_linked_outcomes`), never the sentence frozen when it was linked."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="outcomes")
    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, null=True, blank=True, related_name="outcomes"
    )
    theme = models.ForeignKey(
        CuratedTheme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_label = models.CharField(_("gælder"), max_length=300, blank=True)
    text = models.TextField(_("det førte til"))
    # A link to what it led to ("initiative:12"), its title and the title of what holds it
    # (the plan), its public address, its state now and the public reason for that state.
    link_key = models.CharField(max_length=60, blank=True, db_index=True, editable=False)
    link_title = models.CharField(_("indsats"), max_length=300, blank=True)
    link_context = models.CharField(_("plan"), max_length=300, blank=True)
    link_url = models.CharField(_("adresse"), max_length=500, blank=True)
    link_state = models.CharField(
        _("indsatsens status"), max_length=20, choices=LinkedState.choices, blank=True
    )
    link_reason = models.TextField(_("begrundelse for status"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"))

    class Meta:
        verbose_name = _("det førte til")
        verbose_name_plural = _("det førte til")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="outcome_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class NotificationPreference(models.Model):
    """One row per e-mail address (lower-cased): its unsubscribe token and whether it opted out."""

    email = models.EmailField(max_length=254, unique=True)
    unsubscribe_token = models.CharField(
        max_length=64, unique=True, default=new_unsubscribe_token, editable=False
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("e-mailpræference")
        verbose_name_plural = _("e-mailpræferencer")

    def __str__(self) -> str:
        return self.email

    @property
    def is_unsubscribed(self) -> bool:
        return self.unsubscribed_at is not None


class DigestStatus(models.TextChoices):
    PENDING = "pending", _("Afventer")
    SENT = "sent", _("Sendt")
    FAILED = "failed", _("Opgivet")


class NotificationDigest(models.Model):
    """The one e-mail of one day to one address; the unique constraint is the daily limit."""

    email = models.EmailField(max_length=254)
    sent_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=DigestStatus.choices, default=DigestStatus.PENDING
    )
    input_ids = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tilbagemeldingsmail")
        verbose_name_plural = _("tilbagemeldingsmails")
        ordering = ["-sent_on", "email"]
        constraints = [
            models.UniqueConstraint(fields=["email", "sent_on"], name="digest_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.sent_on}: {self.status}"
