"""The organisation: units as a tree, committees (political and MED) as a hierarchy, and dated
memberships. Names follow the glossary in product.md."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommune")
    DEPARTMENT = "department", _("Forvaltning")
    AREA = "area", _("Område")
    WORKPLACE = "workplace", _("Arbejdsplads")


# A unit's parent must be of the kind just above it (a workplace may also hang under a department).
ALLOWED_PARENT_KINDS: dict[str, tuple[str, ...]] = {
    UnitKind.MUNICIPALITY: (),
    UnitKind.DEPARTMENT: (UnitKind.MUNICIPALITY,),
    UnitKind.AREA: (UnitKind.DEPARTMENT,),
    UnitKind.WORKPLACE: (UnitKind.AREA, UnitKind.DEPARTMENT),
}


class Unit(models.Model):
    """An organisation unit: municipality → department → area → workplace."""

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet enhed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("enhed")
        verbose_name_plural = _("enheder")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unit_name_unique_in_parent"),
            models.CheckConstraint(
                condition=Q(kind=UnitKind.MUNICIPALITY, parent__isnull=True)
                | (~Q(kind=UnitKind.MUNICIPALITY) & Q(parent__isnull=False)),
                name="unit_only_municipality_is_root",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        allowed = ALLOWED_PARENT_KINDS.get(self.kind, ())
        if self.parent is not None and self.parent.kind not in allowed:
            raise ValidationError(
                {"parent": _("En enhed af denne type kan ikke ligge under den valgte enhed.")}
            )


class CommitteeKind(models.TextChoices):
    POLITICAL = "political", _("Politisk udvalg")
    MED = "med", _("MED-udvalg")


class CommitteeLevel(models.TextChoices):
    CITY_COUNCIL = "city_council", _("Byråd")
    STANDING = "standing", _("Stående udvalg")
    MAIN = "main", _("Hovedudvalg")
    SECTOR = "sector", _("Sektor MED")
    AREA = "area", _("Område MED")
    LOCAL = "local", _("Lokal MED")
    STAFF_MEETING = "staff_meeting", _("Personalemøde med MED-status")


POLITICAL_LEVELS = (CommitteeLevel.CITY_COUNCIL, CommitteeLevel.STANDING)
MED_LEVELS = (
    CommitteeLevel.MAIN,
    CommitteeLevel.SECTOR,
    CommitteeLevel.AREA,
    CommitteeLevel.LOCAL,
    CommitteeLevel.STAFF_MEETING,
)
# Depth in the hierarchy: a committee's parent has a smaller rank.
LEVEL_RANK: dict[str, int] = {
    CommitteeLevel.CITY_COUNCIL: 0,
    CommitteeLevel.STANDING: 1,
    CommitteeLevel.MAIN: 0,
    CommitteeLevel.SECTOR: 1,
    CommitteeLevel.AREA: 2,
    CommitteeLevel.LOCAL: 3,
    CommitteeLevel.STAFF_MEETING: 4,
}


def unit_subtree_ids(unit_id: int) -> set[int]:
    """The unit and every unit under it (the tree is shallow: a few queries, one per level)."""
    found = {unit_id}
    frontier = {unit_id}
    while frontier:
        frontier = set(
            Unit.objects.filter(parent__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found |= frontier
    return found


def committee_descendant_ids(committee: "Committee") -> set[int]:
    """Committees under `committee` in the committee tree (`parent`), not the committee itself."""
    found: set[int] = set()
    frontier = {committee.pk}
    while frontier:
        frontier = set(
            Committee.objects.filter(parent__in=frontier)
            .exclude(pk__in=found | {committee.pk})
            .values_list("pk", flat=True)
        )
        found |= frontier
    return found


class CommitteeQuerySet(models.QuerySet["Committee"]):
    def med(self) -> "CommitteeQuerySet":
        return self.filter(kind=CommitteeKind.MED)

    def public(self) -> "CommitteeQuerySet":
        return self.filter(is_public=True)

    def below(self, committee: "Committee") -> "CommitteeQuerySet":
        """The committee's own subtree: committees of the same kind on a lower level that lie
        under it in the organisation. Where both have a unit, the unit tree decides (a Sektor
        MED reaches the committees of its own department's units, never another sector's);
        otherwise the committee tree (`parent`) does."""
        lower = [level for level, rank in LEVEL_RANK.items() if rank > committee.rank]
        candidates = self.filter(kind=committee.kind, level__in=lower).exclude(pk=committee.pk)
        if committee.rank == 0:  # the Hovedudvalg (or the city council) spans the municipality
            return candidates
        by_parent = Q(pk__in=committee_descendant_ids(committee))
        if committee.unit_id is None:
            return candidates.filter(by_parent)
        units = unit_subtree_ids(committee.unit_id)
        return candidates.filter(Q(unit__in=units) | (Q(unit__isnull=True) & by_parent))


class Committee(models.Model):
    """A political committee or a MED committee. Political committees publish their agendas and
    minutes (`is_public`); MED minutes are readable by every logged-in employee."""

    slug = models.SlugField(_("kort navn i adressen"), max_length=80, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("art"), max_length=20, choices=CommitteeKind.choices)
    level = models.CharField(_("niveau"), max_length=20, choices=CommitteeLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet udvalg"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("enhed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committees",
    )
    is_public = models.BooleanField(
        _("offentliggør dagsordener og referater"),
        default=False,
        help_text=_("Politiske udvalg offentliggør; MED-referater kan læses af alle medarbejdere."),
    )

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("udvalg")
        verbose_name_plural = _("udvalg")
        ordering = ["kind", "level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=CommitteeKind.POLITICAL, level__in=[str(v) for v in POLITICAL_LEVELS])
                    | Q(kind=CommitteeKind.MED, level__in=[str(v) for v in MED_LEVELS])
                ),
                name="committee_level_matches_kind",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="committee_is_not_its_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:committee", kwargs={"slug": self.slug})

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self.level]

    def is_below(self, other: "Committee") -> bool:
        """Whether this committee lies in `other`'s subtree (the model twin of
        `CommitteeQuerySet.below`, tested together)."""
        return Committee.objects.below(other).filter(pk=self.pk).exists()

    def sector(self) -> "Committee | None":
        """The Sektor MED this committee belongs to (itself for a Sektor MED): the nearest
        sector-level committee up the committee tree, or by unit when the tree has no parent."""
        node: Committee | None = self
        seen: set[int] = set()
        while node is not None and node.pk not in seen:
            if node.level == CommitteeLevel.SECTOR:
                return node
            seen.add(node.pk)
            node = node.parent
        if self.unit_id is None:
            return None
        for sector in Committee.objects.filter(
            kind=self.kind, level=CommitteeLevel.SECTOR, unit__isnull=False
        ):
            if sector.unit_id is not None and self.unit_id in unit_subtree_ids(sector.unit_id):
                return sector
        return None

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        allowed = POLITICAL_LEVELS if self.kind == CommitteeKind.POLITICAL else MED_LEVELS
        if self.level not in allowed:
            raise ValidationError({"level": _("Niveauet passer ikke til udvalgets art.")})
        if self.parent is not None:
            if self.parent.pk is not None and self.parent.pk == self.pk:
                raise ValidationError({"parent": _("Et udvalg kan ikke ligge under sig selv.")})
            if self.parent.kind != self.kind or self.parent.rank >= self.rank:
                raise ValidationError(
                    {"parent": _("Det overordnede udvalg skal være af samme art og højere niveau.")}
                )


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Formand")
    VICE_CHAIR = "vice_chair", _("Næstformand")
    MEMBER = "member", _("Medlem")
    SUBSTITUTE = "substitute", _("Suppleant")
    SECRETARY = "secretary", _("Sekretær")


class MembershipSide(models.TextChoices):
    MANAGEMENT = "management", _("Ledelsessiden")
    EMPLOYEE = "employee", _("Medarbejdersiden")
    POLITICAL = "political", _("Politisk")
    NONE = "none", _("Ingen")


class Representation(models.TextChoices):
    TR = "TR", _("Tillidsrepræsentant (TR)")
    FTR = "FTR", _("Fællestillidsrepræsentant (FTR)")
    AMR = "AMR", _("Arbejdsmiljørepræsentant (AMR)")
    NONE = "none", _("Ingen")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active_on(self, day: date) -> "MembershipQuerySet":
        """Memberships running on `day`: started on or before it, not ended before it."""
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Membership(models.Model):
    """A person's seat in a committee for a period (MED seats change every election period)."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("udvalg")
    )
    person_name = models.CharField(_("navn"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brugerkonto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("rolle"), max_length=20, choices=MembershipRole.choices)
    side = models.CharField(
        _("side"), max_length=20, choices=MembershipSide.choices, default=MembershipSide.NONE
    )
    representation = models.CharField(
        _("repræsentation"),
        max_length=10,
        choices=Representation.choices,
        default=Representation.NONE,
    )
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        ordering = ["committee", "role", "person_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="membership_ends_on_or_after_start",
            ),
            models.UniqueConstraint(
                fields=["committee", "person_name", "role", "starts_on"],
                name="membership_unique_seat_per_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_role_display()}, {self.committee})"

    def is_active_on(self, day: date) -> bool:
        """The model twin of `MembershipQuerySet.active_on`; the two are tested together."""
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)
