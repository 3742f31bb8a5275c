"""The whole-page cache (core.page_cache), exercised through real public pages: one audience only
(anonymous, no cookies but the CSRF and language ones, canonical addresses), headers a proxy can
use, expiry at the moments a page changes by time alone, and every attempt to poison it — odd
hosts, query strings, Accept-Language values, cookies — answered without a cached page for
another audience."""

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dialogportal.accounts.models import Role
from dialogportal.core.models import PublicVersion
from dialogportal.core.page_cache import CACHE_ALIAS
from dialogportal.processes.models import PhaseKind, Process
from dialogportal.processes.services import add_phase, create_process
from tests.dialogmeetings.builders import make_meeting
from tests.factories import first_area, make_input, make_process, make_staff, publish

# transaction=True: on PostgreSQL the version is bumped at commit (deferred triggers).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _version_row() -> None:
    PublicVersion.objects.get_or_create(pk=1)


@pytest.fixture
def process() -> Process:
    process = make_process(slug="byen")
    item = make_input(process, text="Flere bænke ved åen, tak for ordet.")
    publish(item)
    return process


def _entries() -> int:
    store: Any = caches[CACHE_ALIAS]
    return len(store._cache)  # LocMemCache in tests (PAGE_CACHE_URL in tests/django_env.py)


def _area_path(process: Process) -> str:
    return f"/processer/{process.slug}/fokus/{first_area(process).slug}/"


def test_the_second_anonymous_view_reads_only_the_version(process: Process) -> None:
    client = Client()
    path = _area_path(process)
    first = client.get(path)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path)
    assert second.content == first.content
    tables = {t for q in queries.captured_queries for t in re.findall(r'FROM "(\w+)"', q["sql"])}
    assert tables <= {"core_publicversion"}


def test_a_public_page_tells_a_proxy_to_keep_it_but_ask_every_time(process: Process) -> None:
    client = Client()
    for _ in range(2):  # rendered, then from the cache: the same headers
        response = client.get(f"/processer/{process.slug}/")
        assert response.status_code == 200
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert directives == {"public", "no-cache"}
        assert "Cookie" in response["Vary"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
        assert "Set-Cookie" not in response


def test_a_client_with_the_current_etag_gets_304_and_after_a_change_the_new_page(
    process: Process,
) -> None:
    client = Client()
    path = _area_path(process)
    etag = client.get(path)["ETag"]
    not_modified = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    publish(make_input(process, text="Et nyt offentligt input om stier, tak."))
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Et nyt offentligt input om stier" in changed.content.decode()
    assert changed["ETag"] != etag


def test_staff_never_get_the_anonymous_page_and_never_fill_the_cache(process: Process) -> None:
    path = f"/processer/{process.slug}/"
    anonymous = Client()
    assert "For medarbejdere" not in anonymous.get(path).content.decode()
    stored = _entries()
    staff = Client()
    staff.force_login(make_staff("leder", Role.PROCESS_MANAGER))
    for _ in range(2):
        response = staff.get(path)
        assert "For medarbejdere" in response.content.decode()
        assert "private" in response["Cache-Control"]
    assert _entries() == stored
    caches[CACHE_ALIAS].clear()
    staff.get(path)  # a staff page first: still nothing stored, and the public sees no staff links
    assert _entries() == 0
    assert "For medarbejdere" not in anonymous.get(path).content.decode()


@pytest.mark.parametrize(
    "cookies",
    [
        {"sessionid": "ikke-en-rigtig-session"},
        {"messages": "noget"},
        {"sporing": "1"},
        {"csrftoken": "for-kort"},  # malformed: the answer sets a new one
        {"csrftoken": "a" * 32, "sessionid": "x"},
    ],
    ids=["session", "messages", "unknown", "bad-csrf", "csrf-and-session"],
)
def test_a_request_with_other_cookies_is_rendered_for_itself_and_stores_nothing(
    process: Process, cookies: dict[str, str]
) -> None:
    client = Client()
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get(_area_path(process))
    assert response.status_code == 200
    assert "Flere bænke ved åen" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert _entries() == 0


def test_the_csrf_and_language_cookies_share_the_anonymous_page(process: Process) -> None:
    plain = Client().get(_area_path(process))
    client = Client()
    client.cookies["csrftoken"] = "a" * 32
    client.cookies["django_language"] = "en"
    response = client.get(_area_path(process))
    assert response.content == plain.content
    assert 'lang="da"' in response.content.decode()  # the address decides the language
    assert _entries() == 1


@pytest.mark.parametrize(
    "accept_language",
    ["en", "en-US,en;q=0.9", "xx-ØÆÅ;q=nonsense", "*", "de" * 5000, "da, <script>"],
)
def test_accept_language_never_changes_the_cached_page_or_adds_entries(
    process: Process, accept_language: str
) -> None:
    plain = Client().get(_area_path(process))
    response = Client().get(_area_path(process), HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    assert response.content == plain.content
    assert _entries() == 1


def test_the_danish_and_english_pages_are_two_entries(process: Process) -> None:
    danish = Client().get(f"/processer/{process.slug}/").content.decode()
    english = Client().get(f"/en/processer/{process.slug}/").content.decode()
    assert 'lang="da"' in danish
    assert 'lang="en"' in english
    assert _entries() == 2
    assert Client().get(f"/processer/{process.slug}/").content.decode() == danish


@pytest.mark.parametrize(
    "query",
    [
        "side=01",
        "side=1&side=2",
        "side=abc",
        "side=",
        "side=-1",
        "side=1234567",
        "x=1",
        "side=1&naeste=https://ondt.example/",
        "naeste=%3Cscript%3E&side=1",
        "%73ide=1",
        "side=1&",
    ],
)
def test_an_odd_query_string_is_rendered_without_the_cache_and_never_reaches_others(
    process: Process, query: str
) -> None:
    odd = Client().get(f"{_area_path(process)}?{query}")
    assert odd.status_code == 200
    assert "private" in odd["Cache-Control"]
    assert _entries() == 0
    clean = Client().get(_area_path(process)).content.decode()
    assert "ondt.example" not in clean
    assert "script" not in clean.split("</head>")[1].lower().replace("<script", "")


def test_a_canonical_page_number_is_cached_under_its_own_address(process: Process) -> None:
    client = Client()
    assert client.get(f"{_area_path(process)}?side=1").status_code == 200
    assert client.get(_area_path(process)).status_code == 200
    assert _entries() == 2


def test_a_disallowed_host_is_refused_and_stores_nothing(process: Process) -> None:
    response = Client().get(_area_path(process), HTTP_HOST="ondt.example")
    assert response.status_code == 400
    assert _entries() == 0


def test_each_allowed_host_has_its_own_entry(process: Process) -> None:
    for host in ("localhost", "127.0.0.1", "testserver"):
        assert Client().get(_area_path(process), HTTP_HOST=host).status_code == 200
    assert _entries() == 3


@pytest.mark.parametrize("method", ["head", "post", "options"])
def test_other_methods_are_never_served_from_or_stored_in_the_cache(
    process: Process, method: str
) -> None:
    Client().get(_area_path(process))
    stored = _entries()
    response = getattr(Client(), method)(_area_path(process))
    assert "public" not in response.get("Cache-Control", "")
    assert _entries() == stored


def _form_values(page: bytes) -> tuple[str, str]:
    html = page.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    key = re.search(r'name="submission_key" value="(\w+)"', html)
    assert token is not None
    assert key is not None
    return token.group(1), key.group(1)


def test_a_page_with_a_form_is_stored_once_and_every_visitor_gets_an_own_token_and_key(
    process: Process,
) -> None:
    meeting = make_meeting(process)  # registration open: the page holds the form
    tokens, keys = set(), set()
    for _ in range(3):
        response = Client().get(f"/dialogmoeder/{meeting.pk}/")
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert "dphole" not in response.content.decode()
        token, key = _form_values(response.content)
        tokens.add(token)
        keys.add(key)
        assert response.cookies["csrftoken"].value  # the token's secret, for this visitor
    assert len(keys) == 3  # a shared one-time key would turn a registration into a duplicate
    assert len(tokens) == 3
    assert _entries() == 1


def test_a_visitor_registers_with_the_token_and_key_of_a_cached_page(process: Process) -> None:
    meeting = make_meeting(process)
    Client().get(f"/dialogmoeder/{meeting.pk}/")  # someone else filled the cache
    visitor = Client(enforce_csrf_checks=True)
    token, key = _form_values(visitor.get(f"/dialogmoeder/{meeting.pk}/").content)
    form = {
        "csrfmiddlewaretoken": token,
        "submission_key": key,
        "name": "Søren Ærø",
        "email": "",
        "postcode": "8981",
        "contributor_type": "citizen",
        "party_size": "1",
        "accept_privacy": "on",
    }
    response = visitor.post(f"/dialogmoeder/{meeting.pk}/", form)
    assert response.status_code == 302
    assert meeting.registrations.count() == 1
    # Another browser cannot post with this visitor's token.
    stranger = Client(enforce_csrf_checks=True)
    stranger.get(f"/dialogmoeder/{meeting.pk}/")
    assert stranger.post(f"/dialogmoeder/{meeting.pk}/", form).status_code == 403
    assert meeting.registrations.count() == 1


def test_a_visitors_own_token_never_reaches_the_stored_page(process: Process) -> None:
    meeting = make_meeting(process)
    first = Client().get(f"/dialogmoeder/{meeting.pk}/")
    token, key = _form_values(first.content)
    stored = next(iter(caches[CACHE_ALIAS]._cache.values()))  # type: ignore[attr-defined]
    assert token.encode() not in stored
    assert key.encode() not in stored


def test_a_cached_page_expires_when_a_phase_opens() -> None:
    now = timezone.now()
    process = create_process(slug="snart", title="Snart åben", is_published=True)
    add_phase(
        process=process,
        kind=PhaseKind.INFORMATION,
        title="Hvidbog",
        starts_at=now - timedelta(days=3),
        ends_at=now + timedelta(seconds=20),
    )
    add_phase(
        process=process,
        kind=PhaseKind.INPUT,
        title="Dialog",
        starts_at=now + timedelta(seconds=20),
        ends_at=now + timedelta(days=30),
    )
    path = f"/processer/{process.slug}/"
    with time_machine.travel(now, tick=False):
        before = Client().get(path).content.decode()
        assert "Processen er åben for input" not in before
        assert Client().get(path).content.decode() == before  # from the cache
    # Well within PUBLIC_PAGE_CACHE_SECONDS: only the phase's start can end the entry.
    with time_machine.travel(now + timedelta(seconds=21), tick=False):
        assert "Processen er åben for input" in Client().get(path).content.decode()


@pytest.mark.parametrize(
    "header", ["X-Forwarded-Host", "X-Forwarded-Server", "Forwarded", "X-Original-URL"]
)
def test_a_forwarded_host_header_neither_reaches_the_page_nor_gets_its_own_entry(
    process: Process, header: str
) -> None:
    forged = Client().get(_area_path(process), headers={header: "ondt.example"})
    assert forged.status_code == 200
    assert "ondt.example" not in forged.content.decode()
    clean = Client().get(_area_path(process))
    assert clean.content == forged.content
    assert _entries() == 1


def test_a_forged_session_cookie_is_rendered_for_itself_and_stores_nothing(
    process: Process,
) -> None:
    forged = Client()
    forged.cookies["sessionid"] = "forfalsket"
    response = forged.get(_area_path(process))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert _entries() == 0


def test_an_etag_from_another_page_gets_the_page_not_a_304(process: Process) -> None:
    other = Client().get(f"/processer/{process.slug}/")
    response = Client().get(_area_path(process), HTTP_IF_NONE_MATCH=other["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != other["ETag"]
