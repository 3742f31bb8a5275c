from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogportal.organisation.services import (
    COMMITTEE_COLUMNS,
    MEMBER_COLUMNS,
    ImportReport,
    import_committees_csv,
    import_members_csv,
)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CommandError(f"Filen findes ikke: {path}") from exc
    except (IsADirectoryError, PermissionError) as exc:
        raise CommandError(f"Filen kan ikke læses: {path}") from exc
    except UnicodeDecodeError as exc:
        raise CommandError(f"Filen er ikke UTF-8-tekst: {path}") from exc


class Command(BaseCommand):
    help = (
        "Import committees and/or members from CSV (UTF-8, ';' or ','). Committees: "
        + ";".join(COMMITTEE_COLUMNS)
        + ". Members: "
        + ";".join(MEMBER_COLUMNS)
        + ". All or nothing: one bad row saves nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("committees", nargs="?", help="CSV file of committees")
        parser.add_argument("--members", help="CSV file of memberships")
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["committees"] and not options["members"]:
            raise CommandError("Angiv en CSV-fil med udvalg og/eller --members FIL.")
        reports: list[tuple[str, ImportReport]] = []
        if options["committees"]:
            text = _read(options["committees"])
            reports.append(("udvalg", import_committees_csv(text=text, dry_run=options["dry_run"])))
        if options["members"] and all(report.ok for _, report in reports):
            text = _read(options["members"])
            reports.append(("medlemmer", import_members_csv(text=text, dry_run=options["dry_run"])))
        for label, report in reports:
            for line in report.lines():
                self.stdout.write(f"{label}: {line}")
        if not all(report.ok for _, report in reports):
            raise CommandError("Importen blev afvist; intet er gemt.")
