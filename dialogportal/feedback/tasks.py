"""Background work of the feedback app: the contributors' daily e-mail."""

import logging

from django_tasks import task

from dialogportal.feedback.digests import DigestOutcome, pending_digest_emails, send_digest

logger = logging.getLogger(__name__)


@task()
def send_feedback_digest(email: str) -> str:
    """Send today's e-mail to one address; on a mail error, or when today's e-mail has gone
    already, enqueue itself again for later (backoff / tomorrow). Idempotent."""
    outcome, retry_at = send_digest(email=email)
    if retry_at is not None:
        send_feedback_digest.using(run_after=retry_at).enqueue(email)
    if outcome == DigestOutcome.GAVE_UP:
        logger.error("Gave up sending a feedback e-mail after repeated failures")
    return outcome


@task()
def send_pending_feedback_digests() -> int:
    """The daily sweep (settings.SCHEDULED_TASKS): every address with changes not yet e-mailed.
    Catches what a lost enqueue missed; the daily limit holds whatever runs twice."""
    emails = pending_digest_emails()
    for email in emails:
        send_feedback_digest.enqueue(email)
    return len(emails)
