"""Analysis runs of a process's inputs and what they found. A run is never changed after it has
finished: a new run is a new row, and older runs are kept so results can be compared and repeated
(engine version, backend and parameters are stored with each run)."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogportal.inputs.models import Input
from dialogportal.processes.models import FocusArea, Process

# A running run whose progress has not moved for this long is taken to be lost (its worker died).
STALE_AFTER = timedelta(minutes=15)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Kører")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")


ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)

# The engine and the service report steps by key; people read these.
STEP_LABELS = {
    "": _("Venter på en ledig arbejdsproces"),
    "load": _("Indlæser input"),
    "start": _("Starter"),
    "features": _("Læser teksterne"),
    "embeddings": _("Beregner sprogmodellens vektorer for nye input"),
    "assignment": _("Placerer input i fokusområder"),
    "duplicates": _("Finder dubletter og kampagner"),
    "themes": _("Finder temaer og skriver resuméer"),
    "store": _("Gemmer resultaterne"),
    "done": _("Færdig"),
}


class AnalysisRunQuerySet(models.QuerySet["AnalysisRun"]):
    def active(self) -> "AnalysisRunQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)

    def done(self) -> "AnalysisRunQuerySet":
        return self.filter(status=RunStatus.DONE)

    def stale_at(self, at: datetime) -> "AnalysisRunQuerySet":
        """Active runs whose progress has not moved within STALE_AFTER before `at`."""
        return self.active().filter(updated_at__lt=at - STALE_AFTER)

    def latest_done_for(self, process: Process) -> "AnalysisRun | None":
        return self.done().filter(process=process).order_by("-finished_at", "-id").first()


class AnalysisRun(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="analysis_runs")
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("fremskridt i procent"), default=0)
    step = models.CharField(_("trin"), max_length=200, blank=True)
    engine_version = models.CharField(_("motorversion"), max_length=40, blank=True)
    backend = models.CharField(_("metode"), max_length=200, blank=True)
    parameters = models.JSONField(_("parametre"), default=dict, blank=True)
    counts = models.JSONField(_("optællinger"), default=dict, blank=True)
    timings = models.JSONField(_("tidsforbrug i sekunder"), default=dict, blank=True)
    warnings = models.JSONField(_("advarsler"), default=list, blank=True)
    input_count = models.PositiveIntegerField(_("antal input"), default=0)
    lexicon = models.CharField(_("begrebsleksikon (version:digest)"), max_length=60, blank=True)
    # Focus areas (pks) whose text the concept lexicon covers nothing of: shown to staff.
    lexicon_uncovered = models.JSONField(_("områder uden for leksikonet"), default=list, blank=True)
    # The django-tasks result id of the task doing the run, and how many times a worker
    # started it (a retried task after a dead worker starts a new attempt; only the newest
    # attempt writes progress and results).
    task_id = models.CharField(_("opgave"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    error = models.TextField(_("fejl"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("startet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest opdateret"), default=timezone.now)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    objects = AnalysisRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("analysekørsel")
        verbose_name_plural = _("analysekørsler")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="analysis_run_progress_at_most_100"
            ),
            # One click too many must not start two runs of the same process.
            models.UniqueConstraint(
                fields=["process"],
                condition=Q(status__in=["queued", "running"]),
                name="analysis_run_one_active_per_process",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process} #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status == RunStatus.DONE

    @property
    def step_label(self) -> str:
        key = self.step.split(":", 1)[0]
        return str(STEP_LABELS.get(key, self.step))


class AreaAssignment(models.Model):
    """An input placed in a focus area by a run, with the engine's score (1.0 when confirmed)."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="assignments")
    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="area_assignments")
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    is_top = models.BooleanField(_("bedste område"), default=False)
    is_confirmed = models.BooleanField(_("bekræftet af moderator"), default=False)

    class Meta:
        verbose_name = _("placering i fokusområde")
        verbose_name_plural = _("placeringer i fokusområder")
        ordering = ["run", "-is_top", "-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "input", "focus_area"], name="assignment_unique_in_run"
            ),
        ]
        indexes = [models.Index(fields=["run", "focus_area"], name="assignment_run_area")]

    def __str__(self) -> str:
        return f"{self.input_id} → {self.focus_area_id} ({self.score:.2f})"


class CitingQuerySet(models.QuerySet[Any]):
    def public(self) -> "CitingQuerySet":
        """Only rows whose input may be shown publicly (`Input.objects.public()`): a public page
        built from the analysis (e.g. "what we heard") must never quote a hidden, pending or
        rejected input."""
        return self.filter(input__in=Input.objects.public())


class Theme(models.Model):
    """A group the engine found inside a focus area (a machine draft; staff publish curated
    themes, `CuratedTheme`); `is_other` collects inputs that fit no group."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="themes")
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    label = models.CharField(_("etiket"), max_length=300)
    keywords = models.JSONField(_("nøgleord"), default=list, blank=True)
    size = models.PositiveIntegerField(_("antal input"))
    order = models.PositiveIntegerField(_("rækkefølge"))
    is_other = models.BooleanField(_("øvrige"), default=False)
    # The curated theme this group was matched to when the run finished (None: the "other"
    # group, or a run from before curation). What the public sees is the curated theme.
    curated = models.ForeignKey(
        "analysis.CuratedTheme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="machine_themes",
        verbose_name=_("kurateret tema"),
    )

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["run", "focus_area", "is_other", "order"]
        indexes = [models.Index(fields=["run", "focus_area"], name="theme_run_area")]

    def __str__(self) -> str:
        return self.label


class ThemeMembership(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="memberships")
    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="+")
    is_representative = models.BooleanField(_("repræsentativt"), default=False)
    order = models.PositiveIntegerField(_("rækkefølge"))

    objects = CitingQuerySet.as_manager()

    class Meta:
        ordering = ["theme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "input"], name="theme_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.theme_id}: {self.input_id}"


class SummarySentence(models.Model):
    """A sentence quoted verbatim from `input`; the summary of `theme`, or of the focus area as a
    whole when `theme` is empty."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="sentences")
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="sentences", null=True, blank=True
    )
    sentence = models.TextField(_("sætning"))
    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(_("rækkefølge"))

    objects = CitingQuerySet.as_manager()

    class Meta:
        verbose_name = _("sætning i resumé")
        verbose_name_plural = _("sætninger i resuméer")
        ordering = ["run", "focus_area", "theme", "order"]

    def __str__(self) -> str:
        return self.sentence[:80]


class DuplicateGroup(models.Model):
    """Near-identical inputs; a campaign when many copies of one text came in."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="duplicates")
    is_campaign = models.BooleanField(_("kampagne"), default=False)
    size = models.PositiveIntegerField(_("antal input"))
    order = models.PositiveIntegerField(_("rækkefølge"))

    class Meta:
        verbose_name = _("gruppe af dubletter")
        verbose_name_plural = _("grupper af dubletter")
        ordering = ["run", "-is_campaign", "-size", "order"]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.size})"


class DuplicateMember(models.Model):
    """The first member (order 0) is the group's representative."""

    group = models.ForeignKey(DuplicateGroup, on_delete=models.CASCADE, related_name="members")
    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(_("rækkefølge"))

    class Meta:
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "input"], name="duplicate_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.input_id}"


class Misplaced(models.Model):
    """An input submitted under one focus area that fits another better by `score` (margin)."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="misplaced")
    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="+")
    submitted_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    suggested_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("forskel i score"))

    class Meta:
        verbose_name = _("input i forkert fokusområde")
        verbose_name_plural = _("input i forkerte fokusområder")
        ordering = ["run", "-score", "id"]

    def __str__(self) -> str:
        return f"{self.input_id}: {self.submitted_area_id} → {self.suggested_area_id}"


class AreaLabel(models.Model):
    """A focus area a moderator confirmed for an input; every later run learns from it."""

    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="area_labels")
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bekræftet af"),
    )
    confirmed_at = models.DateTimeField(_("bekræftet"), default=timezone.now)

    class Meta:
        verbose_name = _("bekræftet fokusområde")
        verbose_name_plural = _("bekræftede fokusområder")
        ordering = ["input", "focus_area__order"]
        constraints = [
            models.UniqueConstraint(fields=["input", "focus_area"], name="area_label_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.input_id} → {self.focus_area_id}"


class InputVector(models.Model):
    """An input's vector from an optional embedding backend, computed once per backend version."""

    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="vectors")
    backend_name = models.CharField(_("metode"), max_length=100)
    backend_version = models.CharField(_("version"), max_length=200)
    dimensions = models.PositiveIntegerField(_("dimensioner"))
    vector = models.BinaryField(_("vektor (float32)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vektor")
        verbose_name_plural = _("vektorer")
        constraints = [
            models.UniqueConstraint(
                fields=["input", "backend_name", "backend_version"],
                name="input_vector_unique_per_backend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.input_id} {self.backend_name}@{self.backend_version}"
