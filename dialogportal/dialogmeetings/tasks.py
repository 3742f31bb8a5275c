from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks import task

from dialogportal.dialogmeetings.models import Registration


@task()
def send_registration_link(registration_id: int, already_registered: bool) -> bool:
    """E-mail a registrant the private link to their registration. The page never shows it when
    an e-mail was given: only the address's owner can see or cancel the registration. One
    e-mail per request: the row is locked and one of its `link_emails_due` taken with the send,
    so a re-run sends nothing more (at-least-once only between the send and the commit, as the
    input receipt)."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .filter(pk=registration_id, link_emails_due__gt=0)
            .first()
        )
        if registration is None or not registration.email:
            return False  # sent already, cancelled or anonymised meanwhile
        meeting = registration.meeting
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "meeting": meeting,
                "starts_at": date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT"),
                "receipt_url": settings.SITE_URL + registration.get_receipt_url(),
                "municipality": settings.MUNICIPALITY_NAME,
                "already_registered": already_registered,
            }
            subject = render_to_string("dialogmeetings/email/registration_subject.txt", context)
            body = render_to_string("dialogmeetings/email/registration_body.txt", context)
        send_mail(subject.strip(), body, settings.DEFAULT_FROM_EMAIL, [registration.email])
        registration.link_emails_due -= 1
        registration.save(update_fields=["link_emails_due"])
    return True
