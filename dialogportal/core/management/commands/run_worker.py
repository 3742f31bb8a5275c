import logging
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS

from dialogportal.core.leases import DATABASE_UNAVAILABLE, record_stopped, release_tasks_of
from dialogportal.core.worker import Heartbeat, ReliableWorker, wait_for_database

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the background worker: queued tasks, heartbeats, scheduled tasks, and taking back "
        "the tasks of workers that died."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run what is queued and exit (no scheduled tasks, no taking back).",
        )
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls.")
        parser.add_argument(
            "--worker-id", default="", help="Unique id, at most 64 characters (default: random)."
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Do not enqueue scheduled tasks (another worker does).",
        )

    def handle(
        self,
        *args: Any,
        batch: bool,
        interval: float,
        worker_id: str,
        no_schedule: bool,
        **options: Any,
    ) -> None:
        worker_id = (worker_id or f"worker-{uuid.uuid4().hex[:12]}")[:64]
        wait_for_database(say=lambda message: self.stderr.write(message))
        heartbeat = Heartbeat(
            worker_id=worker_id,
            started_at=timezone.now(),
            standing=not batch,
            schedules=not batch and not no_schedule,
        )
        heartbeat.beat()  # before the first claim: a claimed task always has a live owner
        heartbeat.start()
        worker = ReliableWorker(
            heartbeat=heartbeat,
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not batch,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            heartbeat.stop()
            try:
                release_tasks_of(worker_id=worker_id, reason="its worker stopped")
                record_stopped(worker_id=worker_id)
            except DATABASE_UNAVAILABLE:
                logger.warning("stopped without a database; other workers take its tasks back")
