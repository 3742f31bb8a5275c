"""Public pages against the floor of the stack: each page's requests/s as a ratio to the login
page's (same base template, no data), measured side by side with wrk in one run.

    uv run python benchmarks/public_pages.py [--inputs 300 10000] [--repeat 3] [--seconds 8]
                                             [--postgres] [--connections 50]

Target (issue #20): every public page ≥ 0.8× the login page, with 300 and with 10,000 published
inputs, the deep pages of a long focus area included (cost flat in the number of inputs).

For each number of inputs: a fresh installation in a temporary directory (SQLite, or with
--postgres a fresh database next to DATABASE_URL's), the demo data (`load_demo`), published
inputs added to one focus area up to the number asked for, and the production server
(gunicorn, 2 sync workers, the default page cache: files under VAR_DIR). Then, per page and
per repetition: wrk on the login page, then wrk on the page (warmed first: anonymous visitors
see cached pages), each for --seconds with 50 connections; the ratio is page/floor, and the
median over the repetitions is what counts. The absolute figures are printed but not judged:
the machine is shared. Also printed: one render of the page right after the public version
changed (a cache miss), the cost the cache hides.

wrk must be installed (Debian: apt-get install wrk); without it the script says so and exits.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import wrk_runner
from inputs_submit import environment, gunicorn, migrate, run_python, temp_workdir

FILL = """
import json, random, secrets
from datetime import date, timedelta
from django.core.management import call_command
from django.db.models import Count
from dialogportal.dialogmeetings.models import DialogMeeting
from dialogportal.inputs.models import ContributorType, Input, ModerationState
from dialogportal.processes.models import Process
call_command("load_demo", verbosity=0)
process = Process.objects.get(slug="fremtidens-randers")
area = (
    process.focus_areas.annotate(n=Count("inputs")).order_by("-n", "order").first()
)
public = Input.objects.public().filter(process=process)
missing = max(0, {count} - public.count())
rng = random.Random(3)
words = ("kommunen skal bygge flere cykelstier boliger busser skoler job grønne områder "
         "landsbyer unge ældre fællesskab natur erhverv").split()
types = list(ContributorType.values)
Input.objects.bulk_create(
    [
        Input(
            process=process, focus_area=area, title=f"Input {{n}}",
            text=" ".join(rng.choice(words) for _ in range(60)),
            contributor_type=types[n % len(types)], postcode="8900",
            name="Navn Navnesen", consent_publish_name=n % 2 == 0,
            consent_text_version="bench",
            given_on=date(2025, 6, 3) + timedelta(days=n % 80),
            moderation_state=ModerationState.PUBLISHED,
            receipt_token=secrets.token_urlsafe(24),
        )
        for n in range(missing)
    ],
    batch_size=2000,
)
now = __import__("django.utils.timezone", fromlist=["now"]).now()
meetings = DialogMeeting.objects.filter(is_public=True, process__is_published=True)
past = meetings.filter(process=process, ends_at__lt=now).order_by("-starts_at").first()
open_ = next((m for m in meetings.order_by("starts_at") if m.is_registration_open_at(now)), None)
print(json.dumps({{
    "area": area.slug,
    "area_inputs": Input.objects.public().filter(focus_area=area).count(),
    "public_inputs": public.count(),
    "past_meeting": past.pk if past else None,
    "open_meeting": open_.pk if open_ else None,
}}))
"""

BUMP = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("UPDATE core_publicversion SET n = n + 1, token = %s WHERE id = 1",
                   [__import__("secrets").token_hex(16)])
"""

DEEP_LUA = """
math.randomseed(11)
request = function()
  local side = math.random(1, {pages})
  return wrk.format("GET", "{path}?side=" .. side)
end
"""


def pages_of(info: dict[str, object]) -> list[tuple[str, str, str]]:
    """(name, path, lua) of every page measured."""
    base = "/processer/fremtidens-randers"
    area = f"{base}/fokus/{info['area']}/"
    pages_in_area = max(1, (int(str(info["area_inputs"])) + 19) // 20)
    result = [
        ("front page", "/", ""),
        ("process", f"{base}/", ""),
        ("focus area, page 1", area, ""),
        (
            "focus area, random page (all pages)",
            area,
            DEEP_LUA.format(pages=pages_in_area, path=area),
        ),
        ("Det har vi hørt (process)", f"{base}/det-har-vi-hoert/", ""),
        ("Det har vi hørt (area)", f"{area}det-har-vi-hoert/", ""),
        ("strategic plan", f"{base}/strategisk-plan/", ""),
        ("dialog meetings of the process", f"{base}/dialogmoeder/", ""),
        ("dialog meetings overview", "/dialogmoeder/oversigt/", ""),
    ]
    if info.get("past_meeting"):
        result.append(("dialog meeting (held)", f"/dialogmoeder/{info['past_meeting']}/", ""))
    if info.get("open_meeting"):
        # Holds the registration form: cached with markers, each answer gets its own CSRF
        # token and one-time key (core.page_cache.csrf_context).
        path = f"/dialogmoeder/{info['open_meeting']}/"
        result.append(("dialog meeting (registration open, form)", path, ""))
    result.append(("English process page", f"/en{base}/", ""))
    return result


def ratio(floor: wrk_runner.WrkResult, page: wrk_runner.WrkResult) -> float:
    """page/floor; 0 when the floor served nothing (the machine stalled: printed, never hidden)."""
    return page.rate / floor.rate if floor.rate else 0.0


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - our localhost
        response.read()
        assert response.status == 200, (url, response.status)
    return time.perf_counter() - started


def warm(base: str, path: str, lua: str) -> None:
    if lua:
        pages = int(lua.split("math.random(1, ")[1].split(")")[0])
        for side in range(1, pages + 1):
            fetch(f"{base}{path}?side={side}")
    else:
        fetch(base + path)


def miss_ms(env: dict[str, str], base: str, path: str) -> float:
    """One render of the page right after the public version changed."""
    run_python(env, BUMP)
    return fetch(base + path) * 1000


def fresh_postgres(url: str, suffix: str) -> str:
    """A fresh database beside DATABASE_URL's (dropped and created), for one run."""
    import psycopg

    head, _slash, name = url.rpartition("/")
    bench = f"{name.split('?')[0]}_bench_{suffix}"
    admin = f"{head}/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{bench}"')
        db.execute(f'CREATE DATABASE "{bench}"')
    return f"{head}/{bench}"


def bench(count: int, args: argparse.Namespace) -> list[tuple[str, float]]:
    with temp_workdir() as workdir:
        if args.postgres:
            database_url = fresh_postgres(os.environ["DATABASE_URL"], str(count))
        else:
            database_url = f"sqlite:///{workdir / 'pages.sqlite3'}"
        env = environment(workdir, database_url)
        env.pop("PAGE_CACHE_URL", None)  # the production default: files under VAR_DIR
        migrate(env)
        print(f"\nloading the demo and {count} published inputs …", flush=True)
        info = json.loads(run_python(env, FILL.format(count=count)).strip().splitlines()[-1])
        print(
            f"== {info['public_inputs']} published inputs, {info['area_inputs']} in the focus "
            f"area '{info['area']}' ({(int(info['area_inputs']) + 19) // 20} pages); "
            f"{'PostgreSQL' if args.postgres else 'SQLite'}, gunicorn 2 "
            f"workers, wrk -c{args.connections} -d{args.seconds}s, {args.repeat} repetitions =="
        )
        ratios: list[tuple[str, float]] = []
        with gunicorn(env) as base:
            for name, path, lua in pages_of(info):
                if args.only and not any(part in name for part in args.only):
                    continue
                warm(base, path, lua)
                runs = []
                for _ in range(args.repeat):
                    floor = wrk_runner.run(
                        base + "/konto/login/",
                        connections=args.connections,
                        seconds=args.seconds,
                    )
                    warm(base, path, "")  # the page may have reached its lifetime meanwhile
                    page = wrk_runner.run(
                        base + path, lua=lua, connections=args.connections, seconds=args.seconds
                    )
                    runs.append((floor, page))
                median = statistics.median(ratio(floor, page) for floor, page in runs)
                miss = miss_ms(env, base, path) if not lua else miss_ms(env, base, f"{path}?side=2")
                warm(base, path, lua)
                print(f"\n{name}  ({path})")
                for floor, page in runs:
                    print(f"  floor (login) {floor.line()}   [load {floor.load}]")
                    print(f"  page          {page.line()}   [load {page.load}]")
                    print(f"  ratio         {ratio(floor, page):.2f}")
                print(
                    f"  => median ratio {median:.2f} "
                    f"({'meets' if median >= 0.8 else 'BELOW'} ≥ 0.8); "
                    f"one render after a change: {miss:.0f} ms",
                    flush=True,
                )
                ratios.append((name, median))
    return ratios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inputs", type=int, nargs="+", default=[300, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL's server")
    parser.add_argument("--only", nargs="+", default=[], help="pages whose name contains one")
    args = parser.parse_args()
    if not wrk_runner.available():
        print("wrk is not installed (Debian: apt-get install wrk); nothing measured.")
        return 0
    summary = {count: bench(count, args) for count in args.inputs}
    print("\n== median ratio to the login page (target ≥ 0.8) ==")
    names = [name for name, _ratio in next(iter(summary.values()))]
    print(f"{'page':48}" + "".join(f"{count:>10}" for count in summary))
    for index, name in enumerate(names):
        cells = "".join(
            f"{ratios[index][1]:10.2f}" if index < len(ratios) else f"{'-':>10}"
            for ratios in summary.values()
        )
        print(f"{name:48}{cells}")
    print(f"load average now {wrk_runner.load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
