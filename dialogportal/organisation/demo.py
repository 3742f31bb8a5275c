"""The demo municipality's organisation: departments, a MED hierarchy (main committee, five
sector committees, twenty local committees) and two political committees, with members whose
names are made up. The demo committee secretary runs the main and the sector committees."""

from collections.abc import Callable
from datetime import date

from dialogportal.accounts.demo import DEMO_PASSWORD
from dialogportal.accounts.models import Role, User
from dialogportal.accounts.services import create_staff_user
from dialogportal.organisation.models import (
    Committee,
    CommitteeKind,
    CommitteeLevel,
    MembershipRole,
    MembershipSide,
    Representation,
    UnitKind,
)
from dialogportal.organisation.services import add_membership, create_unit, save_committee

MAIN_SLUG = "hovedudvalget"
PERIOD_START = date(2025, 1, 1)

# Sector: (slug suffix, department, local committees)
SECTORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "boern-skole",
        "Børn og Skole",
        ("Nordbyens Skole", "Dagtilbud Øst", "Ungdomsskolen", "Familiehuset"),
    ),
    (
        "sundhed-omsorg",
        "Sundhed, Omsorg og Handicap",
        ("Plejecenter Åbakken", "Hjemmeplejen Syd", "Bostederne Vest", "Sundhedscentret"),
    ),
    (
        "kultur-miljoe-teknik",
        "Kultur, Miljø og Teknik",
        ("Vej og Park", "Bibliotekerne", "Byggesager og Plan", "Genbrugspladserne"),
    ),
    (
        "job-social",
        "Job og Social",
        ("Jobcentret", "Ydelsescentret", "Socialcentret", "Integration og Sprog"),
    ),
    (
        "stab-administration",
        "Stab og Administration",
        ("HR og Løn", "Økonomi", "Digitalisering og IT", "Borgerservice"),
    ),
)

FIRST_NAMES = (
    "Aase", "Bjarne", "Camilla", "Dorthe", "Erik", "Frida", "Gustav", "Helle", "Ib", "Jonna",
    "Karsten", "Lone", "Mads", "Nanna", "Ole", "Pia", "Rasmus", "Signe", "Torben", "Ulla",
)  # fmt: skip
LAST_NAMES = (
    "Abildgaard", "Bech", "Dalsgaard", "Fuglsang", "Holm", "Kjærsgaard", "Lykke", "Mølgaard",
    "Nørskov", "Overgaard", "Præst", "Rosendahl", "Skov", "Thygesen", "Vestergaard", "Ærenlund",
)  # fmt: skip


def _name(seed: int) -> str:
    return f"{FIRST_NAMES[seed % len(FIRST_NAMES)]} {LAST_NAMES[(seed * 7) % len(LAST_NAMES)]}"


def _demo_user(username: str, full_name: str, role: Role = Role.COMMITTEE_SECRETARY) -> User:
    # As in real MED practice: the secretary registers the committee's input; the chair and
    # vice-chair run and approve the committee's meetings and see no contributor's data.
    return create_staff_user(
        username=username,
        password=DEMO_PASSWORD,
        full_name=full_name,
        email=f"{username}@demo.invalid",
        roles=[role],
    )


def _seat_members(
    committee: Committee,
    seed: int,
    *,
    size: int,
    chair: User | None = None,
    vice_chair: User | None = None,
) -> None:
    add_membership(
        committee=committee,
        person_name=str(chair) if chair else _name(seed),
        role=MembershipRole.CHAIR,
        side=MembershipSide.MANAGEMENT,
        starts_on=PERIOD_START,
        user=chair,
    )
    add_membership(
        committee=committee,
        person_name=str(vice_chair) if vice_chair else _name(seed + 1),
        role=MembershipRole.VICE_CHAIR,
        side=MembershipSide.EMPLOYEE,
        representation=Representation.FTR,
        starts_on=PERIOD_START,
        user=vice_chair,
    )
    for offset in range(2, size):
        employee = offset % 2 == 0
        add_membership(
            committee=committee,
            person_name=_name(seed + offset),
            role=MembershipRole.MEMBER,
            side=MembershipSide.EMPLOYEE if employee else MembershipSide.MANAGEMENT,
            representation=(
                (Representation.AMR if offset % 4 == 0 else Representation.TR)
                if employee
                else Representation.NONE
            ),
            starts_on=PERIOD_START,
        )


def load(*, log: Callable[[str], None]) -> None:
    if Committee.objects.filter(slug=MAIN_SLUG).exists():
        log("Demo organisation already present – left unchanged.")
        return
    town = create_unit(name="Randers Kommune", kind=UnitKind.MUNICIPALITY)
    council = save_committee(
        slug="byraadet", name="Byrådet", kind=CommitteeKind.POLITICAL, level="city_council"
    )
    save_committee(
        slug="oekonomiudvalget",
        name="Økonomiudvalget",
        kind=CommitteeKind.POLITICAL,
        level=CommitteeLevel.STANDING,
        parent=council,
    )
    main = save_committee(
        slug=MAIN_SLUG,
        name="MED Hovedudvalg",
        kind=CommitteeKind.MED,
        level=CommitteeLevel.MAIN,
        unit=town,
    )
    secretary = _demo_user("sekretaer", "Søren Sekretær")
    chair = _demo_user("formand", "Karin Formand", Role.COMMITTEE_CHAIR)
    vice_chair = _demo_user("naestformand", "Niels Næstformand", Role.COMMITTEE_CHAIR)
    _seat_members(main, 0, size=10, chair=chair, vice_chair=vice_chair)
    local_count = 0
    for index, (suffix, department_name, locals_) in enumerate(SECTORS, start=1):
        department = create_unit(name=department_name, kind=UnitKind.DEPARTMENT, parent=town)
        sector = save_committee(
            slug=f"sektor-med-{suffix}",
            name=f"Sektor MED {department_name}",
            kind=CommitteeKind.MED,
            level=CommitteeLevel.SECTOR,
            parent=main,
            unit=department,
        )
        _seat_members(sector, index * 10, size=8)
        for committee in (main, sector):
            add_membership(
                committee=committee,
                person_name=str(secretary),
                role=MembershipRole.SECRETARY,
                starts_on=PERIOD_START,
                user=secretary,
            )
        for local_index, workplace_name in enumerate(locals_):
            workplace = create_unit(name=workplace_name, kind=UnitKind.WORKPLACE, parent=department)
            local = save_committee(
                slug=f"lokal-med-{suffix}-{local_index + 1}",
                name=f"Lokal MED {workplace_name}",
                kind=CommitteeKind.MED,
                level=CommitteeLevel.LOCAL,
                parent=sector,
                unit=workplace,
            )
            _seat_members(local, index * 10 + local_index + 3, size=5)
            local_count += 1
    log(
        f"Demo organisation: MED Hovedudvalg, {len(SECTORS)} Sektor MED, {local_count} lokale "
        "MED-udvalg, Byrådet and Økonomiudvalget. Committee accounts (password "
        f"{DEMO_PASSWORD}): sekretaer, formand, naestformand."
    )
