"""Import an archive of 1,000 generated minutes files into the database, then import it again.

    uv run python benchmarks/minutes_import_db.py             # 1,000 files, SQLite in a temp dir
    DATABASE_URL=postgres://…/dp_bench uv run python benchmarks/minutes_import_db.py

The archive is the one `benchmarks/minutes_import.py` writes (five committees over the years,
Markdown, text, Word and PDF). It goes through exactly what an administrator runs:
`dialogportal import-minutes DIR --create-committee` (archive mode: every file read, parsed,
checked and stored in its own transaction), so the first run creates the committees from the
documents. The second run must find every file already present (by its digest) and change
nothing. The database named by DATABASE_URL is migrated and filled: use one of your own.
"""

import argparse
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

work = Path(tempfile.mkdtemp(prefix="dialogportal-bench-"))
os.environ.setdefault("VAR_DIR", str(work / "var"))
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("CACHE_URL", "locmemcache://")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogportal.settings")
(work / "var").mkdir()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from benchmarks.minutes_import import generate  # noqa: E402
from dialogportal.meetings.models import AgendaItem, Meeting, MinutesImport  # noqa: E402


def _import(directory: Path) -> tuple[float, int, str]:
    out, err = StringIO(), StringIO()
    started = time.perf_counter()
    try:
        call_command("import_minutes", str(directory), "--create-committee", stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return time.perf_counter() - started, code, out.getvalue()


def _counts() -> tuple[int, int, int]:
    return Meeting.objects.count(), AgendaItem.objects.count(), MinutesImport.objects.count()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    archive = work / "arkiv"
    archive.mkdir()
    generated = generate(archive, args.n)
    by_format = {
        kind: sum(1 for g in generated if g.format == kind) for kind in ("md", "txt", "docx", "pdf")
    }
    first, code, summary = _import(archive)
    meetings, items, imports = _counts()
    second, second_code, second_summary = _import(archive)
    unchanged = _counts() == (meetings, items, imports)
    print(
        f"{args.n} files {by_format} into {django.db.connection.vendor}: first import "
        f"{first:.0f} s ({args.n / first:.1f} files/s, exit {code}, {meetings} meetings, "
        f"{items} items); second import {second:.0f} s ({args.n / second:.1f} files/s, exit "
        f"{second_code}), {'nothing new' if unchanged else 'CHANGED THE DATABASE'}; load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    print(summary.split("\n")[0], "|", second_summary.split("\n")[0])
    failed = [line for line in summary.split("\n") if line.startswith("Fejlede")]
    print(failed[0] if failed else "")
    return 0 if unchanged and code == 0 and meetings == args.n else 1


if __name__ == "__main__":
    sys.exit(main())
