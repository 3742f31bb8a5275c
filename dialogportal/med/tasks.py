"""Background work of the MED app. Services enqueue these on commit; the e-mails themselves are
written in `notifications.py`."""

from django.utils import timezone
from django_tasks import task

from dialogportal.med import notifications


@task()
def send_hearing_notice(hearing_id: int) -> int:
    """E-mail the parts of a new hearing. Returns the number of e-mails sent."""
    return notifications.send_hearing_notice(hearing_id)


@task()
def send_withdrawal_notice(cascade_id: int) -> int:
    """E-mail the receiver of a withdrawn item."""
    return notifications.send_withdrawal_notice(cascade_id)


@task()
def send_due_hearing_reminders() -> int:
    """The daily sweep (settings.SCHEDULED_TASKS): a reminder to every part without an approved
    answer, `MED_HEARING_REMINDER_DAYS` before the deadline. Idempotent: each reminder is
    recorded once per part and day count."""
    sent = 0
    for part, days_before in notifications.due_reminders(timezone.localdate()):
        sent += notifications.send_reminder(part, days_before)
    return sent
