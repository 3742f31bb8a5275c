"""Cold start: from `dialogportal serve` to the first 200, on a warm install, beside the floor
(gunicorn serving a WSGI app that answers "ok" without Django), and where the import time goes.

    uv run python benchmarks/cold_start.py [--repeat 5] [--postgres] [--path /]

Target (issue #20): `dialogportal serve` to the first 200 ≤ 1 s on a warm install. The install
is a temporary directory with a migrated database (SQLite, or with --postgres a fresh database
next to DATABASE_URL's), collected static files (the production manifest) and compiled
bytecode; one start before the measured ones warms the file cache and is not counted. Each
start runs `python -m dialogportal serve` (2 workers, as in production) and asks for --path
every 10 ms until it answers 200; the time from spawning the command to that answer is the
figure. Two floors are measured in the same run, with the same gunicorn options (2 workers,
preloaded): a 10-line WSGI app (what starting the interpreter and gunicorn costs before any
Django code runs) and a trivial Django project (`startproject`'s apps and middleware, one view
answering "ok"): what the framework itself costs to start on this machine. The ratio to the
Django floor is the figure a noisy machine cannot move much.

Then `python -X importtime` on what a worker imports before it can answer (the WSGI app and the
URLconf with every view): the total, the heaviest top-level packages (own time of all their
modules), and whether the modules that must load only where they are used (WeasyPrint, openpyxl,
the embedding model's sentence_transformers/torch, the document readers, httpx, and
mozilla-django-oidc with PyJWT) were imported."""

from __future__ import annotations

import argparse
import os
import resource
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import wrk_runner
from inputs_submit import ROOT, environment, free_port, migrate, temp_workdir
from public_pages import fresh_postgres

FLOOR_APP = """\
def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
"""

# What a worker imports before it answers its first request: the WSGI app, then (at the first
# request) the URLconf and through it every view module.
WORKER_IMPORTS = """
from dialogportal.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns
"""

# The trivial Django project: what `django-admin startproject` installs, and one view.
DJANGO_FLOOR_APP = """\
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="cold-start-floor",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "floor.sqlite3"}},
    STATIC_URL="static/",
)


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
"""

# Heavy modules that must be imported only where they are used (not at start).
MUST_BE_LAZY = (
    "numpy",
    "scipy",
    "simplemma",
    "weasyprint",
    "openpyxl",
    "sentence_transformers",
    "torch",
    "pypdf",
    "pypdfium2",
    "docx",
    "cryptography",
    "httpx",
    "mozilla_django_oidc",
    "jwt",
)


def _gunicorn(app: str, port: int, workdir: Path) -> list[str]:
    """A floor served as `dialogportal serve` serves the project: 2 workers, preloaded."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "--workers",
        "2",
        "--preload",
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(workdir),
    ]


def first_200(command: list[str], env: dict[str, str], url: str, *, limit: float = 60) -> float:
    """Seconds from spawning `command` to the first 200 from `url`; the server is stopped."""
    started = time.perf_counter()
    server = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.perf_counter() - started < limit:
            try:
                with urllib.request.urlopen(url, timeout=limit) as response:  # noqa: S310
                    if response.status == 200:
                        return time.perf_counter() - started
            except (urllib.error.URLError, ConnectionError):
                pass
            if server.poll() is not None:
                raise RuntimeError(f"{command} exited with {server.returncode}")
            time.sleep(0.01)
        raise RuntimeError(f"no 200 from {url} within {limit} s")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def import_cpu_seconds(env: dict[str, str], code: str) -> float:
    """CPU seconds (user + system) of a fresh interpreter running `code`: less disturbed by a
    busy machine than the wall-clock time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def import_profile(env: dict[str, str]) -> tuple[float, list[tuple[str, float]], list[str]]:
    """(total seconds, [(top-level package, seconds)], heavy modules that were imported)."""
    probe = WORKER_IMPORTS + (
        f"import sys\nprint('LOADED', ' '.join(m for m in {MUST_BE_LAZY!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", probe],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    own: dict[str, float] = defaultdict(float)
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line.removeprefix("import time:").split("|")
        own[name.strip().split(".")[0]] += int(self_us) / 1e6
    loaded = next(x for x in result.stdout.splitlines() if x.startswith("LOADED"))
    heaviest = sorted(own.items(), key=lambda item: -item[1])
    return sum(own.values()), heaviest, loaded.split()[1:]


# Imported at start only because the development tools are installed (httpx loads its command
# line, which needs click, rich and pygments, when they are there: import-linter brings them).
DEV_ONLY = ("rich", "click", "pygments")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--path", default="/")
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL's server")
    args = parser.parse_args()
    with temp_workdir() as workdir:
        if args.postgres:
            database_url = fresh_postgres(os.environ["DATABASE_URL"], "coldstart")
        else:
            database_url = f"sqlite:///{workdir / 'cold.sqlite3'}"
        env = environment(workdir, database_url)
        env.update({"DJANGO_SETTINGS_MODULE": "dialogportal.settings", "STATIC_MANIFEST": "true"})
        env.pop("PAGE_CACHE_URL", None)
        (workdir / "floor_app.py").write_text(FLOOR_APP, encoding="utf-8")
        (workdir / "django_floor_app.py").write_text(DJANGO_FLOOR_APP, encoding="utf-8")
        migrate(env)
        subprocess.run(
            [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "dialogportal"], cwd=ROOT, check=True
        )
        print(
            f"== dialogportal serve to the first 200 of {args.path} "
            f"({'PostgreSQL' if args.postgres else 'SQLite'}, 2 workers), {args.repeat} starts "
            "after one unmeasured =="
        )
        page: list[float] = []
        floor: list[float] = []
        django_floor: list[float] = []
        for repetition in range(args.repeat + 1):
            port = free_port()
            serve = [sys.executable, "-m", "dialogportal", "serve", "--bind", f"127.0.0.1:{port}"]
            seconds = first_200(serve, env, f"http://127.0.0.1:{port}{args.path}")
            port = free_port()
            floor_seconds = first_200(
                _gunicorn("floor_app:application", port, workdir),
                env,
                f"http://127.0.0.1:{port}/",
            )
            port = free_port()
            floor_env = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
            django_seconds = first_200(
                _gunicorn("django_floor_app:application", port, workdir),
                floor_env,
                f"http://127.0.0.1:{port}/",
            )
            if repetition == 0:
                continue  # warms the file cache
            page.append(seconds)
            floor.append(floor_seconds)
            django_floor.append(django_seconds)
            print(
                f"  start {repetition}: serve {seconds * 1000:5.0f} ms   trivial Django project "
                f"{django_seconds * 1000:5.0f} ms   bare gunicorn {floor_seconds * 1000:5.0f} ms"
                f"   [load {wrk_runner.load()}]"
            )
        median, median_floor = statistics.median(page), statistics.median(floor)
        median_django = statistics.median(django_floor)
        print(
            f"=> median {median * 1000:.0f} ms ({'meets' if median <= 1 else 'ABOVE'} ≤ 1 s); "
            f"trivial Django project {median_django * 1000:.0f} ms "
            f"({'meets' if median_django <= 1 else 'ABOVE'} ≤ 1 s itself); bare gunicorn "
            f"{median_floor * 1000:.0f} ms\n=> ratio to the trivial Django project "
            f"{median / median_django:.2f}× (median of the per-start ratios "
            f"{statistics.median(p / d for p, d in zip(page, django_floor, strict=True)):.2f}×)"
        )
        cpu = statistics.median(import_cpu_seconds(env, WORKER_IMPORTS) for _ in range(3))
        cpu_floor = statistics.median(import_cpu_seconds(env, "import gunicorn") for _ in range(3))
        print(
            f"\nCPU time of a worker's imports (median of 3): {cpu * 1000:.0f} ms; of the floor "
            f"(interpreter and gunicorn) {cpu_floor * 1000:.0f} ms"
        )
        total, heaviest, loaded = import_profile(env)
        print(f"\n== imports of a worker before its first answer: {total * 1000:.0f} ms ==")
        for name, seconds in heaviest[:15]:
            note = "  (dev tools installed only: not in production)" if name in DEV_ONLY else ""
            print(f"  {name:28} {seconds * 1000:6.0f} ms{note}")
        print(
            "heavy modules loaded at start: "
            + (", ".join(loaded) if loaded else "none")
            + f" (of {', '.join(MUST_BE_LAZY)})"
        )
        print(f"load average now {wrk_runner.load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
