"""The front page and a process's page are cached for anonymous visitors (core.page_cache): the
count of published inputs follows every moderation act at once, and a process taken offline
leaves the front page and its own page at once."""

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.core.models import PublicVersion
from dialogportal.moderation.services.decisions import hide_input
from dialogportal.processes.models import Process
from tests.factories import make_input, make_process, make_staff, publish

# transaction=True: on PostgreSQL the version is bumped at commit (deferred triggers).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _version_row() -> None:
    PublicVersion.objects.get_or_create(pk=1)


def _twice(path: str) -> tuple[int, str]:
    first, second = Client().get(path), Client().get(path)
    assert second.status_code == first.status_code
    return second.status_code, second.content.decode()


def test_the_count_of_published_inputs_follows_a_hidden_input_at_once() -> None:
    process = make_process(slug="byen")
    item = make_input(process, text="Flere bænke ved åen, tak for ordet.")
    publish(item)
    assert "1 offentliggjort input" in _twice("/processer/byen/")[1]
    assert "1 published input" in _twice("/en/processer/byen/")[1]
    hide_input(item=item, acting_user=make_staff("mod", Role.MODERATOR))
    assert "0 offentliggjorte input" in _twice("/processer/byen/")[1]
    assert "0 published inputs" in _twice("/en/processer/byen/")[1]


def test_a_process_taken_offline_leaves_the_cached_pages_at_once() -> None:
    make_process(slug="byen", title="Fremtidens Byen")
    assert "Fremtidens Byen" in _twice("/")[1]
    assert _twice("/processer/byen/")[0] == 200
    Process.objects.filter(slug="byen").update(is_published=False)
    assert "Fremtidens Byen" not in _twice("/")[1]
    assert _twice("/processer/byen/")[0] == 404
