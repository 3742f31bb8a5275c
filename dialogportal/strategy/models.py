"""The strategic plan of a process and its follow-up: goals per focus area, targets on key
figures, initiatives with owner, budget, timeline, status and progress, and the link from each
initiative to the inputs and analysis themes it answers (traceability).

Neither `inputs`, `analysis` nor `feedback` imports this app: the links point from here."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dialogportal.analysis.models import CuratedTheme
from dialogportal.indicators.models import Indicator
from dialogportal.inputs.models import Input
from dialogportal.organisation.models import Unit
from dialogportal.processes.models import FocusArea, Process

MIN_YEAR = 1990
MAX_YEAR = 2100
# Whole kroner; a municipal initiative above 100 billion DKK is a typing error.
MAX_BUDGET_DKK = 100_000_000_000


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Udkast")
    ADOPTED = "adopted", _("Vedtaget")
    FOLLOW_UP = "follow_up", _("I opfølgning")


class StrategicPlanQuerySet(models.QuerySet["StrategicPlan"]):
    def public(self) -> "StrategicPlanQuerySet":
        """The one definition of what the public may see: the plan of a published process,
        also as a draft (the draft goes to the council on a public agenda)."""
        return self.filter(process__is_published=True)


class StrategicPlan(models.Model):
    """The one strategic plan of a process."""

    process = models.OneToOneField(
        Process, on_delete=models.CASCADE, related_name="strategic_plan", verbose_name=_("proces")
    )
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("resumé"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    adopted_on = models.DateField(_("vedtaget den"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StrategicPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategisk plan")
        verbose_name_plural = _("strategiske planer")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="strategicplan_title_not_empty"),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.DRAFT) | Q(adopted_on__isnull=False),
                name="strategicplan_adopted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:plan", kwargs={"slug": self.process.slug})

    def get_staff_url(self) -> str:
        return reverse("strategy:staff_plan", kwargs={"slug": self.process.slug})


class Goal(models.Model):
    """A goal of the plan, under one focus area."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="goals")
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="+", verbose_name=_("fokusområde")
    )
    text = models.TextField(_("mål"))
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["focus_area__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="goal_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class TargetDirection(models.TextChoices):
    INCREASE = "increase", _("Skal op")
    DECREASE = "decrease", _("Skal ned")
    HOLD = "hold", _("Skal fastholdes")


class Target(models.Model):
    """A target on a key figure: from a baseline in one year to a target value by a later year."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("nøgletal")
    )
    baseline_value = models.DecimalField(_("udgangspunkt"), max_digits=20, decimal_places=4)
    baseline_year = models.PositiveSmallIntegerField(_("udgangsår"))
    target_value = models.DecimalField(_("målværdi"), max_digits=20, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("målår"))
    direction = models.CharField(_("retning"), max_length=20, choices=TargetDirection.choices)

    class Meta:
        verbose_name = _("målepunkt")
        verbose_name_plural = _("målepunkter")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__gt=F("baseline_year")),
                name="target_year_after_baseline_year",
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__gte=MIN_YEAR)
                & Q(baseline_year__lte=MAX_YEAR)
                & Q(target_year__gte=MIN_YEAR)
                & Q(target_year__lte=MAX_YEAR),
                name="target_years_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(direction=TargetDirection.INCREASE)
                | Q(target_value__gt=F("baseline_value")),
                name="target_increase_goes_up",
            ),
            models.CheckConstraint(
                condition=~Q(direction=TargetDirection.DECREASE)
                | Q(target_value__lt=F("baseline_value")),
                name="target_decrease_goes_down",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.baseline_value} → {self.target_value}"


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Gennemført")
    PAUSED = "paused", _("Sat i bero")
    DROPPED = "dropped", _("Opgivet")


# A paused or dropped initiative owes the public a reason.
STATUSES_NEEDING_REASON = (InitiativeStatus.PAUSED, InitiativeStatus.DROPPED)


class Initiative(models.Model):
    """An initiative (indsats) under a goal: who does what, when, for how much, how far it is."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    owner_name = models.CharField(_("ansvarlig"), max_length=200)
    owner_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarlig enhed"),
    )
    budget_dkk = models.PositiveBigIntegerField(_("budget (kr.)"), null=True, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("slut"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PLANNED,
    )
    status_reason = models.TextField(_("begrundelse for status"), blank=True)
    progress = models.PositiveSmallIntegerField(_("fremdrift i procent"), default=0)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("indsats")
        verbose_name_plural = _("indsatser")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="initiative_title_not_empty"),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="initiative_progress_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(budget_dkk__isnull=True)
                | (Q(budget_dkk__gte=0) & Q(budget_dkk__lte=MAX_BUDGET_DKK)),
                name="initiative_budget_in_range",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="initiative_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=STATUSES_NEEDING_REASON) | ~Q(status_reason=""),
                name="initiative_paused_or_dropped_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_staff_url(self) -> str:
        return reverse("strategy:staff_initiative", kwargs={"pk": self.pk})


class ProgressUpdate(models.Model):
    """A dated note on how far an initiative has come; the latest sets its progress."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    given_on = models.DateField(_("dato"))
    progress = models.PositiveSmallIntegerField(_("fremdrift i procent"))
    note = models.TextField(_("note"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statusopdatering")
        verbose_name_plural = _("statusopdateringer")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="progressupdate_note_not_empty"),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="progressupdate_progress_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.progress} %"


class InitiativeInput(models.Model):
    """An input the initiative answers."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="input_links")
    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="initiative_links")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("input bag indsats")
        verbose_name_plural = _("input bag indsatser")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "input"], name="initiative_input_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} ← {self.input_id}"


class InitiativeTheme(models.Model):
    """A curated theme the initiative answers."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        CuratedTheme, on_delete=models.CASCADE, related_name="initiative_links"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tema bag indsats")
        verbose_name_plural = _("temaer bag indsatser")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "theme"], name="initiative_theme_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} ← {self.theme_id}"
