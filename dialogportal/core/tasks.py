from django.utils import timezone
from django_tasks import task


@task()
def ping(message: str = "pong") -> dict[str, str]:
    """A task that only answers: proves a worker picks tasks up and stores results."""
    return {"message": message, "answered_at": timezone.now().isoformat()}
