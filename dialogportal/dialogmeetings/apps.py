from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogMeetingsConfig(AppConfig):
    name = "dialogportal.dialogmeetings"
    label = "dialogmeetings"
    verbose_name = _("Dialogmøder")
