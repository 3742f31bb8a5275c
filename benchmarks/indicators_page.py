"""Render time of the white-paper page: 20 indicators x 8 areas x 10 years.

    uv run python benchmarks/indicators_page.py             # 200 requests each way
    uv run python benchmarks/indicators_page.py --n 500

Runs the real stack (URL routing, middleware, permission helper, queries, templates) through
Django's test client against a fresh SQLite database in a temporary directory, with the local
memory cache. "cached" = figures (chart SVG, sentence, table) come from the cache, the normal
case between refreshes; "cold" = the cache is cleared before every request, the first view
after a refresh. Target: p95 <= 100 ms with cached charts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

INDICATORS = 20
PEERS = ("615", "621", "630", "561", "740", "751")  # 8 areas with Randers and the country
YEARS = tuple(range(2015, 2025))


def _configure(var_dir: Path) -> None:
    os.environ.update(
        {
            "SECRET_KEY": "benchmark-only",
            "DEBUG": "false",
            "VAR_DIR": str(var_dir),
            "DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
            "CACHE_URL": "locmemcache://",
            "STATIC_MANIFEST": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "LOG_LEVEL": "ERROR",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogportal.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command

    # No setup_test_environment(): its instrumented template rendering would be timed too.
    call_command("migrate", verbosity=0)


def _populate() -> str:
    from dialogportal.indicators.models import RefreshKind, SourceKind
    from dialogportal.indicators.services import (
        create_indicator,
        set_comparison_set,
        store_series,
    )
    from dialogportal.processes.services import add_focus_area, create_process

    process = create_process(slug="bench", title="Benchmark", is_published=True)
    areas = [
        add_focus_area(
            process=process, slug=f"omraade-{n}", title=f"Område {n}", description="…", order=n
        )
        for n in range(7)
    ]
    set_comparison_set(process=process, municipality_code="730", peer_codes=PEERS)
    codes = ("730", "000", *PEERS)
    for number in range(INDICATORS):
        indicator = create_indicator(
            process=process,
            slug=f"noegletal-{number}",
            name=f"Nøgletal nummer {number}",
            unit="pct." if number % 2 else "kr.",
            source_kind=SourceKind.UPLOAD,
            source_note="Kilde: benchmark",
            is_higher_better=bool(number % 3),
            decimals=1,
            order=number,
            focus_areas=[areas[number % 7], areas[(number + 3) % 7]],
        )
        points = [
            (code, str(year), Decimal(50 + area_index * 1.7 + (year - 2015) * 0.4 + number))
            for area_index, code in enumerate(codes)
            for year in YEARS
        ]
        store_series(indicator=indicator, points=points, kind=RefreshKind.UPLOAD)
    return "/processer/bench/hvidbog/"


def _time(path: str, n: int, *, cold: bool) -> list[float]:
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    times = []
    for _ in range(n):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def _report(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    print(
        f"{label:8} n={len(times):4}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
        f"max {ordered[-1]:6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _configure(Path(tmp))
        path = _populate()
        from django.test import Client

        first = Client().get(path)  # warm imports and the URL resolver
        size = len(first.content)
        print(
            f"white-paper page: {INDICATORS} indicators x {len(PEERS) + 2} areas x {len(YEARS)} "
            f"years, {size / 1024:.0f} KiB HTML, {first.content.count(b'<svg')} SVG charts"
        )
        _report("cached", _time(path, args.n, cold=False))
        _report("cold", _time(path, max(20, args.n // 5), cold=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
