"""Import 1,000 generated minutes files into the database, then import them all again.

    uv run python benchmarks/minutes_import_db.py   # 1,000 files, SQLite in a temp dir
    DATABASE_URL=postgres://… uv run python benchmarks/minutes_import_db.py --n 1000

Each file goes through the same path as `dialogportal import-minutes FILE --committee SLUG`:
read, parse, and one all-or-nothing save. The second pass must create nothing (idempotent)."""

import argparse
import os
import sys
import tempfile
import time
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

from benchmarks.minutes_import import COMMITTEES, generate  # noqa: E402
from dialogportal.meetings.importing import save_parsed_minutes  # noqa: E402
from dialogportal.meetings.models import AgendaItem, Meeting  # noqa: E402
from dialogportal.minutes import parse_minutes, read_minutes_file  # noqa: E402
from dialogportal.organisation.models import CommitteeKind, CommitteeLevel  # noqa: E402
from dialogportal.organisation.services import save_committee  # noqa: E402


def import_all(files: list[tuple[Path, int]]) -> float:
    started = time.perf_counter()
    for index, (path, _) in enumerate(files):
        parsed = parse_minutes(read_minutes_file(path), source_name=path.name)
        # The generated files number their items at random; one committee per file keeps the
        # numbering rule (unique per committee and year) as real minutes do.
        save_parsed_minutes(parsed, f"udvalg-{index}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    for index in range(args.n):
        save_committee(
            slug=f"udvalg-{index}",
            name=f"{COMMITTEES[index % len(COMMITTEES)]} {index}",
            kind=CommitteeKind.MED,
            level=CommitteeLevel.LOCAL,
        )
    files = generate(work, args.n)
    first = import_all(files)
    meetings, items = Meeting.objects.count(), AgendaItem.objects.count()
    second = import_all(files)
    unchanged = (Meeting.objects.count(), AgendaItem.objects.count()) == (meetings, items)
    print(
        f"{args.n} files into {django.db.connection.vendor}: first import {first:.1f} s "
        f"({args.n / first:.0f} files/s, {meetings} meetings, {items} items); "
        f"second import {second:.1f} s, {'nothing new' if unchanged else 'DUPLICATES CREATED'}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    return 0 if unchanged else 1


if __name__ == "__main__":
    sys.exit(main())
