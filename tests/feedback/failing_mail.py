"""An e-mail backend whose server is down (a stand-in for SMTP, not for our code)."""

from collections.abc import Sequence
from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage


class DownBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise SMTPServerDisconnected("Connection unexpectedly closed")
