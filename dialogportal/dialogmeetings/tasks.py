from django_tasks import task

from dialogportal.dialogmeetings.services import remove_expired_registrations


@task()
def remove_expired_registrations_daily() -> dict[str, int]:
    """Anonymise registrations of processes whose personal-data date has come (daily; a re-run
    changes nothing)."""
    return {"registrations_anonymised": remove_expired_registrations()}
