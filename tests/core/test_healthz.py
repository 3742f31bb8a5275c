from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dialogportal.core.leases import record_heartbeat
from dialogportal.core.models import WorkerHeartbeat
from dialogportal.core.tasks import ping

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_queue() -> None:
    """The queue figures count every row: start from an empty queue, whatever a test before
    this one (in the same process, with a committed transaction) left in it."""
    DBTaskResult.objects.all().delete()


def _age_heartbeats(seconds: float) -> None:
    WorkerHeartbeat.objects.update(last_seen_at=timezone.now() - timedelta(seconds=seconds))


def test_live_answers_without_touching_the_database(
    client: Client, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_is_200_without_any_worker(client: Client) -> None:
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}


def test_ready_stays_200_when_the_worker_stopped_beating(client: Client, settings) -> None:
    record_heartbeat(worker_id="w1", started_at=timezone.now())
    _age_heartbeats(settings.WORKER_STALE_AFTER_SECONDS + 5)
    assert client.get("/healthz/ready").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_the_old_healthz_keeps_its_fields_and_answers_like_ready(client: Client) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["worker"] == "stale"
    assert body["worker_heartbeat_age_seconds"] is None
    record_heartbeat(worker_id="w1", started_at=timezone.now())
    body = client.get("/healthz").json()
    assert body["worker"] == "ok"
    assert body["worker_heartbeat_age_seconds"] < 5


def test_worker_status_is_503_and_says_why_without_a_worker(client: Client) -> None:
    response = client.get("/healthz/worker")
    assert response.status_code == 503
    assert [p["code"] for p in response.json()["problems"]] == ["no_live_worker"]


def test_worker_status_is_200_with_a_fresh_heartbeat(client: Client) -> None:
    record_heartbeat(worker_id="w1", started_at=timezone.now())
    response = client.get("/healthz/worker")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["workers_alive"] == 1
    assert body["workers"][0]["state"] == "alive"


def test_worker_status_calls_an_old_heartbeat_stale(client: Client, settings) -> None:
    record_heartbeat(worker_id="w1", started_at=timezone.now())
    _age_heartbeats(settings.WORKER_STALE_AFTER_SECONDS + 5)
    body = client.get("/healthz/worker").json()
    assert body["workers"][0]["state"] == "stale"
    assert body["problems"][0]["code"] == "no_live_worker"
    assert body["worker_heartbeat_age_seconds"] > settings.WORKER_STALE_AFTER_SECONDS


def test_worker_status_reports_queue_depth_and_the_oldest_waiting_task(
    client: Client, settings
) -> None:
    record_heartbeat(worker_id="w1", started_at=timezone.now())
    ping.enqueue()
    ping.using(run_after=timezone.now() + timedelta(hours=1)).enqueue()
    old = ping.enqueue()
    DBTaskResult.objects.filter(pk=old.id).update(
        enqueued_at=timezone.now() - timedelta(seconds=settings.WORKER_QUEUE_ALERT_SECONDS + 60)
    )
    response = client.get("/healthz/worker")
    queue = response.json()["queue"]
    assert queue["waiting"] == 2
    assert queue["deferred"] == 1
    assert queue["oldest_waiting_seconds"] > settings.WORKER_QUEUE_ALERT_SECONDS
    assert response.status_code == 503
    assert response.json()["problems"][0]["code"] == "queue_stalled"


def test_worker_status_counts_failed_tasks_of_the_last_day_as_a_warning(client: Client) -> None:
    record_heartbeat(worker_id="w1", started_at=timezone.now())
    failed = ping.enqueue()
    DBTaskResult.objects.filter(pk=failed.id).update(
        status="FAILED", finished_at=timezone.now(), traceback="ValueError: boom"
    )
    response = client.get("/healthz/worker")
    assert response.status_code == 200
    assert response.json()["failed_last_24h"] == 1
    assert response.json()["warnings"][0]["code"] == "failed_tasks"


def test_worker_status_shows_no_task_arguments(client: Client) -> None:
    record_heartbeat(worker_id="w1", started_at=timezone.now())
    ping.enqueue("hemmelig@example.org")
    assert "hemmelig" not in client.get("/healthz/worker").text
