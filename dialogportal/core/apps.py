from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "dialogportal.core"
    label = "core"
    verbose_name = "Dialogportal"

    def ready(self) -> None:
        from dialogportal.core.checks import check_task_backend

        checks.register(check_task_backend)
