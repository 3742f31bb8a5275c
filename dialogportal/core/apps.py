from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dialogportal.core"
    label = "core"
    verbose_name = "Dialogportal"
