import logging
import threading
import uuid
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker

from dialogportal.core.services import enqueue_due_scheduled_tasks, record_heartbeat

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the background worker: queued tasks, heartbeats and scheduled tasks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run what is queued and exit (no heartbeat loop, no scheduled tasks).",
        )
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls.")
        parser.add_argument("--worker-id", default="", help="Unique id (default: generated).")

    def handle(
        self, *args: Any, batch: bool, interval: float, worker_id: str, **options: Any
    ) -> None:
        worker_id = worker_id or f"worker-{uuid.uuid4().hex[:12]}"
        started_at = timezone.now()
        stop = threading.Event()
        beat = threading.Thread(
            target=self._beat, args=(worker_id, started_at, stop), name="heartbeat", daemon=True
        )
        # A batch run drains the queue (tests, one-off jobs); only a standing worker schedules.
        self._beat_once(worker_id, started_at, schedule=not batch)
        if not batch:
            beat.start()
        worker = Worker(
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
            stop.set()
            if beat.is_alive():
                beat.join(timeout=5)

    def _beat_once(self, worker_id: str, started_at: Any, *, schedule: bool = True) -> None:
        try:
            record_heartbeat(worker_id=worker_id, started_at=started_at)
            if schedule:
                enqueue_due_scheduled_tasks()
        except Exception:
            logger.exception("heartbeat failed")  # a missed beat must never kill the worker

    def _beat(self, worker_id: str, started_at: Any, stop: threading.Event) -> None:
        try:
            while not stop.wait(settings.WORKER_HEARTBEAT_SECONDS):
                close_old_connections()
                self._beat_once(worker_id, started_at)
        finally:
            connection.close()
