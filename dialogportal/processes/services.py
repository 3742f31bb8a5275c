from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction

from dialogportal.inputs.attachments import check_attachments
from dialogportal.processes.models import FocusArea, Phase, PhaseKind, Process, ProcessDocument


@transaction.atomic
def create_process(
    *,
    slug: str,
    title: str,
    summary: str = "",
    body: str = "",
    is_published: bool = False,
    personal_data_removed_on: date | None = None,
) -> Process:
    """Create a process; it stays unpublished until `is_published` is set."""
    process = Process(
        slug=slug,
        title=title,
        summary=summary,
        body=body,
        is_published=is_published,
        personal_data_removed_on=personal_data_removed_on,
    )
    process.full_clean()
    process.save()
    return process


@transaction.atomic
def add_phase(
    *,
    process: Process,
    kind: PhaseKind,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    description: str = "",
) -> Phase:
    """Add a phase to a process; it must end after it starts."""
    phase = Phase(
        process=process,
        kind=kind,
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    phase.full_clean()
    phase.save()
    return phase


@transaction.atomic
def add_focus_area(
    *, process: Process, slug: str, title: str, description: str, order: int = 0
) -> FocusArea:
    """Add a focus area to a process; its slug is unique within the process."""
    area = FocusArea(process=process, slug=slug, title=title, description=description, order=order)
    area.full_clean()
    area.save()
    return area


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
) -> ProcessDocument:
    """Attach a file (PDF, DOCX, JPEG or PNG by content) to a process; private by default."""
    import io

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
    return document
