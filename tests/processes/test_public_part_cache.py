"""The public part of the focus-area page is cached under a public version that the database
bumps on every write that can change it – also writes that bypass our services
(`QuerySet.update()`, as moderation's redaction and retention do). A cached page must never show
redacted, hidden or unpublished data."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dialogportal.core.models import PublicVersion
from dialogportal.inputs.models import Attachment, Input, ModerationState
from dialogportal.processes.models import Process
from tests.factories import PDF_BYTES, first_area, make_input, make_process, publish

# transaction=True: on PostgreSQL the version is bumped at commit (deferred triggers).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _version_row_and_empty_cache() -> None:
    PublicVersion.objects.get_or_create(pk=1)
    cache.clear()


def _page(client: Client, process: Process, query: str = "") -> str:
    area = first_area(process)
    response = client.get(f"/processer/{process.slug}/fokus/{area.slug}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _published(process: Process, text: str, **overrides: object) -> Input:
    item = make_input(process, text=text, **overrides)
    publish(item)
    return item


def test_the_second_view_of_an_unchanged_page_reads_no_inputs() -> None:
    process = make_process()
    _published(process, "Flere bænke ved åen, tak for ordet.")
    client = Client()
    assert "Flere bænke ved åen" in _page(client, process)
    with CaptureQueriesContext(connection) as queries:
        assert "Flere bænke ved åen" in _page(client, process)
    assert not [q for q in queries.captured_queries if "inputs_input" in q["sql"]]


def test_a_pending_submission_does_not_change_the_version_but_publishing_does() -> None:
    process = make_process()
    before = PublicVersion.objects.get(pk=1).n
    item = make_input(process, text="Et nyt input, der venter på moderation.")
    assert PublicVersion.objects.get(pk=1).n == before
    publish(item)
    assert PublicVersion.objects.get(pk=1).n > before


def test_a_redaction_by_queryset_update_is_never_served_from_the_cache() -> None:
    process = make_process()
    item = _published(process, "Ring til Jens Hansen på 12345678 om stien.")
    client = Client()
    assert "12345678" in _page(client, process)
    Input.objects.filter(pk=item.pk).update(text="Ring til [fjernet] om stien.")
    page = _page(client, process)
    assert "12345678" not in page
    assert "[fjernet]" in page


def test_a_hidden_input_disappears_from_every_cached_page_and_language() -> None:
    process = make_process()
    item = _published(process, "Skjul mig senere, tak for ordet.")
    client = Client()
    assert "Skjul mig senere" in _page(client, process)
    assert "Skjul mig senere" in _page(client, process, "?side=1")
    english = client.get(f"/en/processer/{process.slug}/fokus/{first_area(process).slug}/")
    assert "Skjul mig senere" in english.content.decode()
    Input.objects.filter(pk=item.pk).update(moderation_state=ModerationState.HIDDEN)
    assert "Skjul mig senere" not in _page(client, process)
    assert "Skjul mig senere" not in _page(client, process, "?side=1")
    english = client.get(f"/en/processer/{process.slug}/fokus/{first_area(process).slug}/")
    assert "Skjul mig senere" not in english.content.decode()


def test_an_attachment_made_private_disappears_from_the_cached_page(tmp_path: Path) -> None:
    process = make_process()
    item = _published(process, "Se bilaget om cykelstien, tak.")
    attachment = Attachment(
        input=item, original_name="cykelsti-plan.pdf", content_type="application/pdf", size=10
    )
    attachment.file.save("x.pdf", ContentFile(PDF_BYTES), save=False)
    attachment.is_public = True
    attachment.save()
    client = Client()
    assert "cykelsti-plan.pdf" in _page(client, process)
    Attachment.objects.filter(pk=attachment.pk).update(is_public=False)
    assert "cykelsti-plan.pdf" not in _page(client, process)


def test_anonymisation_and_a_process_that_stops_showing_postcodes_reach_the_cached_page() -> None:
    process = make_process()
    _published(
        process,
        "Mit navn må gerne stå her, tak.",
        name="Karen Ødegård",
        consent_publish_name=True,
        postcode="8900",
    )
    client = Client()
    page = _page(client, process)
    assert "Karen Ødegård" in page
    assert "8900" in page
    Process.objects.filter(pk=process.pk).update(shows_postcode=False)
    assert "8900" not in _page(client, process)
    Input.objects.filter(process=process).update(is_anonymised=True)
    assert "Karen Ødegård" not in _page(client, process)


def test_without_the_version_row_nothing_is_cached_and_the_page_is_still_right() -> None:
    process = make_process()
    item = _published(process, "Uden version, men korrekt, tak.")
    PublicVersion.objects.all().delete()
    client = Client()
    assert "Uden version" in _page(client, process)
    Input.objects.filter(pk=item.pk).update(moderation_state=ModerationState.REJECTED)
    assert "Uden version" not in _page(client, process)


@pytest.mark.parametrize("side", ["0", "-1", "abc", "99999999999", "1%27%20OR%201=1", "２"])
def test_odd_page_numbers_answer_200_with_or_without_the_cache(side: str) -> None:
    process = make_process()
    _published(process, "Et input til siderne, tak for ordet.")
    assert "Et input til siderne" in _page(Client(), process, f"?side={side}")
