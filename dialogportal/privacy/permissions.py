"""The roles' permissions on personal data, derived from `matrix.MATRIX` (the one place that
says who may see, export or erase it); `accounts.services.sync_roles` merges them with every
other app's."""

from dialogportal.accounts.models import Role
from dialogportal.privacy.matrix import role_permissions

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = role_permissions()
