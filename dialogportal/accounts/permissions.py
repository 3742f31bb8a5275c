"""Which permissions each staff role carries. Apps add their codenames here as they arrive;
`sync_roles` makes the groups match after every migrate."""

from dialogportal.accounts.models import Role

# "app_label.codename"; a codename that does not exist (yet) is skipped, not an error, so a role
# can name permissions of an app before its first migration has run.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.ADMINISTRATOR: ("*",),
    Role.PROCESS_MANAGER: (
        "processes.add_process",
        "processes.change_process",
        "processes.view_process",
        "processes.add_phase",
        "processes.change_phase",
        "processes.delete_phase",
        "processes.view_phase",
        "processes.add_focusarea",
        "processes.change_focusarea",
        "processes.delete_focusarea",
        "processes.view_focusarea",
    ),
    Role.MODERATOR: (
        "processes.view_process",
        "processes.view_phase",
        "processes.view_focusarea",
    ),
    Role.COMMITTEE_SECRETARY: ("processes.view_process",),
}

# Roles that may use Django's admin site.
ADMIN_SITE_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROCESS_MANAGER})
