"""`check --deploy`: a production site must not keep the demo's accounts or its published
password (anyone who read the README could log in)."""

from typing import Any

from django.contrib.auth.hashers import check_password
from django.core import checks
from django.db import DatabaseError

from dialogportal.accounts.demo import DEMO_PASSWORD, DEMO_USERNAMES
from dialogportal.accounts.models import User


def check_no_demo_accounts(**kwargs: Any) -> list[checks.CheckMessage]:
    try:
        active = list(User.objects.filter(is_active=True).only("username", "password"))
    except DatabaseError:  # no database yet (a first deploy): nothing to find
        return []
    demo_named = sorted(u.username for u in active if u.username in DEMO_USERNAMES)
    demo_password = sorted(
        u.username
        for u in active
        if u.has_usable_password() and check_password(DEMO_PASSWORD, u.password)
    )
    found: list[checks.CheckMessage] = []
    if demo_named:
        found.append(
            checks.Error(
                "The demo accounts exist: " + ", ".join(demo_named) + ".",
                hint="A production site must not keep them: delete or deactivate them "
                "(dialogportal shell, or the admin site). load_demo refuses with DEBUG off.",
                id="accounts.E010",
            )
        )
    if demo_password:
        found.append(
            checks.Error(
                "Accounts with the published demo password: " + ", ".join(demo_password) + ".",
                hint="Set a new password for each (dialogportal changepassword USERNAME).",
                id="accounts.E011",
            )
        )
    return found
