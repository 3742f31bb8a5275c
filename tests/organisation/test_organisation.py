from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from dialogportal.organisation.models import (
    Committee,
    CommitteeKind,
    Membership,
    MembershipRole,
    Unit,
    UnitKind,
)
from dialogportal.organisation.services import (
    add_membership,
    create_unit,
    import_committees_csv,
    import_members_csv,
    save_committee,
)

pytestmark = pytest.mark.django_db

COMMITTEES_CSV = """slug;navn;art;niveau;overordnet;offentlig
hmu;Hovedudvalget;MED;hoved;;nej
sektor-sundhed;Sektor MED Sundhed;MED;sektor;hmu;
lokal-aeroe;Lokal MED Ærøvej;MED;lokal;sektor-sundhed;nej
byraadet;Byrådet;politisk;byråd;;ja
"""

MEMBERS_CSV = """udvalg;navn;rolle;side;repræsentation;fra;til
hmu;Åse Ørnsø;formand;ledelse;;2025-01-01;
hmu;Bent Østergård;næstformand;medarbejder;FTR;2025-01-01;2026-12-31
sektor-sundhed;Carla Æbelø;medlem;medarbejder;AMR;01-02-2025;
"""


def test_unit_tree_runs_municipality_department_area_workplace() -> None:
    town = create_unit(name="Testby Kommune", kind=UnitKind.MUNICIPALITY)
    dept = create_unit(name="Sundhed", kind=UnitKind.DEPARTMENT, parent=town)
    area = create_unit(name="Ældreområdet", kind=UnitKind.AREA, parent=dept)
    workplace = create_unit(name="Plejecenter Ø", kind=UnitKind.WORKPLACE, parent=area)
    assert workplace.parent == area
    assert area.parent == dept
    assert dept.parent == town
    assert create_unit(name="Sundhed", kind=UnitKind.DEPARTMENT, parent=town) == dept


def test_unit_cannot_skip_upwards_in_the_tree() -> None:
    town = create_unit(name="Testby Kommune", kind=UnitKind.MUNICIPALITY)
    with pytest.raises(ValidationError):
        create_unit(name="Område", kind=UnitKind.AREA, parent=town)


def test_only_a_municipality_may_be_a_root_in_the_database() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(name="Løs", kind=UnitKind.DEPARTMENT)


def test_committee_level_must_match_its_kind_in_the_database() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.create(slug="x", name="X", kind=CommitteeKind.MED, level="standing")


def test_committee_parent_must_be_higher_and_of_the_same_kind() -> None:
    main = save_committee(slug="hmu", name="HMU", kind="med", level="main")
    sector = save_committee(slug="s", name="S", kind="med", level="sector", parent=main)
    with pytest.raises(ValidationError):
        save_committee(slug="hmu", name="HMU", kind="med", level="main", parent=sector)
    council = save_committee(slug="br", name="Byråd", kind="political", level="city_council")
    with pytest.raises(ValidationError):
        save_committee(slug="s2", name="S2", kind="med", level="sector", parent=council)


def test_political_committees_publish_and_med_committees_do_not_by_default() -> None:
    assert save_committee(slug="br", name="Byråd", kind="political", level="city_council").is_public
    assert not save_committee(slug="hmu", name="HMU", kind="med", level="main").is_public


def test_below_lists_lower_committees_of_the_same_kind() -> None:
    main = save_committee(slug="hmu", name="HMU", kind="med", level="main")
    sector = save_committee(slug="s", name="S", kind="med", level="sector", parent=main)
    save_committee(slug="br", name="Byråd", kind="political", level="city_council")
    assert list(Committee.objects.below(main)) == [sector]


def test_membership_is_active_between_its_dates_in_queryset_and_model_alike() -> None:
    main = save_committee(slug="hmu", name="HMU", kind="med", level="main")
    seat = add_membership(
        committee=main,
        person_name="Åse",
        role=MembershipRole.CHAIR,
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
    )
    for day, expected in [
        (date(2024, 12, 31), False),
        (date(2025, 1, 1), True),
        (date(2025, 12, 31), True),
        (date(2026, 1, 1), False),
    ]:
        assert seat.is_active_on(day) is expected
        assert Membership.objects.active_on(day).filter(pk=seat.pk).exists() is expected


def test_membership_cannot_end_before_it_starts() -> None:
    main = save_committee(slug="hmu", name="HMU", kind="med", level="main")
    with pytest.raises(ValidationError):
        add_membership(
            committee=main,
            person_name="Åse",
            role=MembershipRole.CHAIR,
            starts_on=date(2025, 1, 1),
            ends_on=date(2024, 1, 1),
        )


def test_csv_import_creates_committees_and_members_and_a_second_run_only_updates() -> None:
    report = import_committees_csv(text=COMMITTEES_CSV)
    assert report.ok
    assert report.created == 4
    assert report.is_saved
    assert Committee.objects.get(slug="lokal-aeroe").parent.slug == "sektor-sundhed"  # type: ignore[union-attr]
    assert Committee.objects.get(slug="byraadet").is_public
    members = import_members_csv(text=MEMBERS_CSV)
    assert members.ok
    assert members.created == 3
    vice = Membership.objects.get(person_name="Bent Østergård")
    assert (vice.role, vice.side, vice.representation) == ("vice_chair", "employee", "FTR")
    again = import_committees_csv(text=COMMITTEES_CSV)
    assert again.created == 0
    assert again.updated == 4
    assert import_members_csv(text=MEMBERS_CSV).updated == 3
    assert Membership.objects.count() == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "tom"),
        ("slug;navn\nx;y\n", "mangler"),
        (COMMITTEES_CSV + "bad;Bad;MED;månen;;nej\n", "Række 6: ukendt niveau"),
        (COMMITTEES_CSV + "bad;Bad;kult;hoved;;nej\n", "Række 6: ukendt art"),
        (COMMITTEES_CSV + "bad;Bad;MED;sektor;ingen-her;nej\n", "findes ikke"),
        (COMMITTEES_CSV + "<script>;Bad;MED;sektor;hmu;nej\n", "Række 6"),
        (COMMITTEES_CSV + "x;Bad;MED;sektor;hmu;måske\n", "ja eller nej"),
        ("slug;navn;art;niveau;overordnet;offentlig\n\x00\x01;;;;;\n", "ikke en tekstfil"),
    ],
)
def test_csv_import_of_committees_is_all_or_nothing_with_danish_row_messages(
    text: str, message: str
) -> None:
    report = import_committees_csv(text=text)
    assert not report.ok
    assert message in " ".join(report.errors)
    assert not report.is_saved
    assert Committee.objects.count() == 0


def test_csv_import_of_members_names_each_bad_row_and_saves_nothing() -> None:
    import_committees_csv(text=COMMITTEES_CSV)
    bad = MEMBERS_CSV + "hmu;X;kejser;ledelse;;2025-01-01;\nukendt;Y;medlem;;;i går;\n"
    report = import_members_csv(text=bad)
    assert [line.split(":")[0] for line in report.errors] == ["Række 5", "Række 6"]
    assert "ukendt rolle" in report.errors[0]
    assert "findes ikke" in report.errors[1]
    assert "dato" in report.errors[1]
    assert Membership.objects.count() == 0


def test_the_import_report_counts_rows_in_the_singular_and_plural_of_each_language() -> None:
    from django.utils import translation

    one_row = COMMITTEES_CSV.splitlines()[0] + "\n" + COMMITTEES_CSV.splitlines()[1] + "\n"
    assert import_committees_csv(text=one_row, dry_run=True).lines() == [
        "1 række kontrolleret, intet gemt (nye: 1, opdaterede: 0)."
    ]
    report = import_committees_csv(text=COMMITTEES_CSV)
    assert report.lines() == ["4 rækker gemt (nye: 4, opdaterede: 0)."]
    with translation.override("en"):
        assert report.lines() == ["4 rows saved (new: 4, updated: 0)."]


def test_dry_run_checks_without_saving() -> None:
    report = import_committees_csv(text=COMMITTEES_CSV, dry_run=True)
    assert report.ok
    assert not report.is_saved
    assert Committee.objects.count() == 0


def test_import_committees_command_reports_and_refuses_bad_files(tmp_path: Path, capsys) -> None:
    committees = tmp_path / "udvalg.csv"
    committees.write_text(COMMITTEES_CSV, encoding="utf-8")
    members = tmp_path / "medlemmer.csv"
    members.write_text(MEMBERS_CSV, encoding="utf-8")
    call_command("import_committees", str(committees), "--members", str(members))
    assert "4 rækker gemt" in capsys.readouterr().out
    assert Membership.objects.count() == 3
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(CommandError):
        call_command("import_committees", str(broken))
    with pytest.raises(CommandError):
        call_command("import_committees", str(tmp_path / "missing.csv"))
