from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dialogportal.core.services import record_heartbeat

pytestmark = pytest.mark.django_db


def test_healthz_is_503_without_a_worker(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"
    assert response.json()["database"] == "ok"
    assert response.json()["migrations"] == "ok"


def test_healthz_is_200_with_a_fresh_heartbeat(client: Client) -> None:
    record_heartbeat(worker_id="w1", started_at=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_is_503_when_the_heartbeat_is_old(client: Client, settings) -> None:
    record_heartbeat(worker_id="w1", started_at=timezone.now())
    from dialogportal.core.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update(
        last_seen_at=timezone.now() - timedelta(seconds=settings.WORKER_STALE_AFTER_SECONDS + 5)
    )
    assert client.get("/healthz").status_code == 503
