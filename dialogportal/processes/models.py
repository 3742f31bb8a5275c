import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import PurePath
from secrets import token_hex

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    INPUT = "input", _("Input")
    HEARING = "hearing", _("Høring")
    FEEDBACK = "feedback", _("Tilbagemelding")
    FOLLOW_UP = "follow_up", _("Opfølgning")


@dataclass(frozen=True)
class PhaseRules:
    """What a phase of a kind allows. Declared once, here; everything else asks these rules."""

    accepts_input: bool
    shows_inputs: bool
    shows_feedback: bool


PHASE_RULES: dict[PhaseKind, PhaseRules] = {
    PhaseKind.INFORMATION: PhaseRules(
        accepts_input=False, shows_inputs=False, shows_feedback=False
    ),
    PhaseKind.INPUT: PhaseRules(accepts_input=True, shows_inputs=True, shows_feedback=False),
    PhaseKind.HEARING: PhaseRules(accepts_input=True, shows_inputs=True, shows_feedback=False),
    PhaseKind.FEEDBACK: PhaseRules(accepts_input=False, shows_inputs=True, shows_feedback=True),
    PhaseKind.FOLLOW_UP: PhaseRules(accepts_input=False, shows_inputs=True, shows_feedback=True),
}


class StageKind(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke begyndt")
    OPEN_FOR_INPUT = "open_for_input", _("Åben for input")
    RUNNING = "running", _("I gang")
    CLOSED = "closed", _("Afsluttet")


@dataclass(frozen=True)
class ProcessStage:
    kind: StageKind
    current_phase: "Phase | None"
    next_input_phase: "Phase | None"

    @property
    def accepts_input(self) -> bool:
        return self.kind == StageKind.OPEN_FOR_INPUT

    @property
    def is_closed(self) -> bool:
        return self.kind == StageKind.CLOSED


def _add_months(day: date, months: int) -> date:
    """`day` moved by `months`, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _last_end_due_by(today: date, months: int) -> date:
    """The latest last-phase day whose `_add_months(…, months)` is on or before `today` (the
    inverse the QuerySet needs: `_add_months` is monotonic, so the set of such days is a prefix)."""
    earlier = _add_months(today, -months)
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        # Every later day of that month is clamped to today's month end too.
        return earlier.replace(day=calendar.monthrange(earlier.year, earlier.month)[1])
    return earlier


def retention_months() -> int:
    return int(settings.PERSONAL_DATA_RETENTION_MONTHS)


class ProcessQuerySet(models.QuerySet["Process"]):
    def published(self) -> "ProcessQuerySet":
        return self.filter(is_published=True)

    def personal_data_due(self, today: date) -> "ProcessQuerySet":
        """Processes whose contributors' personal data is due for removal on `today`. The twin
        of `Process.personal_data_due_on` (tested together): the process's own date, else
        `PERSONAL_DATA_RETENTION_MONTHS` after its last phase ends; no phases, no date."""
        last_day = _last_end_due_by(today, retention_months())
        # The last phase's end as a local date is ≤ last_day ⇔ it ends before the next midnight.
        before = timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))
        return self.annotate(_last_end=Max("phases__ends_at")).filter(
            Q(personal_data_removed_on__lte=today)
            | Q(personal_data_removed_on__isnull=True, _last_end__lt=before)
        )


class Process(models.Model):
    """A strategic change process: white paper, dialog, analysis, feedback, plan, follow-up."""

    slug = models.SlugField(_("kort navn i adressen"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("resumé"), blank=True)
    body = models.TextField(_("beskrivelse"), blank=True)
    is_published = models.BooleanField(_("offentliggjort"), default=False)
    publishes_immediately = models.BooleanField(
        _("input offentliggøres straks"),
        default=False,
        help_text=_("Hvis ikke, venter input på moderation, før det vises offentligt."),
    )
    shows_postcode = models.BooleanField(_("vis postnummer ved offentligt input"), default=True)
    personal_data_removed_on = models.DateField(
        _("personoplysninger slettes den"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("proces")
        verbose_name_plural = _("processer")
        ordering = ["-created_at", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inputs:process", kwargs={"slug": self.slug})

    def current_phase(self, at: datetime | None = None) -> "Phase | None":
        return self.phases.open_at(at or timezone.now()).order_by("starts_at").first()

    def stage_at(self, at: datetime) -> "ProcessStage":
        """Where the process stands for a citizen at `at` (reads `phases.all()`, so a list
        page prefetches them). Uses `Phase.is_open_at`, the one definition of an open phase."""
        phases = sorted(self.phases.all(), key=lambda phase: phase.starts_at)
        current = next((phase for phase in phases if phase.is_open_at(at)), None)
        coming = [phase for phase in phases if phase.starts_at > at]
        next_input = next((phase for phase in coming if phase.rules.accepts_input), None)
        has_begun = any(phase.starts_at <= at for phase in phases)
        if current is not None and current.rules.accepts_input:
            kind = StageKind.OPEN_FOR_INPUT
        elif current is not None or (coming and has_begun):
            kind = StageKind.RUNNING  # in a phase without input, or between two phases
        elif coming or not phases:
            kind = StageKind.NOT_STARTED
        else:
            kind = StageKind.CLOSED
        return ProcessStage(kind=kind, current_phase=current, next_input_phase=next_input)

    def stage_changes_after(self, at: datetime) -> datetime | None:
        """The first moment after `at` at which `stage_at` may answer differently: the earliest
        start or end of a phase after it (reads `phases.all()`, as `stage_at` does)."""
        moments = [
            moment
            for phase in self.phases.all()
            for moment in (phase.starts_at, phase.ends_at)
            if moment > at
        ]
        return min(moments, default=None)

    def personal_data_due_on(self) -> date | None:
        """The day from which this process's personal data is removed (every app asks this):
        its own date, or by default `PERSONAL_DATA_RETENTION_MONTHS` after its last phase ends;
        None without phases. The twin of `ProcessQuerySet.personal_data_due`."""
        if self.personal_data_removed_on is not None:
            return self.personal_data_removed_on
        last_end = self.phases.aggregate(last=Max("ends_at"))["last"]
        if last_end is None:
            return None
        return _add_months(timezone.localdate(last_end), retention_months())

    def is_personal_data_due_on(self, today: date) -> bool:
        due = self.personal_data_due_on()
        return due is not None and due <= today


class PhaseQuerySet(models.QuerySet["Phase"]):
    def open_at(self, at: datetime) -> "PhaseQuerySet":
        """Phases running at `at`: started at or before it and not yet ended (end is exclusive)."""
        return self.filter(starts_at__lte=at, ends_at__gt=at)

    def accepting_input_at(self, at: datetime) -> "PhaseQuerySet":
        kinds = [kind for kind, rules in PHASE_RULES.items() if rules.accepts_input]
        return self.open_at(at).filter(kind__in=kinds)


class Phase(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("type"), max_length=20, choices=PhaseKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))

    objects = PhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("faser")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="phase_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process}: {self.title}"

    @property
    def rules(self) -> PhaseRules:
        return PHASE_RULES[PhaseKind(self.kind)]

    def is_open_at(self, at: datetime) -> bool:
        """The model twin of `PhaseQuerySet.open_at`; the two are tested together."""
        return self.starts_at <= at < self.ends_at

    def clean(self) -> None:
        # The database constraint holds the rule; this gives it words a person understands.
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("Fasen skal slutte efter, at den starter. Ret slutdatoen.")}
            )


class FocusArea(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="focus_areas")
    slug = models.SlugField(_("kort navn i adressen"), max_length=80)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse i klart sprog"))
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområder")
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "slug"], name="focus_area_slug_unique_in_process"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "inputs:focus_area", kwargs={"slug": self.process.slug, "area_slug": self.slug}
        )


def _document_path(instance: "ProcessDocument", filename: str) -> str:
    """A random stored name: the original name is kept in the database, never used on disk."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"processes/documents/{token_hex(16)}{suffix}"


class ProcessDocumentQuerySet(models.QuerySet["ProcessDocument"]):
    def public(self) -> "ProcessDocumentQuerySet":
        return self.filter(is_public=True, process__is_published=True)


class ProcessDocument(models.Model):
    """A file belonging to a process (the white paper, a background note, …)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    file = models.FileField(_("fil"), upload_to=_document_path, max_length=200)
    original_name = models.CharField(_("filnavn"), max_length=200, blank=True)
    content_type = models.CharField(_("filtype"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("størrelse i bytes"), default=0)
    is_public = models.BooleanField(_("offentlig"), default=False)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProcessDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class ProcessChangeKind(models.TextChoices):
    CREATED = "created", _("Oprettet")
    UPDATED = "updated", _("Rettet")
    DELETED = "deleted", _("Slettet")
    OPENED = "opened", _("Åbnet for offentligheden")
    CLOSED = "closed", _("Lukket for offentligheden")


class ProcessChange(models.Model):
    """The audit log of a process's set-up: who created, changed, deleted or opened what, when,
    with the fields before and after. Kept when the object itself is deleted."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="changes", verbose_name=_("proces")
    )
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("udført af"),
    )
    kind = models.CharField(_("handling"), max_length=20, choices=ProcessChangeKind.choices)
    # What was changed: "process", "phase", "focus_area" or "document", with its id and name.
    object_type = models.CharField(_("objekttype"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("objekt-id"), null=True, blank=True)
    object_label = models.CharField(_("objekt"), max_length=200)
    before = models.JSONField(_("før"), default=dict, blank=True)
    after = models.JSONField(_("efter"), default=dict, blank=True)
    changed_at = models.DateTimeField(_("tidspunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("ændring af proces")
        verbose_name_plural = _("ændringer af processer")
        ordering = ["-changed_at", "-id"]
        indexes = [
            # The set-up page lists a process's latest changes.
            models.Index(fields=["process", "-changed_at"], name="process_change_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.object_label}"
