"""A production site cannot be given demo accounts by mistake, and `check --deploy` fails while
it has them (issue 16: load_demo had no guard, and check --deploy was silent)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError

from dialogportal.accounts.checks import check_no_demo_accounts
from dialogportal.accounts.demo import DEMO_PASSWORD
from dialogportal.accounts.models import Role, User
from dialogportal.accounts.services import create_staff_user

pytestmark = pytest.mark.django_db


def test_load_demo_refuses_with_debug_off(settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=io.StringIO())
    assert not User.objects.exists()


def test_the_demo_command_forces_it(settings) -> None:
    from pathlib import Path

    cli = (Path(__file__).resolve().parents[2] / "dialogportal" / "cli.py").read_text()
    assert 'call_command("load_demo", force=True)' in cli


def test_the_deploy_check_fails_on_demo_accounts_and_the_demo_password() -> None:
    assert check_no_demo_accounts() == []
    create_staff_user(
        username="moderator",
        password="et-andet-kodeord-9",
        full_name="M",
        email="m@example.invalid",
        roles=[Role.MODERATOR],
    )
    create_staff_user(
        username="jens",
        password=DEMO_PASSWORD,
        full_name="J",
        email="j@example.invalid",
        roles=[Role.PROCESS_MANAGER],
    )
    found = {message.id: message.msg for message in check_no_demo_accounts()}
    assert "moderator" in found["accounts.E010"]
    assert "jens" in found["accounts.E011"]
    with pytest.raises(SystemCheckError):
        call_command("check", "--deploy", "--fail-level", "ERROR", stdout=io.StringIO())


def test_a_deactivated_demo_account_passes() -> None:
    user = create_staff_user(
        username="admin",
        password=DEMO_PASSWORD,
        full_name="A",
        email="a@example.invalid",
        roles=[Role.ADMINISTRATOR],
    )
    user.is_active = False
    user.save()
    assert check_no_demo_accounts() == []
