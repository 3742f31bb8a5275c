"""Refreshing key figures from Statistics Denmark's StatBank: the execute side, run by
`indicators.tasks` in the worker (and by `manage.py fetch_indicators`). The web side enqueues
the task by its path (`services.queue_refresh`), so it does not load the StatBank client (httpx)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.indicators.areas import area_name
from dialogportal.indicators.models import (
    ComparisonSet,
    Indicator,
    RefreshKind,
    RefreshLog,
    RefreshOutcome,
)
from dialogportal.indicators.services import log_refresh, store_series
from dialogportal.processes.models import Process
from dialogportal.statbank import StatBankError, fetch_indicator
from dialogportal.statbank.client import StatBankClient
from dialogportal.statbank.errors import (
    EmptyResultError,
    MissingVariableError,
    ResponseFormatError,
    StatBankAPIError,
    StatBankTimeoutError,
    StatBankUnavailableError,
    TableChangedError,
    TableNotFoundError,
    UnknownValueError,
    UnknownVariableError,
)


def statbank_client() -> StatBankClient:
    """A client configured from settings; tests set STATBANK_TRANSPORT to a recorded fake."""
    return StatBankClient(
        settings.STATBANK_BASE_URL,
        timeout=settings.STATBANK_TIMEOUT,
        retries=settings.STATBANK_RETRIES,
        backoff=settings.STATBANK_BACKOFF,
        transport=settings.STATBANK_TRANSPORT,
    )


def describe_statbank_error(exc: StatBankError) -> str:
    """What went wrong, in Danish, for the refresh log and the staff page."""
    nothing = _("Intet af det gemte er ændret.")
    if isinstance(exc, TableNotFoundError):
        text = _("Danmarks Statistik kender ikke tabellen %(table)s (%(api)s).") % {
            "table": exc.table_id,
            "api": exc.api_message,
        }
    elif isinstance(exc, StatBankAPIError):
        text = _("Danmarks Statistik afviste forespørgslen (HTTP %(status)s%(code)s): %(api)s") % {
            "status": exc.status_code,
            "code": f" {exc.error_type_code}" if exc.error_type_code else "",
            "api": exc.api_message,
        }
    elif isinstance(exc, UnknownVariableError):
        text = _(
            "Tabellen %(table)s har ikke variablen %(variable)s – tabellen er måske blevet "
            "ændret. Dens variable er nu: %(available)s."
        ) % {
            "table": exc.table_id,
            "variable": exc.variable,
            "available": ", ".join(exc.available),
        }
    elif isinstance(exc, UnknownValueError):
        text = _(
            "Tabellen %(table)s har ikke værdien %(values)s for variablen %(variable)s – "
            "tabellen er måske blevet ændret."
        ) % {"table": exc.table_id, "values": ", ".join(exc.values), "variable": exc.variable}
    elif isinstance(exc, MissingVariableError):
        text = _(
            "Tabellen %(table)s har variable, som nøgletallet ikke vælger værdier for: "
            "%(missing)s – tabellen er måske blevet ændret."
        ) % {"table": exc.table_id, "missing": ", ".join(exc.missing)}
    elif isinstance(exc, TableChangedError):
        text = _("Tabellen %(table)s er blevet ændret, mens tallene blev hentet.") % {
            "table": exc.table_id
        }
    elif isinstance(exc, EmptyResultError):
        text = _("Tabellen %(table)s gav ingen tal for de valgte områder og perioder.") % {
            "table": exc.table_id
        }
    elif isinstance(exc, StatBankTimeoutError):
        text = _(
            "Danmarks Statistik svarede ikke i tide (%(attempts)s forsøg). Prøv igen senere."
        ) % {"attempts": exc.attempts}
    elif isinstance(exc, StatBankUnavailableError):
        status = f" (HTTP {exc.status_code})" if exc.status_code else ""
        text = _(
            "Danmarks Statistik kunne ikke svare%(status)s efter %(attempts)s forsøg. Prøv igen "
            "senere."
        ) % {"status": status, "attempts": exc.attempts}
    elif isinstance(exc, ResponseFormatError):
        text = _("Svaret fra Danmarks Statistik kunne ikke læses: %(detail)s") % {"detail": exc}
    else:
        text = _("Tallene kunne ikke hentes fra Danmarks Statistik: %(detail)s") % {"detail": exc}
    return f"{text} {nothing}"


def refresh_indicator(
    *,
    indicator: Indicator,
    client: StatBankClient | None = None,
    acting_user: User | None = None,
) -> RefreshLog:
    """Fetch an indicator's series for its process's comparison set and store them.

    Not atomic as a whole on purpose: the network call comes first, the writes follow in one
    transaction, and a failure is still logged.
    """
    started_at = timezone.now()
    spec = indicator.spec

    def failed(message: str) -> RefreshLog:
        return log_refresh(
            indicator=indicator,
            kind=RefreshKind.FETCH,
            started_at=started_at,
            outcome=RefreshOutcome.FAILED,
            message=message,
            acting_user=acting_user,
        )

    if spec is None or not indicator.is_fetchable:
        return failed(
            _("Nøgletallet hentes ikke fra Danmarks Statistik; det opdateres ved upload.")
        )
    comparison = ComparisonSet.objects.filter(process_id=indicator.process_id).first()
    if comparison is None:
        return failed(
            _("Processen har intet sammenligningssæt (kommune, land og sammenligningskommuner).")
        )
    own_client = client is None
    statbank = client or statbank_client()
    try:
        result = fetch_indicator(statbank, spec, comparison.area_codes)
    except StatBankError as exc:
        return failed(describe_statbank_error(exc))
    finally:
        if own_client:
            statbank.close()

    points = [(obs.area_code, obs.period, obs.value) for obs in result.observations]
    message = ""
    if result.missing_areas:
        message = _("Tabellen har ingen tal for: %(areas)s.") % {
            "areas": ", ".join(area_name(code) for code in result.missing_areas)
        }
    try:
        return store_series(
            indicator=indicator,
            points=points,
            kind=RefreshKind.FETCH,
            source_version=result.source_version,
            message=message,
            acting_user=acting_user,
        )
    except ValidationError as exc:
        return failed(" ".join(exc.messages) + " " + _("Intet af det gemte er ændret."))


def refresh_indicators(
    *, process: Process | None = None, client: StatBankClient | None = None
) -> list[RefreshLog]:
    """Refresh every StatBank-backed indicator (of one process, or of all processes)."""
    indicators = (
        Indicator.objects.fetchable().select_related("process").order_by("process", "order")
    )
    if process is not None:
        indicators = indicators.filter(process=process)
    own_client = client is None
    statbank = client or statbank_client()
    try:
        return [refresh_indicator(indicator=indicator, client=statbank) for indicator in indicators]
    finally:
        if own_client:
            statbank.close()
