from importlib import import_module
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from dialogportal.accounts.models import Role, User
from dialogportal.accounts.permissions import ADMIN_SITE_ROLES


def declared_role_permissions() -> dict[Role, set[str]]:
    """Every app's `permissions.ROLE_PERMISSIONS`, merged: each bounded context declares what
    the roles may do with its own models."""
    merged: dict[Role, set[str]] = {role: set() for role in Role}
    for config in apps.get_app_configs():
        if not config.name.startswith("dialogportal."):
            continue
        try:
            module = import_module(f"{config.name}.permissions")
        except ModuleNotFoundError:
            continue
        for role, codenames in getattr(module, "ROLE_PERMISSIONS", {}).items():
            merged[role].update(codenames)
    return merged


@transaction.atomic
def sync_roles() -> dict[str, int]:
    """Make each role's group exist and carry exactly the permissions declared for it."""
    counts: dict[str, int] = {}
    declared = declared_role_permissions()
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = declared[role]
        if "*" in wanted:
            permissions = list(Permission.objects.all())
        else:
            permissions = []
            for dotted in wanted:
                app_label, codename = dotted.split(".", 1)
                permissions.extend(
                    Permission.objects.filter(content_type__app_label=app_label, codename=codename)
                )
        group.permissions.set(permissions)
        counts[role.value] = len(permissions)
    return counts


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    # post_migrate fires once per app, in INSTALLED_APPS order, and each app's permissions are
    # created by its own signal: the roles can only be complete after the last app's.
    if getattr(sender, "label", None) == list(apps.get_app_configs())[-1].label:
        sync_roles()


@transaction.atomic
def create_staff_user(
    *, username: str, password: str, full_name: str, email: str, roles: list[Role]
) -> User:
    """Create a staff account with the given roles (or return the existing one unchanged)."""
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        is_staff=bool(ADMIN_SITE_ROLES.intersection(roles)),
        is_superuser=Role.ADMINISTRATOR in roles,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.set(Group.objects.filter(name__in=[role.value for role in roles]))
    return user
