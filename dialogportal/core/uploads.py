"""The one set of rules for an uploaded file, in every app (an input's attachments, a process
document, a meeting item's attachment, a MED hearing file): the type is decided by the file's
CONTENT (never its name), sizes and counts are limited by settings, and the name a person gave
is sanitised before it is stored.

Settings (read with defaults, so none is required):
- INPUT_ATTACHMENT_MAX_BYTES   (default 10 MiB per file)
- INPUT_ATTACHMENT_MAX_COUNT   (default 5 files per input)
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# content type → (canonical extension, label shown in messages)
ALLOWED_TYPES: dict[str, tuple[str, str]] = {
    "application/pdf": ("pdf", "PDF"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", "Word"),
    "image/jpeg": ("jpg", "JPEG"),
    "image/png": ("png", "PNG"),
}
_SNIFF_BYTES = 8192


def max_bytes() -> int:
    return int(settings.INPUT_ATTACHMENT_MAX_BYTES)


def max_count() -> int:
    return int(settings.INPUT_ATTACHMENT_MAX_COUNT)


@dataclass(frozen=True)
class CheckedAttachment:
    """An attachment that passed every rule; `data` is its full content."""

    name: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


def sanitise_filename(name: str, extension: str) -> str:
    """A safe display name: no path, no control characters, no shell/HTML specials, at most
    100 characters, and the extension that matches the detected content."""
    base = PurePath(name.replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] not in {"C"})
    stem = re.sub(r"[<>:\"/\\|?*;&$`'{}\[\]%#]+", "_", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" ._-")[:100] or "bilag"
    return f"{stem}.{extension}"


def _detect(data: bytes) -> str | None:
    kind = filetype.guess(data[:_SNIFF_BYTES])
    mime: str | None = str(kind.mime) if kind else None
    if mime == "application/zip" or (mime in ALLOWED_TYPES and ALLOWED_TYPES[mime][0] == "docx"):
        return _docx_or_none(data)
    if mime in ALLOWED_TYPES:
        return mime
    return None


def _docx_or_none(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return None


def _read_limited(handle: IO[bytes], limit: int) -> bytes:
    data = handle.read(limit + 1)
    return data if isinstance(data, bytes) else bytes(data)


def check_attachments(files: list[tuple[str, IO[bytes]]]) -> list[CheckedAttachment]:
    """Check every (name, file) pair; raises one ValidationError listing every problem."""
    limit = max_bytes()
    allowed = ", ".join(label for _ext, label in ALLOWED_TYPES.values())
    if len(files) > max_count():
        raise ValidationError(
            _("Du kan højst vedhæfte %(count)d filer; du valgte %(given)d.")
            % {"count": max_count(), "given": len(files)},
            code="too_many",
        )
    checked: list[CheckedAttachment] = []
    errors: list[ValidationError] = []
    for name, handle in files:
        shown = sanitise_filename(name or "", "")[:-1] or "bilag"
        data = _read_limited(handle, limit)
        if not data:
            errors.append(ValidationError(_("Filen »%(name)s« er tom.") % {"name": shown}))
            continue
        if len(data) > limit:
            errors.append(
                ValidationError(
                    _("Filen »%(name)s« er for stor. Den må højst fylde %(limit)s.")
                    % {"name": shown, "limit": filesizeformat(limit)},
                    code="too_large",
                )
            )
            continue
        content_type = _detect(data)
        if content_type is None:
            errors.append(
                ValidationError(
                    _(
                        "Filen »%(name)s« er ikke en fil af en tilladt type. Tilladt er "
                        "%(allowed)s – typen afgøres af filens indhold, ikke af navnet."
                    )
                    % {"name": shown, "allowed": allowed},
                    code="bad_type",
                )
            )
            continue
        extension = ALLOWED_TYPES[content_type][0]
        checked.append(
            CheckedAttachment(
                name=sanitise_filename(name or "", extension), content_type=content_type, data=data
            )
        )
    if errors:
        raise ValidationError(errors)
    return checked
