from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from dialogportal.inputs.limits import prune_expired
from dialogportal.inputs.models import Input


@task()
def send_receipt_email(input_id: int) -> bool:
    """E-mail the contributor the private receipt link, once (a re-run sends nothing)."""
    with transaction.atomic():
        obj = (
            Input.objects.select_for_update(of=("self",))
            .select_related("process", "focus_area")
            .filter(pk=input_id)
            .first()
        )
        if obj is None or not obj.email or obj.receipt_emailed_at is not None:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "input": obj,
                "receipt_url": settings.SITE_URL + obj.get_receipt_url(),
                "municipality": settings.MUNICIPALITY_NAME,
            }
            subject = render_to_string("inputs/email/receipt_subject.txt", context).strip()
            body = render_to_string("inputs/email/receipt_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [obj.email])
        obj.receipt_emailed_at = timezone.now()
        obj.save(update_fields=["receipt_emailed_at"])
    return True


@task()
def prune_flood_counters() -> int:
    """Delete the flood-limit counters whose window has passed (settings.SCHEDULED_TASKS)."""
    return prune_expired()
