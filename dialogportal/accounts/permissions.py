"""Staff roles and the admin site. Each app declares what the roles may do with its own models in
its `permissions.ROLE_PERMISSIONS`; `services.sync_roles` merges them after every migrate."""

from dialogportal.accounts.models import Role

# "app_label.codename"; "*" means every permission. A codename that does not exist (yet) is
# skipped, so a role can name permissions of an app before its first migration has run.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.ADMINISTRATOR: ("*",),
}

# Roles that may use Django's admin site.
ADMIN_SITE_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROCESS_MANAGER})
