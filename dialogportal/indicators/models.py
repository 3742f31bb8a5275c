"""Key figures (nøgletal): indicator definitions with source and provenance, observations per
area and period, each process's comparison set, the refresh log and pending uploads."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dialogportal.indicators.areas import AREA_NAMES, area_name
from dialogportal.indicators.catalogue import INDICATORS, get_spec
from dialogportal.processes.models import FocusArea, Process
from dialogportal.statbank.areas import COUNTRY, MUNICIPALITY_CODES
from dialogportal.statbank.indicators import IndicatorSpec

SPEC_CHOICES = [(spec.key, f"{spec.name} ({spec.table_id or 'upload'})") for spec in INDICATORS]


class SourceKind(models.TextChoices):
    STATBANK = "dst_statbank", _("Danmarks Statistik (statistikbanken.dk)")
    UPLOAD = "manual_upload", _("Uploadet fil")


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def fetchable(self) -> "IndicatorQuerySet":
        return self.filter(source_kind=SourceKind.STATBANK).exclude(spec_key="")


class Indicator(models.Model):
    """One key figure of a process, e.g. the employment rate, shown beside its focus areas."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="indicators")
    slug = models.SlugField(_("kort navn i adressen"), max_length=80)
    name = models.CharField(_("navn"), max_length=200)
    unit = models.CharField(_("enhed"), max_length=40, help_text=_("fx pct., år, kr., antal"))
    description = models.TextField(_("beskrivelse"), blank=True)
    is_higher_better = models.BooleanField(
        _("er højere bedre?"),
        null=True,
        blank=True,
        help_text=_("Tomt, hvis hverken højere eller lavere i sig selv er bedre."),
    )
    source_kind = models.CharField(
        _("kilde"), max_length=20, choices=SourceKind.choices, default=SourceKind.UPLOAD
    )
    spec_key = models.CharField(
        _("indikator i Danmarks Statistik-opsætningen"),
        max_length=60,
        choices=SPEC_CHOICES,
        blank=True,
        help_text=_("Hvilken tabel og hvilke værdier der hentes; påkrævet for Danmarks Statistik."),
    )
    source_note = models.CharField(
        _("kildeangivelse for uploadede tal"),
        max_length=300,
        blank=True,
        help_text=_("fx 'Kilde: Jobindsats.dk, ptv_a02' – vises under grafen."),
    )
    provenance = models.TextField(
        _("oprindelse"),
        blank=True,
        help_text=_("Hvordan tallet er opgjort, og hvad der er usikkert."),
    )
    decimals = models.PositiveSmallIntegerField(_("antal decimaler"), default=1)
    is_demo = models.BooleanField(
        _("demotal"), default=False, help_text=_("Tallene er opdigtede og kun til demonstration.")
    )
    focus_areas = models.ManyToManyField(
        FocusArea, related_name="indicators", blank=True, verbose_name=_("fokusområder")
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    # Bumped whenever the indicator's observations change: part of every chart's cache key.
    data_version = models.PositiveIntegerField(default=0, editable=False)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("nøgletal")
        verbose_name_plural = _("nøgletal")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "slug"], name="indicator_slug_unique_in_process"
            ),
            models.CheckConstraint(
                condition=~Q(source_kind="dst_statbank") | ~Q(spec_key=""),
                name="indicator_statbank_needs_spec",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.source_kind == SourceKind.STATBANK:
            if not self.spec_key:
                raise ValidationError(
                    {"spec_key": _("Vælg, hvad der skal hentes fra Danmarks Statistik.")}
                )
            if not get_spec(self.spec_key).is_fetchable:
                raise ValidationError(
                    {"spec_key": _("Dette nøgletal findes ikke i statistikbanken; upload det.")}
                )

    @property
    def spec(self) -> IndicatorSpec | None:
        return get_spec(self.spec_key) if self.spec_key else None

    @property
    def table_id(self) -> str:
        spec = self.spec
        return (spec.table_id or "") if spec else ""

    @property
    def is_fetchable(self) -> bool:
        return self.source_kind == SourceKind.STATBANK and bool(self.table_id)

    @property
    def citation(self) -> str:
        """The source line under every chart (DST's licence asks for it)."""
        if self.is_fetchable:
            return f"Kilde: Danmarks Statistik, statistikbanken.dk/{self.table_id}"
        return self.source_note

    @property
    def source_url(self) -> str:
        return f"https://www.statbank.dk/{self.table_id}" if self.is_fetchable else ""


class Observation(models.Model):
    """One value of an indicator for one area ("730", "000", a postcode) and one period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area_code = models.CharField(_("område"), max_length=10)
    period = models.CharField(_("periode"), max_length=20)
    value = models.DecimalField(_("værdi"), max_digits=20, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")
        ordering = ["indicator", "area_code", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period"],
                name="observation_unique_per_area_and_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.area_code} {self.period} = {self.value}"


def _validate_area_code(code: str) -> None:
    if code not in AREA_NAMES:
        raise ValidationError(_("Ukendt områdekode: %(code)s"), params={"code": code})


class ComparisonSet(models.Model):
    """Which areas a process compares: the municipality itself, the country and its peers."""

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="comparison_set")
    municipality_code = models.CharField(
        _("kommunekode"), max_length=3, validators=[_validate_area_code]
    )
    country_code = models.CharField(_("landskode"), max_length=3, default=COUNTRY)
    peer_codes = models.JSONField(
        _("sammenligningskommuner"), default=list, blank=True, help_text=_('fx ["615", "621"]')
    )

    class Meta:
        verbose_name = _("sammenligningssæt")
        verbose_name_plural = _("sammenligningssæt")

    def __str__(self) -> str:
        return f"{self.process}: {self.municipality_name}"

    def clean(self) -> None:
        peers = self.peer_codes
        if not isinstance(peers, list) or not all(isinstance(code, str) for code in peers):
            raise ValidationError({"peer_codes": _("Angiv kommunekoderne som en liste af tekst.")})
        unknown = [code for code in peers if code not in MUNICIPALITY_CODES]
        if unknown:
            raise ValidationError(
                {"peer_codes": _("Ukendte kommunekoder: %s") % ", ".join(unknown[:10])}
            )
        if self.municipality_code in peers:
            raise ValidationError(
                {"peer_codes": _("Kommunen selv kan ikke også være sammenligningskommune.")}
            )
        if len(set(peers)) != len(peers):
            raise ValidationError({"peer_codes": _("En kommune står flere gange.")})

    @property
    def municipality_name(self) -> str:
        return area_name(self.municipality_code)

    @property
    def area_codes(self) -> list[str]:
        """Every area to fetch and show, the municipality first, then the country, then peers."""
        return [self.municipality_code, self.country_code, *self.peer_codes]


class RefreshOutcome(models.TextChoices):
    CHANGED = "changed", _("Opdateret")
    UNCHANGED = "unchanged", _("Uændret")
    FAILED = "failed", _("Fejlet")


class RefreshKind(models.TextChoices):
    FETCH = "fetch", _("Hentet fra Danmarks Statistik")
    UPLOAD = "upload", _("Uploadet fil")
    DEMO = "demo", _("Demotal")


class RefreshLog(models.Model):
    """One attempt to bring an indicator's observations up to date, successful or not."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="refreshes")
    kind = models.CharField(_("type"), max_length=10, choices=RefreshKind.choices)
    started_at = models.DateTimeField(_("startet"))
    finished_at = models.DateTimeField(_("afsluttet"))
    outcome = models.CharField(_("resultat"), max_length=10, choices=RefreshOutcome.choices)
    rows_received = models.PositiveIntegerField(_("rækker modtaget"), default=0)
    rows_created = models.PositiveIntegerField(_("nye observationer"), default=0)
    rows_updated = models.PositiveIntegerField(_("ændrede observationer"), default=0)
    source_version = models.CharField(_("kildeversion"), max_length=100, blank=True)
    message = models.TextField(_("besked"), blank=True)
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("opdatering")
        verbose_name_plural = _("opdateringer")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.started_at:%Y-%m-%d %H:%M}: {self.get_outcome_display()}"


class FigureUploadStatus(models.TextChoices):
    PREVIEW = "preview", _("Til gennemsyn")
    SAVED = "saved", _("Gemt")


class FigureUpload(models.Model):
    """An uploaded CSV/XLSX kept between preview and confirmation, and afterwards as provenance."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="uploads")
    filename = models.CharField(_("filnavn"), max_length=200)
    data = models.BinaryField(_("indhold"))
    sha256 = models.CharField(max_length=64)
    source_note = models.CharField(_("kilde"), max_length=300)
    provenance = models.TextField(_("oprindelse"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FigureUploadStatus.choices,
        default=FigureUploadStatus.PREVIEW,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploadet"))
    saved_at = models.DateTimeField(_("gemt"), null=True, blank=True)

    class Meta:
        verbose_name = _("upload af tal")
        verbose_name_plural = _("uploads af tal")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.filename}"
