"""Save parsed agendas and minutes (`dialogportal.minutes`) in the database, whole or not at all.

`import_minutes` is the service; `store_request` is what the `import-minutes` command hands
the parser's command line (a dry run is the same service in a transaction that is rolled
back); `save_parsed_minutes` stores a document that comes without its file (the demo)."""

from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.meetings.importing.committees import CommitteeRefusedError, choose_committee
from dialogportal.meetings.importing.content import ItemRefusedError
from dialogportal.meetings.importing.store import (
    ImportRefusedError,
    already_imported,
    import_minutes,
    minutes_digest,
)
from dialogportal.meetings.models import MinutesImport
from dialogportal.minutes import ParsedMinutes
from dialogportal.minutes.batch import ImportOutcome, ImportRequest

__all__ = [
    "CommitteeRefusedError",
    "ImportRefusedError",
    "ItemRefusedError",
    "choose_committee",
    "import_minutes",
    "known_file",
    "save_parsed_minutes",
    "store_request",
]


class _DryRunError(Exception):
    """Raised to roll back a dry run's transaction after everything was checked."""

    def __init__(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome


def store_request(request: ImportRequest, *, acting_user: User | None = None) -> ImportOutcome:
    """Import one read and parsed document; with ``dry_run`` check it the same way and roll
    everything back."""
    try:
        with transaction.atomic():
            outcome = import_minutes(
                parsed=request.parsed,
                digest=request.source.digest,
                source_name=str(request.source.path),
                committee_slug=request.committee_slug,
                create_committee=request.create_committee,
                committee_level=request.committee_level,
                acting_user=acting_user,
            )
            if request.dry_run:
                raise _DryRunError(outcome)
    except _DryRunError as dry_run:
        message = _("Prøvekørsel, intet er gemt: %(report)s") % {"report": dry_run.outcome.message}
        return replace(dry_run.outcome, message=message)
    return outcome


def known_file(digest: str) -> str | None:
    """The report for a file imported before (by its SHA-256), or None for a new one."""
    earlier = MinutesImport.objects.filter(digest=digest).select_related("meeting__committee")
    found = earlier.first()
    return None if found is None else already_imported(found)


def save_parsed_minutes(parsed: ParsedMinutes, committee_slug: str | None) -> str:
    """Store a document parsed from text that has no file of its own; return the report."""
    return import_minutes(
        parsed=parsed,
        digest=minutes_digest(parsed),
        source_name=parsed.source_name,
        committee_slug=committee_slug,
        acting_user=None,
    ).message
