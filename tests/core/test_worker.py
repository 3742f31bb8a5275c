"""Tasks survive their worker: real `run_worker` processes are killed with SIGKILL mid-task, and
a new worker finishes the work (docs/decisions/0003-task-leases.md)."""

import signal
from functools import partial
from pathlib import Path

import pytest
from django.test import Client
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dialogportal.accounts.models import Role
from dialogportal.analysis.execution import execute_analysis_run
from dialogportal.analysis.models import AnalysisRun, InputVector, RunStatus, Theme
from dialogportal.analysis.services import start_analysis_run
from dialogportal.core.leases import TaskRow
from dialogportal.core.models import WorkerHeartbeat
from dialogportal.inputs.models import ModerationState
from dialogportal.inputs.services import submit_input
from dialogportal.inputs.tasks import send_receipt_email
from dialogportal.meetings.exports import document_pdf_is_cached
from dialogportal.meetings.publication import build_document, redact
from dialogportal.moderation.models import ScreeningResult
from dialogportal.moderation.tasks import screen_input
from dialogportal.organisation.services import save_committee
from dialogportal.processes.models import Process
from tests.analysis.builders import add_input, make_analysable_process, staff
from tests.core.crash_tasks import kill_my_worker
from tests.core.real_workers import wait_for, workers
from tests.factories import make_input, make_process, make_staff
from tests.meetings.builders import approved_meeting

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
    pytest.mark.worker_crash,
]

SLOW_BACKEND = {
    "ANALYSIS_EMBEDDING_BACKEND": "import:tests.core.slow_embeddings.SlowEmbeddings",
    "SLOW_EMBEDDINGS_SECONDS": "2",
}


def _task_row(task_path_end: str) -> "TaskRow":
    return DBTaskResult.objects.get(task_path__endswith=task_path_end)


def _run_step(run: AnalysisRun) -> str:
    run.refresh_from_db()
    return run.step


def test_a_worker_killed_mid_analysis_leaves_the_run_to_a_new_worker_that_finishes_it(
    tmp_path: Path,
) -> None:
    process = make_analysable_process()
    run = start_analysis_run(process=process, acting_user=staff(Role.PROCESS_MANAGER, "pm"))
    with workers(tmp_path, **SLOW_BACKEND) as start:
        first = start("first")
        wait_for(lambda: _run_step(run).startswith("embeddings"), what="the embedding step")
        first.kill()

        run.refresh_from_db()
        assert run.status == RunStatus.RUNNING  # what an operator saw before: "Kører 5 %"
        row = _task_row("run_analysis")
        assert row.status == TaskResultStatus.RUNNING
        assert row.worker_ids == ["first"]

        second = start("second")
        wait_for(
            lambda: AnalysisRun.objects.get(pk=run.pk).status == RunStatus.DONE,
            timeout=90,
            what="the run to finish on the second worker",
        )
    run.refresh_from_db()
    assert run.progress == 100
    assert Theme.objects.filter(run=run).exists()
    row = _task_row("run_analysis")
    assert row.status == TaskResultStatus.SUCCESSFUL, second.output()
    assert row.worker_ids == ["first", "second"]  # the same task row, called again


def test_vectors_stored_before_the_kill_are_reused_by_the_next_attempt(tmp_path: Path) -> None:
    process = make_analysable_process()
    user = staff(Role.PROCESS_MANAGER, "pm")
    area = process.focus_areas.first()
    for number in range(300):  # two embedding chunks of 256
        add_input(
            process=process,
            focus_area=area,
            text=f"Flere cykelstier, forslag {number}.",
            acting_user=user,
        )
    run = start_analysis_run(process=process, acting_user=user)
    with workers(tmp_path, **SLOW_BACKEND) as start:
        first = start("first")
        wait_for(
            lambda: _run_step(run).startswith("embeddings:256/"), what="the second embedding chunk"
        )
        first.kill()
        stored_before = InputVector.objects.count()
        assert stored_before == 256
        start("second")
        wait_for(
            lambda: AnalysisRun.objects.get(pk=run.pk).status == RunStatus.DONE,
            timeout=90,
            what="the run to finish",
        )
    assert InputVector.objects.count() == process.inputs.count()
    assert _task_row("run_analysis").worker_ids == ["first", "second"]


# --- every task killed while it holds its claim ------------------------------------------------


def _kill_while_claimed(start, task_path_end: str) -> "TaskRow":
    """Start a worker that pauses at the start of the task, kill it there, return the row."""
    first = start("first", PAUSE_TASK=task_path_end)
    wait_for(
        lambda: DBTaskResult.objects.filter(
            task_path__endswith=task_path_end, status=TaskResultStatus.RUNNING
        ).exists(),
        what=f"{task_path_end} to be claimed",
    )
    first.kill()
    return DBTaskResult.objects.get(
        task_path__endswith=task_path_end, status=TaskResultStatus.RUNNING
    )


def _finished(task_path_end: str) -> bool:
    """Every row of the task (a meeting may have queued two renders) finished successfully."""
    statuses = set(
        DBTaskResult.objects.filter(task_path__endswith=task_path_end).values_list(
            "status", flat=True
        )
    )
    return statuses == {TaskResultStatus.SUCCESSFUL}


def test_screening_of_a_new_input_finishes_although_its_worker_died_while_screening_it(
    tmp_path: Path,
) -> None:
    process = make_process(slug="straks")
    Process.objects.filter(pk=process.pk).update(publishes_immediately=True)
    process.refresh_from_db()
    item = make_input(process, text="Flere bænke ved åen, tak.")
    assert item.moderation_state == ModerationState.PENDING
    with workers(tmp_path) as start:
        _kill_while_claimed(start, "screen_input")
        start("second")
        wait_for(lambda: _finished("screen_input"), what="the screening to finish")
    item.refresh_from_db()
    assert ScreeningResult.objects.filter(input=item).count() == 1
    assert item.moderation_state == ModerationState.PUBLISHED
    assert item.decisions.count() == 1  # one automatic decision, not two
    assert _task_row("screen_input").worker_ids == ["first", "second"]


def test_the_receipt_e_mail_is_sent_once_although_its_worker_died_while_sending_it(
    tmp_path: Path,
) -> None:
    mails = tmp_path / "mails"
    process = make_process()
    item = make_input(process, email="borger@example.org")
    with workers(tmp_path, EMAIL_URL=f"filemail:///{mails}") as start:
        _kill_while_claimed(start, "send_receipt_email")
        start("second")
        wait_for(lambda: _finished("send_receipt_email"), what="the e-mail task to finish")
        wait_for(lambda: _finished("screen_input"), what="the screening")
    item.refresh_from_db()
    assert item.receipt_emailed_at is not None
    sent = [path.read_text() for path in mails.iterdir()]
    assert len(sent) == 1
    assert "borger@example.org" in sent[0]


def test_minutes_pdfs_are_rendered_although_the_worker_died_while_rendering_them(
    tmp_path: Path, settings
) -> None:
    cache = tmp_path / "cache"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(cache),
        }
    }
    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting, _, _ = approved_meeting(council)
    document = build_document(meeting)
    with workers(tmp_path, CACHE_URL=f"filecache:///{cache}") as start:
        killed = _kill_while_claimed(start, "render_meeting_pdfs")
        assert not document_pdf_is_cached(document)
        start("second")
        wait_for(lambda: _finished("render_meeting_pdfs"), timeout=120, what="the PDFs")
    assert document_pdf_is_cached(document)
    assert document_pdf_is_cached(redact(document, full_access=False))
    killed.refresh_from_db()
    assert killed.worker_ids == ["first", "second"]


def test_a_task_that_kills_every_worker_that_runs_it_ends_failed_with_the_reason_shown(
    tmp_path: Path, client: Client
) -> None:
    kill_my_worker.enqueue()
    with workers(tmp_path) as start:
        for attempt in range(1, 4):
            worker = start(f"w{attempt}")
            worker.process.wait(timeout=120)  # the task killed it
            assert len(_task_row("kill_my_worker").worker_ids) == attempt
        start("survivor")
        wait_for(
            lambda: _task_row("kill_my_worker").status == TaskResultStatus.FAILED,
            what="the task to be given up",
        )
        row = _task_row("kill_my_worker")
        assert row.worker_ids == ["w1", "w2", "w3"]
        assert "Attempt 3 of 3" in row.traceback
        status = client.get("/healthz/worker").json()
        assert status["failed_last_24h"] == 1
        client.force_login(make_staff("drift", Role.ADMINISTRATOR))
        page = client.get("/drift/")
    assert "core.kill_my_worker" in page.text or "kill_my_worker" in page.text
    assert "WorkerLostError" in page.text


# --- killed after the work was stored, before the task was marked done ---------------------


def _claimed_by_a_dead_worker(task_path_ends: tuple[str, ...], tmp_path: Path) -> None:
    """The state a worker leaves when SIGKILL hits between the task's commit and the row's
    update: the work is stored, the row still RUNNING under a worker that is gone."""
    with workers(tmp_path) as start:
        dead = start("dead", PAUSE_TASK="*")
        wait_for(lambda: WorkerHeartbeat.objects.filter(worker_id="dead").exists(), what="beat")
        dead.process.send_signal(signal.SIGSTOP)  # it claims nothing from here on
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).update(status="READY")
        for task_path_end in task_path_ends:
            _task_row(task_path_end).claim("dead")
        dead.kill()


def test_work_stored_before_the_kill_is_not_done_twice(tmp_path: Path) -> None:
    process = make_analysable_process()
    user = staff(Role.PROCESS_MANAGER, "pm")
    run = start_analysis_run(process=process, acting_user=user)
    item = submit_input(
        process=process,
        focus_area=process.focus_areas.first(),
        text="Flere bænke ved åen, tak.",
        contributor_type="citizen",
        email="a@example.org",
        acting_user=user,
    )
    for row in DBTaskResult.objects.filter(task_path__endswith="screen_input"):
        if row.args_kwargs["args"] != [item.pk]:
            row.delete()  # the other inputs' screening plays no part here
    tasks = ("run_analysis", "screen_input", "send_receipt_email")
    _claimed_by_a_dead_worker(tasks, tmp_path)
    # What the dead worker had done before it died: all three tasks' work.
    execute_analysis_run(run_id=run.pk)
    screen_input.call(item.pk)
    send_receipt_email.call(item.pk)
    run.refresh_from_db()
    finished_at, decisions = run.finished_at, item.decisions.count()
    mails = tmp_path / "mails"
    with workers(tmp_path, EMAIL_URL=f"filemail:///{mails}") as start:
        start("second")
        for task_path_end in tasks:
            wait_for(partial(_finished, task_path_end), what=task_path_end)
    run.refresh_from_db()
    assert run.finished_at == finished_at
    assert item.decisions.count() == decisions
    assert not mails.exists()  # no second receipt
