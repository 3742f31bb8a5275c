import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from dialogportal.accounts.models import Role
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_after_migrate() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}


def test_roles_carry_their_permissions() -> None:
    manager = make_staff("peter", Role.PROCESS_MANAGER)
    moderator = make_staff("mette", Role.MODERATOR)
    assert manager.has_perm("processes.change_process")
    assert not moderator.has_perm("processes.change_process")
    assert moderator.has_perm("processes.view_process")


def test_login_page_is_danish_and_logs_staff_in(client: Client) -> None:
    make_staff("mette", Role.MODERATOR)
    page = client.get("/konto/login/")
    assert "Log ind" in page.text
    response = client.post("/konto/login/", {"username": "mette", "password": "pw-for-tests-123"})
    assert response.status_code == 302


def test_wrong_password_gets_a_clear_message(client: Client) -> None:
    make_staff("mette", Role.MODERATOR)
    response = client.post("/konto/login/", {"username": "mette", "password": "forkert"})
    assert response.status_code == 200
    assert "korrekt" in response.text  # Django's Danish message: "Indtast venligst et korrekt …"


def test_password_reset_sends_an_email(client: Client) -> None:
    make_staff("mette", Role.MODERATOR)
    response = client.post("/konto/password-reset/", {"email": "mette@example.invalid"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/konto/password-reset/" in mail.outbox[0].body


def test_admin_is_for_administrators(client: Client) -> None:
    admin = make_staff("anna", Role.ADMINISTRATOR)
    moderator = make_staff("mette", Role.MODERATOR)
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 302
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


def test_roles_carry_permissions_of_apps_migrated_after_accounts() -> None:
    # The test database is built by migrate alone: no demo loader has synced the roles.
    from django.contrib.auth.models import Group

    moderator = Group.objects.get(name=Role.MODERATOR.value)
    assert moderator.permissions.filter(content_type__app_label="moderation").exists()
