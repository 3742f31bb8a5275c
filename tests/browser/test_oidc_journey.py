import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from dialogportal.accounts.models import Role, User
from tests.accounts.oidc_fake import FakeIdentityProvider, running_provider
from tests.browser_support import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def oidc(settings: Any) -> Iterator[FakeIdentityProvider]:
    with running_provider() as provider:
        for name, value in provider.settings().items():
            setattr(settings, name, value)
        yield provider


def test_employee_logs_in_with_the_municipalitys_login(
    page: Any, live_server: Any, oidc: FakeIdentityProvider
) -> None:
    oidc.claims = {
        "sub": "browser-aase",
        "preferred_username": "aase",
        "name": "Åse Ørnsø",
        "email": "aase@randers.example",
        "groups": ["DP-Moderatorer"],
    }
    page.goto(live_server.url + "/konto/login/?next=/udvalg/")
    button = page.get_by_role("link", name="Log ind med Randers Login")
    expect(button).to_be_visible()
    assert_accessible(page)

    button.click()
    expect(page).to_have_url(re.compile(r"/udvalg/$"))
    expect(page.get_by_role("button", name="Log ud (Åse Ørnsø)")).to_be_visible()
    assert oidc.requests_seen[0] == "/authorize"
    assert User.objects.get(oidc_subject="browser-aase").has_role(Role.MODERATOR)


def test_failed_login_page_is_accessible(
    page: Any, live_server: Any, oidc: FakeIdentityProvider
) -> None:
    page.goto(live_server.url + "/oidc/callback/?error=access_denied")
    expect(page.get_by_role("heading", level=1)).to_have_text("Login mislykkedes")
    expect(page.get_by_role("link", name="Prøv at logge ind igen")).to_be_visible()
    assert_accessible(page)
