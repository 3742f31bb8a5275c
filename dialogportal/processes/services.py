"""Every write to a process's set-up: the process itself, its phases, focus areas and documents.

Each service is keyword-only, atomic, validates before it saves (Danish messages a person can act
on: a phase that ends before it starts, phases that overlap, an address already in use) and writes
one `ProcessChange` row with who did what, before and after. `acting_user=None` is the system
(the demo loader, a command)."""

import io
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.core.formatting import short_date_time
from dialogportal.core.uploads import check_attachments
from dialogportal.processes.models import (
    FocusArea,
    Phase,
    PhaseKind,
    Process,
    ProcessChange,
    ProcessChangeKind,
    ProcessDocument,
)

PROCESS_FIELDS = (
    "slug",
    "title",
    "summary",
    "body",
    "is_published",
    "publishes_immediately",
    "shows_postcode",
    "personal_data_removed_on",
)
PHASE_FIELDS = ("kind", "title", "description", "starts_at", "ends_at")
FOCUS_AREA_FIELDS = ("slug", "title", "description", "order")
DOCUMENT_FIELDS = ("title", "description", "is_public", "order", "original_name", "size")
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def slug_from_title(title: str, *, max_length: int = 80) -> str:
    """ "Fremtidens Ærø" → "fremtidens-aeroe": the address people will read and type."""
    return slugify(title.translate(_DANISH_LETTERS))[:max_length].strip("-")


def _snapshot(obj: Model, fields: tuple[str, ...]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        values[name] = value.isoformat() if isinstance(value, date | datetime) else value
    return values


def _audit(
    *,
    process: Process,
    kind: ProcessChangeKind,
    obj: Model,
    label: str,
    before: dict[str, Any],
    after: dict[str, Any],
    acting_user: User | None,
) -> None:
    ProcessChange.objects.create(
        process=process,
        acting_user=acting_user,
        kind=kind,
        object_type=obj._meta.model_name or "",
        object_id=obj.pk,
        object_label=label[:200],
        before={key: value for key, value in before.items() if after.get(key) != value},
        after={key: value for key, value in after.items() if before.get(key) != value},
    )


def _locked(process: Process) -> Process:
    """The process row locked for the rest of the transaction: two staff members adding phases at
    the same time cannot both miss the other's overlap."""
    return Process.objects.select_for_update().get(pk=process.pk)


def _check_process_slug(process: Process) -> None:
    if not process.slug:
        process.slug = slug_from_title(process.title)
    if Process.objects.filter(slug=process.slug).exclude(pk=process.pk).exists():
        raise ValidationError(
            {
                "slug": _(
                    "Adressen »%(slug)s« bruges allerede af en anden proces. Vælg et andet kort "
                    "navn."
                )
                % {"slug": process.slug}
            }
        )


@transaction.atomic
def create_process(
    *,
    slug: str,
    title: str,
    summary: str = "",
    body: str = "",
    is_published: bool = False,
    publishes_immediately: bool = False,
    shows_postcode: bool = True,
    personal_data_removed_on: date | None = None,
    acting_user: User | None = None,
) -> Process:
    """Create a process; it stays unpublished until it is opened. An empty slug is made from the
    title."""
    process = Process(
        slug=slug,
        title=title,
        summary=summary,
        body=body,
        is_published=is_published,
        publishes_immediately=publishes_immediately,
        shows_postcode=shows_postcode,
        personal_data_removed_on=personal_data_removed_on,
    )
    _check_process_slug(process)
    process.full_clean()
    process.save()
    _audit(
        process=process,
        kind=ProcessChangeKind.CREATED,
        obj=process,
        label=process.title,
        before={},
        after=_snapshot(process, PROCESS_FIELDS),
        acting_user=acting_user,
    )
    return process


@transaction.atomic
def update_process(
    *,
    process: Process,
    slug: str,
    title: str,
    summary: str,
    body: str,
    publishes_immediately: bool,
    shows_postcode: bool,
    personal_data_removed_on: date | None,
    acting_user: User | None,
) -> Process:
    """Change a process's texts and settings (not whether it is open: see `open_process`)."""
    process = _locked(process)
    before = _snapshot(process, PROCESS_FIELDS)
    process.slug = slug
    process.title = title
    process.summary = summary
    process.body = body
    process.publishes_immediately = publishes_immediately
    process.shows_postcode = shows_postcode
    process.personal_data_removed_on = personal_data_removed_on
    _check_process_slug(process)
    process.full_clean()
    process.save()
    _audit(
        process=process,
        kind=ProcessChangeKind.UPDATED,
        obj=process,
        label=process.title,
        before=before,
        after=_snapshot(process, PROCESS_FIELDS),
        acting_user=acting_user,
    )
    return process


@transaction.atomic
def set_process_published(
    *, process: Process, is_published: bool, acting_user: User | None
) -> Process:
    """Open a process to the public (or close it again). What must be in place before it opens
    is checked by the caller that can see every app: `workspace.services.open_process`."""
    process = _locked(process)
    if process.is_published == is_published:
        return process
    process.is_published = is_published
    process.save(update_fields=["is_published"])
    _audit(
        process=process,
        kind=ProcessChangeKind.OPENED if is_published else ProcessChangeKind.CLOSED,
        obj=process,
        label=process.title,
        before={"is_published": not is_published},
        after={"is_published": is_published},
        acting_user=acting_user,
    )
    return process


def _check_phase(phase: Phase) -> None:
    """Danish messages for a phase that cannot be: one that ends before it starts (also the
    database's constraint) and one that overlaps another phase of the process (a process is in
    at most one phase at a time, so "what may I do now?" has one answer)."""
    phase.full_clean()
    overlapping = (
        Phase.objects.filter(
            process_id=phase.process_id, starts_at__lt=phase.ends_at, ends_at__gt=phase.starts_at
        )
        .exclude(pk=phase.pk)
        .order_by("starts_at")
        .first()
    )
    if overlapping is not None:
        raise ValidationError(
            {
                "starts_at": _(
                    "Fasen overlapper fasen »%(title)s« (%(start)s – %(end)s). En proces er i "
                    "én fase ad gangen: ret datoerne, så den ene slutter, når den anden starter."
                )
                % {
                    "title": overlapping.title,
                    "start": short_date_time(overlapping.starts_at),
                    "end": short_date_time(overlapping.ends_at),
                }
            }
        )


@transaction.atomic
def add_phase(
    *,
    process: Process,
    kind: PhaseKind,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    description: str = "",
    acting_user: User | None = None,
) -> Phase:
    """Add a phase to a process; it must end after it starts and overlap no other phase."""
    process = _locked(process)
    phase = Phase(
        process=process,
        kind=kind,
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    _check_phase(phase)
    phase.save()
    _audit(
        process=process,
        kind=ProcessChangeKind.CREATED,
        obj=phase,
        label=phase.title,
        before={},
        after=_snapshot(phase, PHASE_FIELDS),
        acting_user=acting_user,
    )
    return phase


@transaction.atomic
def update_phase(
    *,
    phase: Phase,
    kind: PhaseKind,
    title: str,
    description: str,
    starts_at: datetime,
    ends_at: datetime,
    acting_user: User | None,
) -> Phase:
    """Change a phase; the same rules as `add_phase`."""
    process = _locked(phase.process)
    phase = Phase.objects.get(pk=phase.pk, process=process)
    before = _snapshot(phase, PHASE_FIELDS)
    phase.kind = kind
    phase.title = title
    phase.description = description
    phase.starts_at = starts_at
    phase.ends_at = ends_at
    _check_phase(phase)
    phase.save()
    _audit(
        process=process,
        kind=ProcessChangeKind.UPDATED,
        obj=phase,
        label=phase.title,
        before=before,
        after=_snapshot(phase, PHASE_FIELDS),
        acting_user=acting_user,
    )
    return phase


@transaction.atomic
def delete_phase(*, phase: Phase, acting_user: User | None) -> None:
    """Delete a phase that has received no input (one that has keeps the record of when the
    input came: change its dates instead)."""
    process = _locked(phase.process)
    if phase.inputs.exists():
        raise ValidationError(
            _("Fasen har modtaget input og kan ikke slettes. Ret i stedet dens datoer.")
        )
    before = _snapshot(phase, PHASE_FIELDS)
    _audit(
        process=process,
        kind=ProcessChangeKind.DELETED,
        obj=phase,
        label=phase.title,
        before=before,
        after={},
        acting_user=acting_user,
    )
    phase.delete()


def _check_area_slug(area: FocusArea) -> None:
    if not area.slug:
        area.slug = slug_from_title(area.title)
    taken = FocusArea.objects.filter(process_id=area.process_id, slug=area.slug).exclude(pk=area.pk)
    if taken.exists():
        raise ValidationError(
            {
                "slug": _(
                    "Adressen »%(slug)s« bruges allerede af et andet fokusområde i processen. "
                    "Vælg et andet kort navn."
                )
                % {"slug": area.slug}
            }
        )


@transaction.atomic
def add_focus_area(
    *,
    process: Process,
    slug: str,
    title: str,
    description: str,
    order: int = 0,
    acting_user: User | None = None,
) -> FocusArea:
    """Add a focus area to a process; its slug (made from the title when empty) is unique within
    the process."""
    process = _locked(process)
    area = FocusArea(process=process, slug=slug, title=title, description=description, order=order)
    _check_area_slug(area)
    area.full_clean()
    area.save()
    _audit(
        process=process,
        kind=ProcessChangeKind.CREATED,
        obj=area,
        label=area.title,
        before={},
        after=_snapshot(area, FOCUS_AREA_FIELDS),
        acting_user=acting_user,
    )
    return area


@transaction.atomic
def update_focus_area(
    *,
    area: FocusArea,
    slug: str,
    title: str,
    description: str,
    order: int,
    acting_user: User | None,
) -> FocusArea:
    """Change a focus area's texts, address or place in the list."""
    process = _locked(area.process)
    area = FocusArea.objects.get(pk=area.pk, process=process)
    before = _snapshot(area, FOCUS_AREA_FIELDS)
    area.slug = slug
    area.title = title
    area.description = description
    area.order = order
    _check_area_slug(area)
    area.full_clean()
    area.save()
    _audit(
        process=process,
        kind=ProcessChangeKind.UPDATED,
        obj=area,
        label=area.title,
        before=before,
        after=_snapshot(area, FOCUS_AREA_FIELDS),
        acting_user=acting_user,
    )
    return area


@transaction.atomic
def delete_focus_area(*, area: FocusArea, acting_user: User | None) -> None:
    """Delete a focus area that has received no input (input is never deleted with an area)."""
    process = _locked(area.process)
    if process.inputs.filter(focus_area=area).exists():
        raise ValidationError(
            _(
                "Fokusområdet har modtaget input og kan ikke slettes. Ret i stedet titlen og "
                "beskrivelsen."
            )
        )
    _audit(
        process=process,
        kind=ProcessChangeKind.DELETED,
        obj=area,
        label=area.title,
        before=_snapshot(area, FOCUS_AREA_FIELDS),
        after={},
        acting_user=acting_user,
    )
    area.delete()


@transaction.atomic
def add_document(
    *,
    process: Process,
    title: str,
    filename: str,
    data: bytes,
    is_public: bool = False,
    description: str = "",
    order: int = 0,
    acting_user: User | None = None,
) -> ProcessDocument:
    """Attach a file (PDF, DOCX, JPEG or PNG by content) to a process; private by default."""
    (checked,) = check_attachments([(filename, io.BytesIO(data))])
    document = ProcessDocument(
        process=process,
        title=title,
        description=description,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        is_public=is_public,
        order=order,
    )
    document.file.save(checked.name, ContentFile(checked.data), save=False)
    document.full_clean()
    document.save()
    _audit(
        process=process,
        kind=ProcessChangeKind.CREATED,
        obj=document,
        label=document.title,
        before={},
        after=_snapshot(document, DOCUMENT_FIELDS),
        acting_user=acting_user,
    )
    return document


@transaction.atomic
def update_document(
    *,
    document: ProcessDocument,
    title: str,
    description: str,
    is_public: bool,
    order: int,
    acting_user: User | None,
) -> ProcessDocument:
    """Change a document's title, description, order or whether the public may see it."""
    document = ProcessDocument.objects.select_for_update().get(pk=document.pk)
    before = _snapshot(document, DOCUMENT_FIELDS)
    document.title = title
    document.description = description
    document.is_public = is_public
    document.order = order
    document.full_clean()
    document.save()
    _audit(
        process=document.process,
        kind=ProcessChangeKind.UPDATED,
        obj=document,
        label=document.title,
        before=before,
        after=_snapshot(document, DOCUMENT_FIELDS),
        acting_user=acting_user,
    )
    return document


@transaction.atomic
def delete_document(*, document: ProcessDocument, acting_user: User | None) -> None:
    """Delete a document and its file (the file only once the deletion is committed)."""
    _audit(
        process=document.process,
        kind=ProcessChangeKind.DELETED,
        obj=document,
        label=document.title,
        before=_snapshot(document, DOCUMENT_FIELDS),
        after={},
        acting_user=acting_user,
    )
    stored = document.file
    storage, name = stored.storage, stored.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
