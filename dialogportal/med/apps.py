from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedConfig(AppConfig):
    name = "dialogportal.med"
    label = "med"
    verbose_name = _("MED-systemet: videregivelse og høring")
