"""Backup and restore of a whole installation: the database and the uploaded files (MEDIA_ROOT).

A backup is a folder with

- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (the embedded
  SQLite database, copied with SQLite's online backup API while the site runs);
- `media.tar.gz`, every file under MEDIA_ROOT (input attachments, meeting attachments,
  process documents);
- `manifest.json`: what is in it, the SHA-256 of each file, and the applied migrations.

The database is copied first, then the files: an upload is written to disk before its row is
committed, so every row in the copy finds its file (a file that arrives after the copy of the
database is an unused extra). Minutes PDFs are rendered from the database and need no copy.

A restore goes into an empty database and an empty MEDIA_ROOT only (it never overwrites a
working installation), checks every checksum first, and migrates afterwards, so a backup of an
older version comes up on the newer one."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class BackupSummary:
    folder: Path
    engine: str
    database_bytes: int
    media_files: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine() -> str:
    if connection.vendor not in DUMPS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _pg_tool(name: str) -> str:
    """pg_dump / pg_restore: from PG_BIN, the PATH, or Debian's versioned folders (newest)."""
    configured = os.environ.get("PG_BIN")
    if configured and (Path(configured) / name).exists():
        return str(Path(configured) / name)
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    if versions:
        return str(versions[0])
    raise BackupError(f"{name} was not found: install PostgreSQL's client tools or set PG_BIN.")


def _pg_arguments() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--dbname", str(db["NAME"]), "--no-password"]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run_tool(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603 - our own fixed command line
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed: {result.stderr.strip()[-2000:]}")


def _applied_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def create_backup(*, folder: Path) -> BackupSummary:
    """Write a backup into `folder` (new or empty)."""
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; give a new or empty folder.")
    folder.mkdir(parents=True, exist_ok=True)
    engine = _engine()
    dump = folder / DUMPS[engine]
    if engine == "postgresql":
        args, env = _pg_arguments()
        options = ["--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)]
        _run_tool([_pg_tool("pg_dump"), *options, *args], env)
    else:
        connection.ensure_connection()
        target = sqlite3.connect(dump)
        try:
            connection.connection.backup(target)  # online: the site keeps running
        finally:
            target.close()
    media_root = Path(settings.MEDIA_ROOT)
    files = 0
    with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                    files += 1
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "database": {"file": dump.name, "sha256": _sha256(dump), "bytes": dump.stat().st_size},
        "media": {
            "file": MEDIA_ARCHIVE,
            "sha256": _sha256(folder / MEDIA_ARCHIVE),
            "files": files,
        },
        "migrations": _applied_migrations(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return BackupSummary(folder, engine, dump.stat().st_size, files)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a backup, after checking every file against its checksum."""
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} holds no {MANIFEST}: it is not a Dialogportal backup.")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        parts = [manifest["database"], manifest["media"]]
        if manifest["format"] != FORMAT:
            raise BackupError(f"Backup format {manifest['format']} is not known here.")
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{path} cannot be read: {exc}") from exc
    for part in parts:
        file = folder / str(part["file"])
        if not file.is_file():
            raise BackupError(f"{file} is missing from the backup.")
        if _sha256(file) != part["sha256"]:
            raise BackupError(f"{file} does not match its checksum: the backup is damaged.")
    return manifest


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore_backup(*, folder: Path) -> BackupSummary:
    """Restore the backup in `folder` into this installation's (empty) database and MEDIA_ROOT,
    then migrate."""
    manifest = read_manifest(folder)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"The backup is of a {manifest['engine']} database; this installation uses {engine}."
        )
    if not _database_is_empty():
        raise BackupError(
            "The database is not empty. Restore into a new, empty database "
            "(DATABASE_URL) so nothing is overwritten."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(f"MEDIA_ROOT ({media_root}) is not empty; restore into an empty folder.")
    dump = folder / str(manifest["database"]["file"])
    if engine == "postgresql":
        args, env = _pg_arguments()
        options = ["--no-owner", "--no-privileges", "--exit-on-error"]
        _run_tool([_pg_tool("pg_restore"), *options, *args, str(dump)], env)
    else:
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    connection.close()  # the next query sees the restored tables
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
        archive.extractall(media_root, filter="data")  # no absolute paths, no "..", no links out
    call_command("migrate", interactive=False, verbosity=0)
    return BackupSummary(
        folder, engine, int(manifest["database"]["bytes"]), int(manifest["media"]["files"])
    )
