"""Importing one file or a whole archive: what the command asks of the store, per-file
results, the progress bar and the summary.

This module has no database: the meetings app passes a :data:`StoreHook` that validates a
parsed document against the database and stores it (or, for a dry run, validates it the
same way and stores nothing). Each file is read, parsed and stored on its own, so one bad
file never stops the rest.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from dialogportal.minutes.errors import MinutesError, Translate, gettext_noop, render
from dialogportal.minutes.extract import MinutesSource, read_minutes_source
from dialogportal.minutes.model import ParsedMinutes
from dialogportal.minutes.parser import parse_minutes

__all__ = [
    "DOCUMENT_SUFFIXES",
    "FileResult",
    "ImportOutcome",
    "ImportRequest",
    "KnownHook",
    "Outcome",
    "Progress",
    "StoreHook",
    "Summary",
    "archive_files",
    "file_digest",
    "import_file",
]

#: What an archive holds that is meant to be imported; the unreadable ones among them (.doc,
#: .odt, .rtf) are reported as failed with the reason, never passed over in silence.
DOCUMENT_SUFFIXES = frozenset(
    {".pdf", ".docx", ".md", ".markdown", ".txt", ".text", ".doc", ".odt", ".rtf"}
)


class Outcome(StrEnum):
    IMPORTED = "imported"  # a new meeting
    UPDATED = "updated"  # an existing meeting got new or changed items (agenda → minutes)
    PRESENT = "present"  # already imported: nothing changed
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ImportRequest:
    source: MinutesSource
    parsed: ParsedMinutes
    committee_slug: str | None = None
    create_committee: bool = False
    committee_level: str | None = None
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    status: Outcome
    message: str


#: Validates and stores one parsed document; raises :class:`MinutesError` (or LookupError,
#: PermissionError) when it must be refused. A dry run validates the same way, storing nothing.
StoreHook = Callable[[ImportRequest], ImportOutcome]
#: Given a file's SHA-256, says (a one-line report) whether that file was imported before, so
#: that an archive run again skips it without reading it; None when it is new.
KnownHook = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class FileResult:
    path: Path
    status: Outcome
    message: str
    #: 2 for a file that cannot be read or understood, 1 for one the store refused, else 0.
    code: int = 0
    parsed: ParsedMinutes | None = None


def file_digest(path: Path) -> str | None:
    """SHA-256 of the file's bytes, or None when it cannot be read (reported when read)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def import_file(
    path: Path,
    *,
    store: StoreHook | None,
    known: KnownHook | None = None,
    committee_slug: str | None = None,
    create_committee: bool = False,
    committee_level: str | None = None,
    dry_run: bool = False,
    translate: Translate,
) -> FileResult:
    """Read, parse and store (or check) one file; never raises for a bad file."""
    if known is not None and path.is_file():
        digest = file_digest(path)
        report = known(digest) if digest is not None else None
        if report is not None:
            return FileResult(path, Outcome.PRESENT, report)
    try:
        source = read_minutes_source(path)
        try:
            parsed = parse_minutes(source.text, source_name=str(path))
        except MinutesError as error:
            page = source.page_of_line(error.line) if error.line is not None else None
            raise error.located(page=page) from None
    except MinutesError as error:
        return FileResult(path, Outcome.FAILED, error.render(translate), code=2)
    if store is None:
        if dry_run:
            return FileResult(path, Outcome.PRESENT, "", parsed=parsed)
        message = render(
            gettext_noop(
                "%(file)s: der er ingen database at gemme i her; brug --dry-run for at "
                "kontrollere dokumentet"
            ),
            {"file": str(path)},
            translate,
        )
        return FileResult(path, Outcome.FAILED, message, code=1, parsed=parsed)
    request = ImportRequest(
        source=source,
        parsed=parsed,
        committee_slug=committee_slug,
        create_committee=create_committee,
        committee_level=committee_level,
        dry_run=dry_run,
    )
    try:
        outcome = store(request)
    except MinutesError as error:
        located = error if error.source_name else error.located(source_name=str(path))
        return FileResult(path, Outcome.FAILED, located.render(translate), code=1, parsed=parsed)
    except (LookupError, PermissionError) as error:
        return FileResult(path, Outcome.FAILED, f"{path}: {error}", code=1, parsed=parsed)
    return FileResult(path, outcome.status, outcome.message, parsed=parsed)


def archive_files(directory: Path) -> tuple[list[Path], list[Path]]:
    """The documents in ``directory`` and below, in name order, and the other files."""
    documents: list[Path] = []
    others: list[Path] = []
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.parts[-1:]):
            continue
        if path.name.startswith("~$"):
            continue  # Word's lock file beside an open document
        (documents if path.suffix.lower() in DOCUMENT_SUFFIXES else others).append(path)
    return documents, others


class Progress:
    """A progress bar on a terminal; one line per file where the output is a log."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO, *, is_tty: bool, translate: Translate) -> None:
        self.total = total
        self.stream = stream
        self.is_tty = is_tty
        self.translate = translate
        self.done = 0
        self.started = time.monotonic()

    def step(self, result: FileResult) -> None:
        self.done += 1
        label = self.translate(_STATUS_LABELS[result.status])
        if not self.is_tty:
            self.stream.write(f"[{self.done}/{self.total}] {result.path}: {label}\n")
            return
        if result.status is Outcome.FAILED:
            self.stream.write(f"\r\033[K{result.message}\n")
        filled = self.WIDTH * self.done // max(self.total, 1)
        elapsed = time.monotonic() - self.started
        bar = "#" * filled + "." * (self.WIDTH - filled)
        name = result.path.name[-40:]
        self.stream.write(f"\r\033[K[{bar}] {self.done}/{self.total} {elapsed:4.0f} s  {name}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


_STATUS_LABELS = {
    Outcome.IMPORTED: gettext_noop("importeret"),
    Outcome.UPDATED: gettext_noop("opdateret"),
    Outcome.PRESENT: gettext_noop("fandtes allerede"),
    Outcome.FAILED: gettext_noop("fejlede"),
}


@dataclass
class Summary:
    results: list[FileResult] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)

    def of(self, *statuses: Outcome) -> list[FileResult]:
        return [result for result in self.results if result.status in statuses]

    @property
    def failed(self) -> list[FileResult]:
        return self.of(Outcome.FAILED)

    def lines(self, translate: Translate, *, dry_run: bool) -> Iterator[str]:
        def t(template: str, **params: object) -> str:
            return render(template, params, translate)

        imported = self.of(Outcome.IMPORTED, Outcome.UPDATED)
        present = self.of(Outcome.PRESENT)
        heading = (
            gettext_noop("Kan importeres: %(count)d filer")
            if dry_run
            else gettext_noop("Importeret: %(count)d filer")
        )
        yield t(heading, count=len(imported))
        yield from (f"  {result.path}: {result.message}" for result in imported)
        yield t(gettext_noop("Fandtes allerede: %(count)d filer"), count=len(present))
        yield from (f"  {result.path}: {result.message}" for result in present)
        yield t(gettext_noop("Fejlede: %(count)d filer"), count=len(self.failed))
        yield from (f"  {result.message}" for result in self.failed)
        if self.ignored:
            yield t(
                gettext_noop("Sprunget over (ikke dokumenter): %(count)d filer"),
                count=len(self.ignored),
            )

    def as_json(self) -> dict[str, object]:
        def files(results: Iterable[FileResult]) -> list[dict[str, str]]:
            return [{"file": str(r.path), "message": r.message} for r in results]

        return {
            "imported": files(self.of(Outcome.IMPORTED, Outcome.UPDATED)),
            "present": files(self.of(Outcome.PRESENT)),
            "failed": [{"file": str(r.path), "reason": r.message} for r in self.failed],
            "ignored": [str(path) for path in self.ignored],
        }
