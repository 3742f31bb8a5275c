from collections.abc import Callable

from dialogportal.accounts.models import Role
from dialogportal.accounts.services import create_staff_user, sync_roles

# Demo accounts only: printed by `dialogportal demo`, never created in production.
DEMO_PASSWORD = "demo-dialog-2025"  # noqa: S105 - a published demo password
DEMO_ACCOUNTS: tuple[tuple[str, str, Role], ...] = (
    ("admin", "Anna Administrator", Role.ADMINISTRATOR),
    ("proces", "Peter Procesleder", Role.PROCESS_MANAGER),
    ("moderator", "Mette Moderator", Role.MODERATOR),
    ("sekretaer", "Søren Sekretær", Role.COMMITTEE_SECRETARY),
)


# Every account any demo step creates (organisation.demo adds the committee people). The deploy
# check (accounts.checks) refuses a production site that has one of them.
DEMO_USERNAMES = frozenset(
    {*(username for username, _name, _role in DEMO_ACCOUNTS), "formand", "naestformand"}
)


def load(*, log: Callable[[str], None]) -> None:
    sync_roles()
    for username, full_name, role in DEMO_ACCOUNTS:
        create_staff_user(
            username=username,
            password=DEMO_PASSWORD,
            full_name=full_name,
            email=f"{username}@demo.invalid",
            roles=[role],
        )
    log("Demo accounts (password for all: " + DEMO_PASSWORD + "):")
    for username, full_name, role in DEMO_ACCOUNTS:
        log(f"  {username:<10} {full_name} – {role.label}")
