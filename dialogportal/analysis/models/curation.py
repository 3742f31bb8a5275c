"""Themes as people curate them: the only themes that reach the public, the hvidbog and the
plan. A curated theme lives across runs (each finished run matches its groups to the curated
themes and keeps their names); every change to it leaves a `CurationEvent` saying who did what
when, with the values before and after."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from dialogportal.analysis.models.runs import AnalysisRun
from dialogportal.inputs.models import Input
from dialogportal.processes.models import FocusArea, Process

TITLE_MAX = 200
SUMMARY_MAX = 5000


class CurationStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    READY = "ready", _("Klar til offentliggørelse")
    MERGED = "merged", _("Lagt sammen med et andet tema")


class CuratedThemeQuerySet(models.QuerySet["CuratedTheme"]):
    def current(self) -> "CuratedThemeQuerySet":
        """Themes staff work with (a theme merged into another is history only)."""
        return self.exclude(status=CurationStatus.MERGED)

    def published(self) -> "CuratedThemeQuerySet":
        """What "Det har vi hørt", the hvidbog and the public plan may show: themes staff
        marked ready. The one definition of a published theme (`is_published` agrees)."""
        return self.filter(status=CurationStatus.READY)

    def with_size(self) -> "CuratedThemeQuerySet":
        # Spelled as a dict so the type checker takes `size` from the model's declaration.
        return self.annotate(**{"size": Count("members", distinct=True)})

    def in_order(self) -> "CuratedThemeQuerySet":
        return self.order_by("focus_area__order", "focus_area_id", "order", "pk")


class CuratedTheme(models.Model):
    """A theme inside a focus area, named and summarised by staff, published when ready."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="curated_themes")
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("navn"), max_length=TITLE_MAX)
    # Once staff have named the theme a new run never changes the name; until then the name
    # follows the analysis's label (and the theme is a draft, so nobody outside sees it).
    is_named = models.BooleanField(_("navngivet af en medarbejder"), default=False)
    machine_label = models.CharField(_("analysens etiket"), max_length=300, blank=True)
    summary = models.TextField(_("resumé"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CurationStatus.choices, default=CurationStatus.DRAFT
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("lagt sammen med"),
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    created_run = models.ForeignKey(
        AnalysisRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_run = models.ForeignKey(
        AnalysisRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)
    ready_at = models.DateTimeField(_("markeret klar"), null=True, blank=True)
    ready_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("markeret klar af"),
    )

    objects = CuratedThemeQuerySet.as_manager()

    # Set by `CuratedThemeQuerySet.with_size()` (the number of inputs); absent otherwise.
    size: int

    class Meta:
        verbose_name = _("kurateret tema")
        verbose_name_plural = _("kuraterede temaer")
        ordering = ["process", "focus_area", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="curated_theme_title_not_empty"),
            # Two current themes with one name in one area would read as one on every page.
            models.UniqueConstraint(
                fields=["focus_area", "title"],
                condition=~Q(status="merged"),
                name="curated_theme_title_unique_in_area",
            ),
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False) | ~Q(status="merged"),
                name="curated_theme_merged_has_target",
            ),
        ]
        # Every public page asks for one process's published themes.
        indexes = [models.Index(fields=["process", "status"], name="curated_theme_process")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == CurationStatus.READY

    @property
    def is_merged(self) -> bool:
        return self.status == CurationStatus.MERGED


class CuratedThemeMember(models.Model):
    """An input in a curated theme. `is_pinned`: a staff member put it here (split, move), so
    a new run does not take it out; the others follow the analysis's groups."""

    theme = models.ForeignKey(CuratedTheme, on_delete=models.CASCADE, related_name="members")
    # The theme's focus area, kept here so the database holds the rule below.
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="curated_memberships")
    is_pinned = models.BooleanField(_("placeret af en medarbejder"), default=False)
    is_representative = models.BooleanField(_("repræsentativt"), default=False)
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("input i kurateret tema")
        verbose_name_plural = _("input i kuraterede temaer")
        ordering = ["theme", "-is_representative", "order", "pk"]
        constraints = [
            # An input is in at most one theme per focus area (as in the analysis).
            models.UniqueConstraint(
                fields=["focus_area", "input"], name="curated_member_one_theme_per_area"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme_id}: {self.input_id}"


class CurationAction(models.TextChoices):
    CREATED = "created", _("Oprettet af analysen")
    MATCHED = "matched", _("Genfundet af en ny analyse")
    UNMATCHED = "unmatched", _("Ikke genfundet af en ny analyse")
    RENAMED = "renamed", _("Omdøbt")
    SUMMARY = "summary", _("Resumé redigeret")
    MERGED = "merged", _("Lagt sammen")
    SPLIT = "split", _("Delt")
    MOVED = "moved", _("Flyttet til et andet fokusområde")
    INPUTS_MOVED = "inputs_moved", _("Input flyttet")
    READY = "ready", _("Markeret klar til offentliggørelse")
    DRAFT = "draft", _("Sat tilbage til kladde")


class CurationEvent(models.Model):
    """One change of one curated theme: who (None = the system, i.e. an analysis run), when,
    what, and the values before and after. Never edited."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(
        CuratedTheme, on_delete=models.CASCADE, related_name="events", null=True, blank=True
    )
    action = models.CharField(_("handling"), max_length=20, choices=CurationAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("udført af"),
    )
    run = models.ForeignKey(
        AnalysisRun, on_delete=models.CASCADE, null=True, blank=True, related_name="curation"
    )
    before = models.JSONField(_("før"), default=dict, blank=True)
    after = models.JSONField(_("efter"), default=dict, blank=True)
    at = models.DateTimeField(_("tidspunkt"))

    class Meta:
        verbose_name = _("ændring af tema")
        verbose_name_plural = _("ændringer af temaer")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["theme", "at"], name="curation_event_theme")]

    def __str__(self) -> str:
        return f"{self.theme_id} {self.action} {self.at:%Y-%m-%d %H:%M}"
