"""Every write to the organisation: units, committees, memberships and the CSV import."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dialogportal.accounts.models import User
from dialogportal.organisation.models import (
    Committee,
    CommitteeKind,
    CommitteeLevel,
    Membership,
    MembershipRole,
    MembershipSide,
    Representation,
    Unit,
    UnitKind,
)


@transaction.atomic
def create_unit(*, name: str, kind: UnitKind, parent: Unit | None = None) -> Unit:
    """Create a unit (or return the existing one with that name under that parent)."""
    existing = Unit.objects.filter(name=name, parent=parent).first()
    if existing is not None:
        return existing
    unit = Unit(name=name, kind=kind, parent=parent)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def save_committee(
    *,
    slug: str,
    name: str,
    kind: CommitteeKind | str,
    level: CommitteeLevel | str,
    parent: Committee | None = None,
    unit: Unit | None = None,
    is_public: bool | None = None,
) -> Committee:
    """Create the committee with `slug`, or update it to the given values.

    Political committees publish by default; MED committees do not (their minutes are for
    employees)."""
    committee = Committee.objects.filter(slug=slug).first() or Committee(slug=slug)
    committee.name = name
    committee.kind = str(kind)
    committee.level = str(level)
    committee.parent = parent
    committee.unit = unit
    committee.is_public = (kind == CommitteeKind.POLITICAL) if is_public is None else is_public
    committee.full_clean()
    committee.save()
    return committee


@transaction.atomic
def add_membership(
    *,
    committee: Committee,
    person_name: str,
    role: MembershipRole | str,
    starts_on: date,
    ends_on: date | None = None,
    side: MembershipSide | str = MembershipSide.NONE,
    representation: Representation | str = Representation.NONE,
    user: User | None = None,
) -> Membership:
    """Give a person a seat; the same seat (person, role, start) is updated, never doubled."""
    membership = Membership.objects.filter(
        committee=committee, person_name=person_name, role=str(role), starts_on=starts_on
    ).first() or Membership(
        committee=committee, person_name=person_name, role=str(role), starts_on=starts_on
    )
    membership.ends_on = ends_on
    membership.side = str(side)
    membership.representation = str(representation)
    if user is not None:
        membership.user = user
    membership.full_clean()
    membership.save()
    return membership


# --- CSV import -----------------------------------------------------------------------------

COMMITTEE_COLUMNS = ("slug", "navn", "art", "niveau", "overordnet", "offentlig")
MEMBER_COLUMNS = ("udvalg", "navn", "rolle", "side", "repræsentation", "fra", "til")

_KIND_WORDS = {
    "politisk": CommitteeKind.POLITICAL,
    "political": CommitteeKind.POLITICAL,
    "med": CommitteeKind.MED,
}
_LEVEL_WORDS = {
    **{str(level.value): level for level in CommitteeLevel},
    **{str(level.label).lower(): level for level in CommitteeLevel},
    "byråd": CommitteeLevel.CITY_COUNCIL,
    "stående": CommitteeLevel.STANDING,
    "hoved": CommitteeLevel.MAIN,
    "hovedudvalg": CommitteeLevel.MAIN,
    "sektor": CommitteeLevel.SECTOR,
    "område": CommitteeLevel.AREA,
    "lokal": CommitteeLevel.LOCAL,
    "personalemøde": CommitteeLevel.STAFF_MEETING,
}
_ROLE_WORDS = {
    **{str(role.value): role for role in MembershipRole},
    **{str(role.label).lower(): role for role in MembershipRole},
}
_SIDE_WORDS = {
    "": MembershipSide.NONE,
    "ledelse": MembershipSide.MANAGEMENT,
    "ledelsessiden": MembershipSide.MANAGEMENT,
    "medarbejder": MembershipSide.EMPLOYEE,
    "medarbejdersiden": MembershipSide.EMPLOYEE,
    "politisk": MembershipSide.POLITICAL,
    **{str(side.value): side for side in MembershipSide},
}
_REPRESENTATION_WORDS = {
    "": Representation.NONE,
    "ingen": Representation.NONE,
    "none": Representation.NONE,
    "tr": Representation.TR,
    "ftr": Representation.FTR,
    "amr": Representation.AMR,
}
_YES = {"ja", "j", "yes", "1", "true", "x"}
_NO = {"nej", "n", "no", "0", "false", ""}
MAX_CSV_BYTES = 2 * 1024 * 1024


@dataclass
class ImportReport:
    """What a CSV import did, or why it did nothing (errors name the file's row numbers)."""

    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)
    is_saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        if self.errors:
            return [_("Intet blev gemt. Ret disse fejl og prøv igen:"), *self.errors]
        rows = self.created + self.updated
        counts = {"n": rows, "c": self.created, "u": self.updated}
        if self.is_saved:
            summary = ngettext(
                "%(n)d række gemt (nye: %(c)d, opdaterede: %(u)d).",
                "%(n)d rækker gemt (nye: %(c)d, opdaterede: %(u)d).",
                rows,
            )
        else:
            summary = ngettext(
                "%(n)d række kontrolleret, intet gemt (nye: %(c)d, opdaterede: %(u)d).",
                "%(n)d rækker kontrolleret, intet gemt (nye: %(c)d, opdaterede: %(u)d).",
                rows,
            )
        return [summary % counts]


def _rows(text: str, columns: tuple[str, ...], report: ImportReport) -> list[dict[str, str]]:
    if len(text.encode("utf-8", "surrogatepass")) > MAX_CSV_BYTES:
        report.errors.append(_("Filen er for stor (højst 2 MB)."))
        return []
    if "\x00" in text:
        report.errors.append(_("Filen er ikke en tekstfil (CSV)."))
        return []
    text = text.lstrip("\ufeff")
    if not text.strip():
        report.errors.append(_("Filen er tom."))
        return []
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in columns if column not in header and column != "til"]
    if missing:
        report.errors.append(
            _("Række 1: kolonnerne %(missing)s mangler. Forventet: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": ", ".join(columns)}
        )
        return []
    reader.fieldnames = header
    rows: list[dict[str, str]] = []
    for raw in reader:
        rows.append({key: (value or "").strip() for key, value in raw.items() if key})
    return rows


def _parse_date(value: str) -> date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    raise ValueError(value)


def _messages(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


@transaction.atomic
def import_committees_csv(*, text: str, dry_run: bool = False) -> ImportReport:
    """Create or update committees from CSV (slug;navn;art;niveau;overordnet;offentlig).

    Every row is checked; one bad row means nothing is saved. Parents may be defined earlier in
    the same file or exist already."""
    report = ImportReport()
    rows = _rows(text, COMMITTEE_COLUMNS, report)
    savepoint = transaction.savepoint()
    for number, row in enumerate(rows, start=2):
        where = _("Række %(n)d") % {"n": number}
        kind = _KIND_WORDS.get(row.get("art", "").lower())
        level = _LEVEL_WORDS.get(row.get("niveau", "").lower())
        if kind is None:
            report.errors.append(
                _("%(where)s: ukendt art “%(v)s” (brug politisk eller MED).")
                % {"where": where, "v": row.get("art", "")[:40]}
            )
            continue
        if level is None:
            report.errors.append(
                _("%(where)s: ukendt niveau “%(v)s”.")
                % {"where": where, "v": row.get("niveau", "")[:40]}
            )
            continue
        public_word = row.get("offentlig", "").lower()
        if public_word not in _YES | _NO:
            report.errors.append(
                _("%(where)s: offentlig skal være ja eller nej.") % {"where": where}
            )
            continue
        parent = None
        if row.get("overordnet"):
            parent = Committee.objects.filter(slug=row["overordnet"]).first()
            if parent is None:
                report.errors.append(
                    _("%(where)s: det overordnede udvalg “%(v)s” findes ikke.")
                    % {"where": where, "v": row["overordnet"][:80]}
                )
                continue
        existed = Committee.objects.filter(slug=row.get("slug", "")).exists()
        try:
            save_committee(
                slug=row.get("slug", ""),
                name=row.get("navn", ""),
                kind=kind,
                level=level,
                parent=parent,
                is_public=(public_word in _YES) if public_word else None,
            )
        except ValidationError as error:
            report.errors.append(f"{where}: {_messages(error)}")
            continue
        if existed:
            report.updated += 1
        else:
            report.created += 1
    if report.errors or dry_run:
        transaction.savepoint_rollback(savepoint)
    else:
        transaction.savepoint_commit(savepoint)
        report.is_saved = True
    return report


@transaction.atomic
def import_members_csv(*, text: str, dry_run: bool = False) -> ImportReport:
    """Create or update memberships from CSV (udvalg;navn;rolle;side;repræsentation;fra;til).

    Every row is checked; one bad row means nothing is saved."""
    report = ImportReport()
    rows = _rows(text, MEMBER_COLUMNS, report)
    savepoint = transaction.savepoint()
    for number, row in enumerate(rows, start=2):
        where = _("Række %(n)d") % {"n": number}
        committee = Committee.objects.filter(slug=row.get("udvalg", "")).first()
        role = _ROLE_WORDS.get(row.get("rolle", "").lower())
        side = _SIDE_WORDS.get(row.get("side", "").lower())
        representation = _REPRESENTATION_WORDS.get(row.get("repræsentation", "").lower())
        problems = []
        if committee is None:
            problems.append(_("udvalget “%(v)s” findes ikke") % {"v": row.get("udvalg", "")[:80]})
        if role is None:
            problems.append(_("ukendt rolle “%(v)s”") % {"v": row.get("rolle", "")[:40]})
        if side is None:
            problems.append(_("ukendt side “%(v)s”") % {"v": row.get("side", "")[:40]})
        if representation is None:
            problems.append(
                _("ukendt repræsentation “%(v)s” (TR, FTR, AMR eller tom)")
                % {"v": row.get("repræsentation", "")[:40]}
            )
        starts_on = ends_on = None
        try:
            starts_on = _parse_date(row.get("fra", ""))
        except ValueError:
            problems.append(_("“fra” er ikke en dato (brug ÅÅÅÅ-MM-DD)"))
        if row.get("til"):
            try:
                ends_on = _parse_date(row["til"])
            except ValueError:
                problems.append(_("“til” er ikke en dato (brug ÅÅÅÅ-MM-DD)"))
        if problems:
            report.errors.append(f"{where}: " + "; ".join(problems) + ".")
            continue
        assert committee is not None
        assert role is not None
        assert starts_on is not None
        existed = Membership.objects.filter(
            committee=committee, person_name=row.get("navn", ""), role=role, starts_on=starts_on
        ).exists()
        try:
            add_membership(
                committee=committee,
                person_name=row.get("navn", ""),
                role=role,
                side=side or MembershipSide.NONE,
                representation=representation or Representation.NONE,
                starts_on=starts_on,
                ends_on=ends_on,
            )
        except ValidationError as error:
            report.errors.append(f"{where}: {_messages(error)}")
            continue
        if existed:
            report.updated += 1
        else:
            report.created += 1
    if report.errors or dry_run:
        transaction.savepoint_rollback(savepoint)
    else:
        transaction.savepoint_commit(savepoint)
        report.is_saved = True
    return report
