"""Every page and API endpoint of the project, rendered for staff with known e-mails, phone
numbers and an IP address planted in the data: each answer that shows one of them must have
written an access-log row. The URLs are read from the URL configuration, so a new view that
shows contact data without logging fails here without anyone listing it."""

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from dialogportal.accounts.models import AccessLog
from dialogportal.accounts.services import issue_api_token
from dialogportal.privacy.matrix import Audience
from tests.privacy import scenario

pytestmark = pytest.mark.django_db

# Not rendered here, with the reason.
SKIPPED_NAMESPACES = {
    "admin": "Django's admin registers no model with contributors' contact data "
    "(see test_the_admin_shows_no_contributor_contact_data)",
}
SKIPPED_NAMES = {"password_reset_confirm": "a one-time link for a staff account's own password"}
FORMATS = ("csv", "xlsx", "pdf", "docx", "html", "json")


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str | None = None
) -> Iterator[tuple[str | None, str, str | None]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(
                pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace
            )
        else:
            yield namespace, prefix + str(pattern.pattern), pattern.name


def _paths(made: scenario.Scenario) -> Iterator[str]:
    """Every URL with its parameters filled from the scenario (several fillings per URL)."""
    ints = sorted(
        {
            made.pending.pk,
            made.published.pk,
            made.committee_input.pk,
            made.pending.attachments.get().pk,
            made.meeting.pk,
            made.registration.pk,
        }
    )
    pools: dict[str, list[str]] = {
        "int": [str(n) for n in ints],
        "slug": [made.pending.process.slug, made.committee.slug, "omraade-1"],
        "token": [made.pending.receipt_token, made.registration.token],
        "str": list(FORMATS),
    }
    import re

    parameter = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")
    for namespace, route, name in _patterns(get_resolver().url_patterns):
        if namespace in SKIPPED_NAMESPACES or name in SKIPPED_NAMES:
            continue
        route = route.lstrip("^").rstrip("$")
        if "(?P" in route or "\\" in route:
            continue  # regex routes: only static files and i18n, which show no data
        found = list(parameter.finditer(route))
        choices = [pools.get(m["kind"] or "str", pools["str"]) for m in found]
        for values in itertools.islice(itertools.product(*choices), 40):
            path = route
            for match, value in zip(found, values, strict=True):
                path = path.replace(match.group(0), value, 1)
            yield "/" + path


def _body(response: Any) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", "replace")


@pytest.mark.parametrize("audience", [Audience.ADMINISTRATOR, Audience.PROCESS_MANAGER])
def test_every_answer_that_shows_contact_data_wrote_an_access_log_row(
    audience: Audience,
) -> None:
    made = scenario.build()
    client = scenario.client_for(audience, made)
    token = issue_api_token(user=made.users[audience])
    headers = {"Authorization": f"Token {token.key}"}
    shown, unlogged = [], []
    for path in sorted(set(_paths(made))):
        before = AccessLog.objects.count()
        response = client.get(path, headers=headers if path.startswith("/api/") else {})
        if response.status_code != 200:
            continue
        body = _body(response)
        if not any(value in body for value in scenario.CONTACT_DATA):
            continue
        shown.append(path)
        if AccessLog.objects.count() == before:
            unlogged.append(path)
    assert unlogged == []
    # The test really looked: contact data shows on the pages the matrix gives it to.
    assert any(path.startswith("/medarbejder/input/") for path in shown), shown
    assert any(path.startswith("/api/v1/staff/inputs") for path in shown), shown
    assert any(path.startswith("/medarbejder/dialogmoeder/") for path in shown), shown


def test_the_admin_shows_no_contributor_contact_data() -> None:
    from django.contrib import admin

    from dialogportal.dialogmeetings.models import Registration
    from dialogportal.feedback.models import NotificationDigest, NotificationPreference
    from dialogportal.inputs.models import Attachment, Input

    registered = set(admin.site._registry)
    for model in (Input, Attachment, Registration, NotificationPreference, NotificationDigest):
        assert model not in registered, model
