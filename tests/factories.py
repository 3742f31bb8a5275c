"""Small builders for test data that go through the real services."""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from dialogportal.accounts.models import Role, User
from dialogportal.accounts.services import create_staff_user, sync_roles
from dialogportal.processes.models import FocusArea, Phase, PhaseKind, Process
from dialogportal.processes.services import add_focus_area, add_phase, create_process

if TYPE_CHECKING:
    from dialogportal.inputs.models import Input


def make_process(
    *,
    slug: str = "proces",
    title: str = "Fremtidens Testby",
    is_published: bool = True,
    phase_kind: PhaseKind = PhaseKind.INPUT,
    now: datetime | None = None,
    areas: int = 2,
) -> Process:
    now = now or timezone.now()
    process = create_process(slug=slug, title=title, summary="Resumé", is_published=is_published)
    add_phase(
        process=process,
        kind=phase_kind,
        title="Fase",
        starts_at=now - timedelta(days=10),
        ends_at=now + timedelta(days=10),
    )
    for index in range(areas):
        add_focus_area(
            process=process,
            slug=f"omraade-{index + 1}",
            title=f"Område {index + 1}",
            description=f"Beskrivelse af område {index + 1} med æ, ø og å.",
            order=index,
        )
    return process


def first_area(process: Process) -> FocusArea:
    area = process.focus_areas.order_by("order").first()
    assert area is not None
    return area


def current_phase(process: Process) -> Phase:
    phase = process.current_phase()
    assert phase is not None
    return phase


def make_staff(username: str, role: Role) -> User:
    sync_roles()
    return create_staff_user(
        username=username,
        password="pw-for-tests-123",
        full_name=username.title(),
        email=f"{username}@example.invalid",
        roles=[role],
    )


# --- inputs -------------------------------------------------------------------------------------

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


def docx_bytes(text: str = "Hej fra Word") -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return buffer.getvalue()


def make_input(process: Process, **overrides: object) -> "Input":
    """An input through the real service (public rules, no rate limit: no IP given)."""
    from dialogportal.inputs.services import CONSENT_TEXT_VERSION, submit_input

    values: dict[str, object] = {
        "process": process,
        "focus_area": first_area(process),
        "text": "Flere cykelstier langs Gudenåen, tak.",
        "contributor_type": "citizen",
        "consent_text_version": CONSENT_TEXT_VERSION,
    }
    values.update(overrides)
    return submit_input(**values)  # type: ignore[arg-type]


def publish(*inputs: "Input") -> None:
    """Mark inputs published (moderation's job; a direct update keeps tests independent)."""
    from dialogportal.inputs.models import Input, ModerationState

    Input.objects.filter(pk__in=[obj.pk for obj in inputs]).update(
        moderation_state=ModerationState.PUBLISHED
    )
