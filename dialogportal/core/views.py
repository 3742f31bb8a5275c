from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dialogportal.core.services import check_health


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    health = check_health()
    age = health.worker_age_seconds
    return JsonResponse(
        {
            "status": "ok" if health.is_healthy else "unhealthy",
            "database": "ok" if health.database_ok else "error",
            "migrations": "ok" if health.migrations_ok else "pending",
            "worker": "ok" if health.worker_ok else "stale",
            "worker_heartbeat_age_seconds": round(age, 1) if age is not None else None,
        },
        status=200 if health.is_healthy else 503,
    )
