"""Health endpoints, the operations page for staff, and the error page that tells a visitor the
site is briefly unavailable (database restart, full disk) instead of showing an error 500."""

import errno
import logging
import sys
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from dialogportal.core.health import QueueStatus, check_readiness, queue_status
from dialogportal.core.leases import DATABASE_UNAVAILABLE

logger = logging.getLogger(__name__)

VIEW_OPERATIONS = "core.view_workerheartbeat"
RETRY_AFTER_SECONDS = 10


@require_GET
@never_cache
def live(request: HttpRequest) -> JsonResponse:
    """The process answers. Touches no database: a restart is the only cure for a failure."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """The database answers and every migration is applied: the load balancer's check."""
    readiness = check_readiness()
    return JsonResponse(
        {
            "status": "ok" if readiness.is_ready else "unavailable",
            "database": "ok" if readiness.database_ok else "error",
            "migrations": "ok" if readiness.migrations_ok else "pending",
        },
        status=200 if readiness.is_ready else 503,
    )


@require_GET
@never_cache
def legacy(request: HttpRequest) -> JsonResponse:
    """/healthz as before, answering like /healthz/ready (the worker no longer decides the
    status: a stopped worker must not take the site out of the load balancer); the worker's
    fields stay for monitors that read them."""
    readiness = check_readiness()
    body: dict[str, Any] = {
        "status": "ok" if readiness.is_ready else "unavailable",
        "database": "ok" if readiness.database_ok else "error",
        "migrations": "ok" if readiness.migrations_ok else "pending",
        "worker": "unknown",
        "worker_heartbeat_age_seconds": None,
    }
    if readiness.is_ready:
        status = queue_status(failures_shown=0)
        age = status.newest_heartbeat_age_seconds
        body["worker"] = "ok" if status.live_workers else "stale"
        body["worker_heartbeat_age_seconds"] = round(age, 1) if age is not None else None
    return JsonResponse(body, status=200 if readiness.is_ready else 503)


def _status_json(status: QueueStatus) -> dict[str, Any]:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    return {
        "status": "ok" if status.is_ok else "failing",
        "problems": [{"code": p.code, "message": p.message} for p in status.problems],
        "warnings": [{"code": p.code, "message": p.message} for p in status.warnings],
        "workers_alive": status.live_workers,
        "worker_heartbeat_age_seconds": rounded(status.newest_heartbeat_age_seconds),
        "workers": [
            {
                "worker_id": w.worker_id,
                "hostname": w.hostname,
                "state": w.state,
                "heartbeat_age_seconds": rounded(w.age_seconds),
                "current_task": w.current_task,
                "current_task_seconds": rounded(w.current_task_seconds),
            }
            for w in status.workers
        ],
        "queue": {
            "waiting": status.waiting,
            "deferred": status.deferred,
            "running": status.running,
            "oldest_waiting_seconds": rounded(status.oldest_waiting_seconds),
        },
        "failed_last_24h": status.failed_last_24h,
    }


@require_GET
@never_cache
def worker(request: HttpRequest) -> JsonResponse:
    """Worker and queue status for monitoring: 200 while a worker lives and the queue moves,
    503 (with the problems named) otherwise. Counts and ages only, never a task's arguments."""
    readiness = check_readiness()
    if not readiness.is_ready:
        return JsonResponse(
            {
                "status": "failing",
                "problems": [{"code": "database", "message": "database unavailable"}],
            },
            status=503,
        )
    status = queue_status(failures_shown=0)
    return JsonResponse(_status_json(status), status=200 if status.is_ok else 503)


@login_required
@never_cache
def operations(request: HttpRequest) -> HttpResponse:
    """The staff page: workers, queue, running tasks and the last day's failures with errors."""
    if not request.user.has_perm(VIEW_OPERATIONS):
        raise PermissionDenied
    return render(request, "core/operations.html", {"status": queue_status()})


def _unavailable_reason(exc: BaseException | None) -> str | None:
    if isinstance(exc, DATABASE_UNAVAILABLE):
        return "database"
    if isinstance(exc, OSError) and exc.errno in {errno.ENOSPC, errno.EDQUOT}:
        return "disk"
    return None


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. A database that is restarting or a full disk is not a bug: the visitor gets a
    503 in Danish (and English) that says nothing was saved and to try again; the page touches
    neither the database nor the session, so it renders while the database is away."""
    exc = sys.exc_info()[1]
    reason = _unavailable_reason(exc)
    if reason is None:
        return HttpResponse(loader.get_template("500.html").render(), status=500)
    logger.error("answered 503 (%s unavailable) to %s %s", reason, request.method, request.path)
    if request.path.startswith("/api/"):
        detail = (
            "Tjenesten er midlertidigt utilgængelig. Intet er gemt. Prøv igen om lidt."
            if reason == "database"
            else "Serveren kan ikke gemme filer lige nu. Intet er gemt. Prøv igen senere."
        )
        response: HttpResponse = JsonResponse(
            {"detail": detail, "code": f"{reason}_unavailable"},
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render({"reason": reason}))
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
