from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogportal.analysis.execution import run_analysis_now
from dialogportal.analysis.models import RunStatus
from dialogportal.analysis.services import AnalysisAlreadyRunningError, start_analysis_run
from dialogportal.processes.models import Process


class Command(BaseCommand):
    help = "Analyse a process's inputs now (or queue it for the worker with --background)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The process's short name (slug).")
        parser.add_argument(
            "--background", action="store_true", help="Queue the run for the worker instead."
        )

    def handle(self, *args: Any, slug: str, background: bool, **options: Any) -> None:
        process = Process.objects.filter(slug=slug).first()
        if process is None:
            raise CommandError(f"No process with the slug {slug!r}.")
        try:
            if background:
                run = start_analysis_run(process=process, acting_user=None)
                self.stdout.write(f"Run {run.pk} queued; the worker will do it.")
                return
            run = run_analysis_now(process=process, acting_user=None)
        except AnalysisAlreadyRunningError as exc:
            raise CommandError(f"Run {exc.run.pk} of this process is queued or running.") from exc
        if run.status != RunStatus.DONE:
            raise CommandError(f"Run {run.pk} failed: {run.error}")
        counts = ", ".join(f"{k}={v}" for k, v in run.counts.items())
        self.stdout.write(f"Run {run.pk} done with engine {run.engine_version}: {counts}")
