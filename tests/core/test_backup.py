"""`dialogportal backup DIR` and `dialogportal restore DIR`: a backup restored into an empty
database and an empty MEDIA_ROOT has every input, every attachment (byte for byte) and every
minutes PDF; a damaged or misdirected restore is refused and changes nothing."""

import hashlib
import io
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from dialogportal.inputs.models import Attachment, Input
from dialogportal.meetings.models import Attachment as MeetingAttachment
from dialogportal.organisation.services import save_committee
from dialogportal.processes.services import add_document
from tests.core import stack
from tests.factories import make_process
from tests.meetings.builders import approved_meeting
from tests.moderation.builders import pdf_with_text

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CHECK = """
import hashlib, io, json
from pypdf import PdfReader
from dialogportal.inputs.models import Attachment, Input
from dialogportal.meetings.exports import document_pdf
from dialogportal.meetings.models import Attachment as MeetingAttachment, Meeting
from dialogportal.meetings.publication import build_document
from dialogportal.processes.models import ProcessDocument

def digest(field):
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()

pdfs = {}
for meeting in Meeting.objects.all():
    pdf = document_pdf(build_document(meeting))
    pdfs[str(meeting.pk)] = "\\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
print(json.dumps({
    "inputs": sorted([i.pk, i.text, i.email] for i in Input.objects.all()),
    "attachments": sorted(digest(a.file) for a in Attachment.objects.all()),
    "meeting_attachments": sorted(
        digest(a.file) for a in MeetingAttachment.objects.exclude(file="")
    ),
    "documents": sorted(digest(d.file) for d in ProcessDocument.objects.all()),
    "minutes_pdfs": pdfs,
}))
"""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def media(tmp_path: Path, settings) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database of the same engine as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    db = connection.settings_dict
    yield (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{name}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _populate() -> dict[str, object]:
    process = make_process()
    from tests.factories import make_input

    first = make_input(
        process,
        text="Flere bænke ved åen – og læs vedhæftede plan, tak.",
        email="karen@example.dk",
        attachments=[("plan.pdf", io.BytesIO(pdf_with_text("Plan for åen")))],
    )
    make_input(process, text="Cykelsti til Assentoft, tak.")
    make_input(
        process,
        text="Bilag med foto.",
        attachments=[("kort.pdf", io.BytesIO(pdf_with_text("Kort over Ø-gaden")))],
    )
    add_document(
        process=process, title="Hvidbog", filename="hvidbog.pdf", data=pdf_with_text("Hvidbog")
    )
    council = save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")
    meeting, open_item, _closed = approved_meeting(council)
    bilag = MeetingAttachment(item=open_item, title="Budgetbilag", is_public=True)
    bilag.file.save("budget.pdf", ContentFile(pdf_with_text("Budget 2026")), save=True)
    return {"first": first.pk, "meeting": meeting.pk}


def test_a_backup_restored_into_an_empty_database_has_every_input_attachment_and_minutes_pdf(
    tmp_path: Path, media: Path, empty_database: str
) -> None:
    made = _populate()
    source_checksums = sorted(
        _sha(Path(a.file.path).read_bytes()) for a in Attachment.objects.all()
    )
    inputs = sorted([i.pk, i.text, i.email] for i in Input.objects.all())
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["media"]["files"] == 4

    env = stack.stack_env(
        tmp_path / "restored", empty_database, MEDIA_ROOT=str(tmp_path / "restored-media")
    )
    restored = stack.subprocess_run(["restore", str(folder)], env)
    assert restored.returncode == 0, restored.stderr
    found = json.loads(stack.run_django(env, CHECK))

    assert found["inputs"] == inputs
    assert found["attachments"] == source_checksums
    assert len(found["meeting_attachments"]) == 1
    assert len(found["documents"]) == 1
    minutes = found["minutes_pdfs"][str(made["meeting"])]
    assert "Åbent punkt om budget" in minutes


def test_restore_refuses_a_database_that_is_not_empty(tmp_path: Path, media: Path) -> None:
    make_process()
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(folder))


def test_restore_refuses_a_damaged_backup_before_touching_anything(
    tmp_path: Path, media: Path, empty_database: str
) -> None:
    make_process()
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    with (folder / "media.tar.gz").open("ab") as archive:
        archive.write(b"damage")
    env = stack.stack_env(tmp_path / "r", empty_database, MEDIA_ROOT=str(tmp_path / "rm"))
    result = stack.subprocess_run(["restore", str(folder)], env)
    assert result.returncode != 0
    assert "does not match its checksum" in result.stderr
    assert not (tmp_path / "rm").exists()


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path: Path, media: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "old"))
