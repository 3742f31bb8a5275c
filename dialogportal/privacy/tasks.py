from django_tasks import task

from dialogportal.privacy.retention import apply_retention


@task()
def apply_retention_daily() -> dict[str, int]:
    """Remove personal data of every process whose date has come (scheduled once a day)."""
    run = apply_retention()
    return {
        "run_id": run.pk,
        "inputs_anonymised": run.inputs_anonymised,
        "attachments_deleted": run.attachments_deleted,
        "registrations_anonymised": run.registrations_anonymised,
    }
