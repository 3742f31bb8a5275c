"""Opening a process: the one write that needs to see every app, to check the checklist."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.processes.models import Process
from dialogportal.processes.services import set_process_published
from dialogportal.workspace.queries import readiness


@transaction.atomic
def open_process(*, process: Process, acting_user: User | None) -> Process:
    """Make a process public once every point of its "klar til at åbne" checklist holds;
    otherwise refuse with the points that are missing (nothing changes)."""
    missing = [check.label for check in readiness(process) if not check.is_done]
    if missing:
        raise ValidationError(
            _("Processen kan ikke åbnes endnu. Mangler: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    return set_process_published(process=process, is_published=True, acting_user=acting_user)


@transaction.atomic
def close_process(*, process: Process, acting_user: User | None) -> Process:
    """Take a process off the public pages again (its data is kept)."""
    return set_process_published(process=process, is_published=False, acting_user=acting_user)
