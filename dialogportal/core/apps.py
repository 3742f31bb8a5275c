from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "dialogportal.core"
    label = "core"
    verbose_name = "Dialogportal"

    def ready(self) -> None:
        from dialogportal.core.checks import check_task_backend
        from dialogportal.core.public_version import install_after_migrate

        checks.register(check_task_backend)
        # The public-version triggers cover every table, also those later migrations add, and
        # SQLite drops a table's triggers when Django rebuilds it: so they are brought up to
        # date after each migrate (core's signal fires once, after all migrations ran).
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="core.public_version")
