import re
import unicodedata
from collections.abc import Iterable, Mapping
from importlib import import_module
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from rest_framework.authtoken.models import Token

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
    # post_migrate fires once per app with models, in INSTALLED_APPS order, and each app's
    # permissions are created by its own signal: the roles are complete after the last one's.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if getattr(sender, "label", None) == with_models[-1].label:
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


@transaction.atomic
def issue_api_token(*, user: User) -> Token:
    """A fresh staff API token (the old one, if any, stops working): its lifetime starts now."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def revoke_api_tokens(*, user: User) -> int:
    """Revoke every API token of `user` (logout from the API, a lost laptop, a role removed)."""
    return int(Token.objects.filter(user=user).delete()[0])


class OIDCLoginRefusedError(Exception):
    """The identity provider vouched for someone this site will not log in; `reason` says why."""

    MISSING_SUBJECT = "missing_subject"
    DEACTIVATED = "deactivated"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Unicode categories never wanted in a name or an address: control and format characters (NUL,
# right-to-left overrides, zero-width characters), lone surrogates (no database stores them),
# private-use and unassigned code points.
_UNWANTED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_USERNAME_UNWANTED = re.compile(r"[^\w.@+-]")
_USERNAME_MAX = 140  # of 150: room for a "-NN" suffix
_FALLBACK_USERNAME = "medarbejder"


def _clean_text(value: object, *, max_length: int) -> str:
    if not isinstance(value, str):
        return ""
    # Bounded before any work: a claim may be megabytes long.
    text = unicodedata.normalize("NFC", value[: max_length * 4])
    text = " ".join(text.split())
    text = "".join(c for c in text if unicodedata.category(c) not in _UNWANTED_CATEGORIES)
    return text[:max_length].strip()


def _clean_email(value: object) -> str:
    email = _clean_text(value, max_length=254)
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


def _username_from(claims: Mapping[str, object]) -> str:
    preferred = _clean_text(claims.get("preferred_username"), max_length=_USERNAME_MAX * 2)
    # The raw claim, not the validated address: Django refuses non-ASCII local parts.
    email = _clean_text(claims.get("email"), max_length=254)
    for candidate in (preferred, email.partition("@")[0]):
        cleaned = _USERNAME_UNWANTED.sub("", unicodedata.normalize("NFKC", candidate))
        if cleaned:
            return cleaned[:_USERNAME_MAX]
    return _FALLBACK_USERNAME


def _free_username(base: str) -> str:
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


def _claimed_groups(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {group for group in value if isinstance(group, str)}
    return set()


def _roles(values: Iterable[object]) -> set[Role]:
    return {Role(value) for value in values if isinstance(value, str) and value in Role.values}


@transaction.atomic
def sign_in_with_oidc(
    *, claims: Mapping[str, object], groups_claim: str, role_map: Mapping[str, Role]
) -> User:
    """The user the identity provider vouches for, found by its `sub` claim (and created at the
    first login), with name, e-mail and the roles its groups map to brought up to date."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject or len(subject) > 255:
        raise OIDCLoginRefusedError(OIDCLoginRefusedError.MISSING_SUBJECT)
    if not subject.isprintable():
        raise OIDCLoginRefusedError(OIDCLoginRefusedError.MISSING_SUBJECT)

    user = User.objects.select_for_update().filter(oidc_subject=subject).first()
    if user is not None and not user.is_active:
        raise OIDCLoginRefusedError(OIDCLoginRefusedError.DEACTIVATED)

    email = _clean_email(claims.get("email"))
    full_name = _clean_text(claims.get("name"), max_length=200) or _clean_text(
        f"{_clean_text(claims.get('given_name'), max_length=100)} "
        f"{_clean_text(claims.get('family_name'), max_length=100)}",
        max_length=200,
    )
    if user is None:
        user = User(username=_free_username(_username_from(claims)), oidc_subject=subject)
        user.set_unusable_password()
        held: set[Role] = set()
    else:
        held = _roles(user.groups.values_list("name", flat=True))
    # A claim left out keeps what we know; one that is sent is the identity provider's word.
    if full_name:
        user.full_name = full_name
    if email:
        user.email = email

    groups = _claimed_groups(claims.get(groups_claim))
    mapped = {role_map[group] for group in groups if group in role_map}
    taken_away = _roles(user.oidc_roles) - mapped
    held = (held - taken_away) | mapped
    user.oidc_roles = sorted(role.value for role in mapped)
    user.is_staff = user.is_superuser or bool(ADMIN_SITE_ROLES.intersection(held))
    user.full_clean()
    user.save()
    user.groups.remove(*Group.objects.filter(name__in=[role.value for role in taken_away]))
    user.groups.add(*Group.objects.filter(name__in=[role.value for role in mapped]))
    return user
