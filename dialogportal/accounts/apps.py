from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dialogportal.accounts"
    label = "accounts"
    verbose_name = _("Brugere og roller")

    def ready(self) -> None:
        from django.core import checks

        from dialogportal.accounts.checks import check_no_demo_accounts
        from dialogportal.accounts.oidc import check_role_map
        from dialogportal.accounts.services import sync_roles_after_migrate

        checks.register(check_role_map, checks.Tags.security)
        checks.register(check_no_demo_accounts, checks.Tags.security, deploy=True)

        # Roles are data that depends on every app's permissions, so they are brought up to date
        # after each migrate, the way Django itself creates permissions.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")
