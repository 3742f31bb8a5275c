"""Every task is safe to run again: a worker that dies after the work but before the task row
is marked done makes the next worker call the task again with the same arguments
(docs/decisions/0003-task-leases.md). Each test below runs one task twice and finds the second
run changed nothing; the last test fails when a task is added without such a test."""

import pkgutil
from datetime import date, timedelta
from importlib import import_module
from pathlib import Path
from typing import Any

import httpx
import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

import dialogportal
from dialogportal.accounts.models import Role
from dialogportal.analysis.models import AnalysisRun, InputVector, RunStatus
from dialogportal.analysis.services import start_analysis_run
from dialogportal.analysis.tasks import (
    compute_all_input_vectors,
    compute_input_vectors,
    run_analysis,
)
from dialogportal.core.tasks import ping, prune_task_results
from dialogportal.dialogmeetings.models import Registration
from dialogportal.dialogmeetings.services import REGISTRATION_CONSENT_VERSION, register
from dialogportal.dialogmeetings.tasks import send_registration_link
from dialogportal.feedback import services as feedback
from dialogportal.feedback.tasks import send_feedback_digest, send_pending_feedback_digests
from dialogportal.indicators.models import Observation, SourceKind
from dialogportal.indicators.services import create_indicator, set_comparison_set
from dialogportal.indicators.tasks import refresh_all_indicators, refresh_one_indicator
from dialogportal.inputs.models import FloodCounter
from dialogportal.inputs.tasks import prune_flood_counters, send_receipt_email
from dialogportal.med.models import HearingPart, HearingReminder
from dialogportal.med.services import cascade_item, start_hearing, withdraw_cascade
from dialogportal.med.tasks import (
    send_due_hearing_reminders,
    send_hearing_notice,
    send_withdrawal_notice,
)
from dialogportal.meetings.exports import document_pdf_is_cached
from dialogportal.meetings.publication import build_document
from dialogportal.meetings.tasks import render_meeting_pdfs
from dialogportal.moderation.models import ModerationDecision, ScreeningResult
from dialogportal.moderation.tasks import screen_input
from dialogportal.organisation.services import save_committee
from dialogportal.privacy.models import RetentionRun
from dialogportal.privacy.tasks import apply_retention_daily
from dialogportal.processes.models import Process
from tests.analysis.builders import make_analysable_process, staff
from tests.dialogmeetings.builders import make_meeting
from tests.factories import make_input, make_process
from tests.feedback import builders as feedback_builders
from tests.med.builders import decided_item, future, med_tree, secretary_of
from tests.meetings.builders import approved_meeting
from tests.statbank.conftest import FakeStatBank

pytestmark = pytest.mark.django_db


def twice(task: Task[Any, Any], *args: Any) -> tuple[Any, Any]:
    return task.call(*args), task.call(*args)


def test_ping_twice_answers_twice() -> None:
    first, second = twice(ping, "hej")
    assert first["message"] == second["message"] == "hej"


def test_prune_task_results_twice_deletes_nothing_more() -> None:
    old, fresh = ping.enqueue(), ping.enqueue()
    DBTaskResult.objects.filter(pk=old.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=30)
    )
    others = set(DBTaskResult.objects.exclude(pk__in=[old.id, fresh.id]).values_list("pk"))
    twice(prune_task_results)
    # Only this test's rows are judged: rows another test left in this database (a transactional
    # test's worker, on PostgreSQL) are not this test's business.
    left = set(DBTaskResult.objects.values_list("pk")) - others
    assert {str(pk) for (pk,) in left} == {fresh.id}


def test_prune_flood_counters_twice_deletes_nothing_more() -> None:
    now = timezone.now()
    FloodCounter.objects.create(key="inputs:rate:192.0.2.1", value=2, expires_at=now)
    FloodCounter.objects.create(
        key="inputs:rate:192.0.2.2", value=1, expires_at=now + timedelta(hours=1)
    )
    assert twice(prune_flood_counters) == (1, 0)
    assert list(FloodCounter.objects.values_list("key", flat=True)) == ["inputs:rate:192.0.2.2"]


def test_screen_input_twice_screens_once_and_decides_once() -> None:
    process = make_process(slug="straks")
    Process.objects.filter(pk=process.pk).update(publishes_immediately=True)
    item = make_input(Process.objects.get(pk=process.pk), text="Flere bænke ved åen, tak.")
    twice(screen_input, item.pk)
    item.refresh_from_db()
    assert item.moderation_state == "published"
    assert ScreeningResult.objects.filter(input=item).count() == 1
    assert ModerationDecision.objects.filter(input=item).count() == 1


def test_send_receipt_email_twice_sends_one_e_mail() -> None:
    item = make_input(make_process(), email="borger@example.org")
    assert twice(send_receipt_email, item.pk) == (True, False)
    assert len(mail.outbox) == 1


def test_apply_retention_daily_twice_removes_the_data_once() -> None:
    process = make_process()
    item = make_input(process, email="karen@example.dk", name="Karen Blixen")
    Process.objects.filter(pk=process.pk).update(
        personal_data_removed_on=timezone.localdate() - timedelta(days=1)
    )
    first, second = twice(apply_retention_daily)
    assert first["inputs_anonymised"] == 1
    assert second["inputs_anonymised"] == 0
    item.refresh_from_db()
    assert (item.name, item.email) == ("", "")
    assert RetentionRun.objects.count() == 2


def test_apply_retention_daily_twice_anonymises_registrations_once() -> None:
    process = make_process()
    meeting = make_meeting(process)
    register(
        meeting=meeting,
        name="Søren Æblegård",
        email="s@example.dk",
        contributor_type="citizen",
        consent_text_version=REGISTRATION_CONSENT_VERSION,
    )
    Process.objects.filter(pk=process.pk).update(personal_data_removed_on=date(2020, 1, 1))
    first, second = twice(apply_retention_daily)
    assert (first["registrations_anonymised"], second["registrations_anonymised"]) == (1, 0)
    assert not Registration.objects.filter(email="s@example.dk").exists()


def test_send_feedback_digest_twice_sends_one_e_mail() -> None:
    process = feedback_builders.small_process()
    item = feedback_builders.contributed(
        process, text="Flere cykelstier, tak.", area_slug="omraade-1"
    )
    feedback.answer_input(item=item, status="used", text="Cykelstien bygges.", acting_user=None)
    mail.outbox.clear()
    twice(send_feedback_digest, feedback_builders.CONTRIBUTOR_EMAIL.lower())
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)  # the worker below runs what the task enqueued
def test_send_pending_feedback_digests_twice_still_sends_one_e_mail() -> None:
    process = feedback_builders.small_process()
    item = feedback_builders.contributed(
        process, text="Flere cykelstier, tak.", area_slug="omraade-1"
    )
    feedback.answer_input(item=item, status="used", text="Cykelstien bygges.", acting_user=None)
    call_command("run_worker", "--batch", "--interval", "0")  # the receipt e-mail
    mail.outbox.clear()
    twice(send_pending_feedback_digests)
    call_command("run_worker", "--batch", "--interval", "0")
    assert len(mail.outbox) == 1


def _statbank(settings: Any) -> FakeStatBank:
    fake = FakeStatBank()
    settings.STATBANK_TRANSPORT = httpx.MockTransport(fake.handle)
    settings.STATBANK_BACKOFF = 0
    fake.add_table("RAS200")
    return fake


def _employment_indicator() -> Any:
    process = make_process(slug="randers", areas=2)
    set_comparison_set(process=process, municipality_code="730", peer_codes=["751"])
    return create_indicator(
        process=process,
        slug="beskaeftigelse",
        name="Beskæftigelsesfrekvens",
        unit="pct.",
        source_kind=SourceKind.STATBANK,
        spec_key="employment_rate",
        focus_areas=list(process.focus_areas.all()),
    )


def test_refresh_all_indicators_twice_stores_the_observations_once(settings: Any) -> None:
    _statbank(settings)
    indicator = _employment_indicator()
    first, second = twice(refresh_all_indicators)
    assert first["changed"] == 1
    assert second["unchanged"] == 1
    assert Observation.objects.filter(indicator=indicator).count() == 3


def test_refresh_one_indicator_twice_stores_the_observations_once(settings: Any) -> None:
    _statbank(settings)
    indicator = _employment_indicator()
    assert twice(refresh_one_indicator, indicator.pk) == ("changed", "unchanged")
    assert Observation.objects.filter(indicator=indicator).count() == 3


def test_render_meeting_pdfs_twice_renders_into_the_cache_once() -> None:
    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting, _, _ = approved_meeting(council)
    first, second = twice(render_meeting_pdfs, meeting.pk)
    assert first == second == {"meeting_id": meeting.pk, "found": True}
    assert document_pdf_is_cached(build_document(meeting))


def test_run_analysis_twice_analyses_once() -> None:
    process = make_analysable_process()
    run = start_analysis_run(process=process, acting_user=staff(Role.PROCESS_MANAGER, "pm"))
    assert twice(run_analysis, run.pk) == (RunStatus.DONE, RunStatus.DONE)
    done = AnalysisRun.objects.get(pk=run.pk)
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        run_analysis.call(run.pk)
    assert AnalysisRun.objects.get(pk=run.pk).finished_at == done.finished_at


def test_compute_input_vectors_twice_stores_each_vector_once(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.ANALYSIS_EMBEDDING_BACKEND = "import:tests.core.slow_embeddings.SlowEmbeddings"
    monkeypatch.setenv("SLOW_EMBEDDINGS_SECONDS", "0")
    process = make_analysable_process()
    first, second = twice(compute_input_vectors, process.pk)
    assert twice(compute_all_input_vectors) == (0, 0)
    assert (first, second) == (process.inputs.count(), 0)
    assert InputVector.objects.count() == process.inputs.count()


def test_send_registration_link_twice_sends_one_e_mail() -> None:
    registration = register(
        meeting=make_meeting(make_process()),
        name="Søren Æblegård",
        email="s@example.dk",
        contributor_type="citizen",
        consent_text_version=REGISTRATION_CONSENT_VERSION,
    )
    assert twice(send_registration_link, registration.pk, False) == (True, False)
    assert len(mail.outbox) == 1


def test_send_hearing_notice_twice_e_mails_each_part_once() -> None:
    tree = med_tree()
    secretary_of(tree.sectors[0], username="sektor1")
    secretary_of(tree.sectors[1], username="sektor2")
    hearing = start_hearing(
        committee=tree.main,
        title="Organisering af administrative funktioner",
        answer_by=future(20),
        parts=tree.sectors,
        acting_user=None,
    )
    assert twice(send_hearing_notice, hearing.pk) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "sektor1@example.invalid",
        "sektor2@example.invalid",
    ]
    assert not HearingPart.objects.filter(notice_sent_at__isnull=True).exists()


def test_send_withdrawal_notice_twice_sends_one_e_mail() -> None:
    tree = med_tree()
    secretary_of(tree.sectors[0], username="modtager")
    (cascade,) = cascade_item(
        item=decided_item(tree.main), targets=[tree.sectors[0]], acting_user=None
    )
    withdraw_cascade(cascade=cascade, acting_user=None)
    assert twice(send_withdrawal_notice, cascade.pk) == (1, 0)
    assert [m.to for m in mail.outbox] == [["modtager@example.invalid"]]


def test_send_due_hearing_reminders_twice_sends_one_reminder() -> None:
    """A hearing due in two days: the 2-day reminder goes, and the 7-day one it passed over does
    not follow on the second run."""
    tree = med_tree()
    secretary_of(tree.sectors[0])
    start_hearing(
        committee=tree.main,
        title="Ny mødestruktur",
        answer_by=future(2),
        parts=[tree.sectors[0]],
        acting_user=None,
    )
    assert twice(send_due_hearing_reminders) == (1, 0)
    assert len(mail.outbox) == 1
    assert list(HearingReminder.objects.values_list("days_before", flat=True)) == [2]


def test_every_task_has_a_run_twice_test() -> None:
    found = set()
    for module in pkgutil.walk_packages(dialogportal.__path__, "dialogportal."):
        if module.name.endswith(".tasks"):
            for value in vars(import_module(module.name)).values():
                if isinstance(value, Task):
                    found.add(value.module_path)
    source = Path(__file__).read_text(encoding="utf-8")
    missing = {path for path in found if f"twice({path.rsplit('.', 1)[1]}" not in source}
    assert not missing, f"tasks without a run-twice test: {sorted(missing)}"
