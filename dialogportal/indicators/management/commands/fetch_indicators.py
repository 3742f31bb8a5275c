from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogportal.indicators.models import RefreshOutcome
from dialogportal.indicators.refresh import refresh_indicators
from dialogportal.processes.models import Process


class Command(BaseCommand):
    help = "Fetch every Statistics Denmark indicator (of one process with --process) and log it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--process", metavar="SLUG", help="Only this process's indicators.")

    def handle(self, *args: Any, process: str | None = None, **options: Any) -> None:
        chosen = None
        if process is not None:
            chosen = Process.objects.filter(slug=process).first()
            if chosen is None:
                raise CommandError(f"Ingen proces med det korte navn {process!r}.")
        logs = refresh_indicators(process=chosen)
        if not logs:
            self.stdout.write("Ingen nøgletal hentes fra Danmarks Statistik.")
            return
        for log in logs:
            line = (
                f"{log.indicator.process.slug}/{log.indicator.slug}: {log.get_outcome_display()}"
                f" – {log.rows_received} rækker, {log.rows_created} nye, {log.rows_updated} ændrede"
            )
            if log.source_version:
                line += f" (kildeversion {log.source_version})"
            if log.message:
                line += f". {log.message}"
            if log.outcome == RefreshOutcome.FAILED:
                self.stderr.write(line)
            else:
                self.stdout.write(line)
        failed = sum(log.outcome == RefreshOutcome.FAILED for log in logs)
        if failed:
            raise CommandError(f"{failed} af {len(logs)} nøgletal kunne ikke hentes.")
