from django_tasks import task

from dialogportal.indicators.models import Indicator, RefreshOutcome
from dialogportal.indicators.refresh import refresh_indicator, refresh_indicators


@task()
def refresh_all_indicators() -> dict[str, int]:
    """The weekly refresh of every StatBank-backed indicator; safe to run again at any time."""
    logs = refresh_indicators()
    return {
        outcome.value: sum(log.outcome == outcome for log in logs) for outcome in RefreshOutcome
    }


@task()
def refresh_one_indicator(indicator_id: int) -> str:
    """Refresh one indicator (the staff page's "fetch now"); a deleted indicator is skipped."""
    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        return "missing"
    return str(refresh_indicator(indicator=indicator).outcome)
