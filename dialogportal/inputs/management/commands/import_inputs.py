"""`dialogportal import_inputs <process-slug> <file> --user <username>`: the staff import from the
command line – the same all-or-nothing service and report as the staff page."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogportal.accounts.models import User
from dialogportal.inputs.importing import import_inputs
from dialogportal.inputs.permissions import can_register_inputs
from dialogportal.processes.models import Process


class Command(BaseCommand):
    help = "Import inputs from a CSV or XLSX file into a process (all rows or none)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("process", help="the process's slug")
        parser.add_argument("file", type=Path, help="a .csv or .xlsx file")
        parser.add_argument("--user", required=True, help="the staff member registering them")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            process = Process.objects.get(slug=options["process"])
        except Process.DoesNotExist as exc:
            raise CommandError(f"Ukendt proces: {options['process']}") from exc
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None or not can_register_inputs(user):
            raise CommandError(f"Brugeren {options['user']} må ikke registrere input.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {path}")
        report = import_inputs(
            process=process, filename=path.name, data=path.read_bytes(), acting_user=user
        )
        if report.file_error:
            raise CommandError(report.file_error)
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"Række {error.row}: " + "; ".join(error.messages))
            raise CommandError(
                f"{len(report.errors)} af {report.rows} rækker blev afvist – intet er importeret."
            )
        self.stdout.write(
            f"Importeret: {report.created} nye input, {report.already_imported} fandtes i forvejen."
        )
