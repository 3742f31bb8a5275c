import secrets

from django.db import models


class WorkerHeartbeat(models.Model):
    """Proof of life from one background worker (one row per worker id).

    `last_seen_at` is written with the database server's clock, and every age is measured
    against that same clock (see `core.leases`), so a clock jump on a worker's machine cannot
    make a live worker look dead. `process_key` identifies the worker's process on its machine,
    so a worker on the same machine can tell at once that the process is gone."""

    worker_id = models.CharField(max_length=100, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    process_key = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)
    # The task the worker is running (empty when idle) and since when, for the status page.
    current_task_id = models.CharField(max_length=64, blank=True)
    current_task_name = models.CharField(max_length=200, blank=True)
    current_task_since = models.DateTimeField(null=True, blank=True)
    # Set when the worker stopped cleanly (SIGTERM); a dead worker never sets it.
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.last_seen_at:%Y-%m-%d %H:%M:%S})"


class ScheduledRun(models.Model):
    """One row per scheduled task and period: the unique constraint makes sure that several
    workers enqueue a daily or weekly task once per period, not once per worker."""

    name = models.CharField(max_length=100)
    period = models.BigIntegerField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "period"], name="scheduled_run_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.name}#{self.period}"


def new_public_version_token() -> str:
    return secrets.token_hex(16)


class PublicVersion(models.Model):
    """One row (id 1) that the database changes in the same transaction as every write a public
    page could show (triggers installed by `core.public_version`): `n` counts the changes and
    `token` is new and random at each one. Cached public pages are keyed by it; because the
    token never repeats, not even after a restore from a backup, no cached page can outlive
    the data it was made from."""

    n = models.BigIntegerField(default=0)
    token = models.CharField(max_length=32, default=new_public_version_token)

    class Meta:
        verbose_name = "public version"

    def __str__(self) -> str:
        return f"{self.n}.{self.token}"
