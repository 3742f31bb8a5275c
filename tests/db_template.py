"""The migrated SQLite test database, made once and copied.

Migrating an empty database through every app's migrations costs about half a CPU-minute, and
every pytest process (each xdist worker, each CI lane) used to pay it. The first process to need
it migrates as before and saves the result as a template in the temporary folder, named by a hash
of everything the schema comes from (the migrations, the settings, the locked dependency
versions); every later process copies the file and runs `migrate`, which then has nothing to
apply. A change to any migration gives a new name, so a stale schema is never used.
`pytest --create-db` migrates from scratch as before (and refreshes the template)."""

import fcntl
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def schema_key() -> str:
    digest = hashlib.sha256()
    sources = sorted(ROOT.glob("dialogportal/*/migrations/*.py"))
    sources += [ROOT / "dialogportal" / "settings.py", ROOT / "uv.lock"]
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def template_path() -> Path:
    return Path(tempfile.gettempdir()) / f"dialogportal-test-template-{schema_key()}.sqlite3"


@contextmanager
def template_lock(template: Path) -> Iterator[None]:
    """One process at a time makes or reads the template (the others wait for it)."""
    with template.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def copy_database(source: Path | str, target: Path | str) -> None:
    """A consistent copy through SQLite's backup API (the source may be open, in WAL mode)."""
    partial = Path(f"{target}.partial-{os.getpid()}")
    with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    partial.replace(target)
