"""The `dialogportal` command: `demo`, `serve`, the database-free batch tools, and every Django
management command (`dialogportal migrate`, `dialogportal createsuperuser`, …)."""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from types import FrameType

import environ

# Batch tools that need no database and no Django: "name" -> "module:function(argv) -> int".
STANDALONE_COMMANDS: dict[str, str] = {
    "analyse-file": "dialogportal.textanalysis.cli:main",
    "screen-text": "dialogportal.screening.cli:main",
}

BASE_DIR = Path(__file__).resolve().parent.parent
USAGE = """\
usage: dialogportal <command> [options]

  demo [--host H] [--port P]   set up a local demo (SQLite under var/, demo data) and serve it
                               with a background worker; Ctrl-C stops both
  serve [--bind H:P]           production web server (gunicorn); run `run_worker` beside it
  run_worker                   the background worker
  backup DIR / restore DIR     back up database and files / restore into an empty installation
  analyse-file …               analyse a file of inputs without a database
  screen-text FILE             screen text for CPR numbers, phone numbers and e-mail addresses
  <django command> …           any management command: migrate, createsuperuser, check --deploy, …

`dialogportal help` lists every management command.
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command in STANDALONE_COMMANDS:
        module_name, function_name = STANDALONE_COMMANDS[command].split(":")
        function: Callable[[list[str]], int] = getattr(import_module(module_name), function_name)
        return function(rest)
    if command == "demo":
        return demo(rest)
    if command == "serve":
        return serve(rest)
    return run_django([command.replace("-", "_"), *rest])


def run_django(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogportal.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dialogportal", *args])
    return 0


def _var_dir() -> Path:
    var = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
    var.mkdir(parents=True, exist_ok=True)
    return var


# A Unix socket's path must fit in 108 bytes (sun_path), the terminating zero included.
MAX_SOCKET_PATH = 107


def gunicorn_runtime_options(var: Path, bind: str) -> list[str]:
    """gunicorn's control socket and pid file under VAR_DIR/run/, named after the address it
    binds: two deployments (or two instances of one) never share or remove each other's files.
    gunicorn's own default is one socket per user (~/.gunicorn/gunicorn.ctl)."""
    run = var / "run"
    run.mkdir(parents=True, exist_ok=True)
    name = "gunicorn-" + "".join(c if c.isalnum() or c in ".-" else "-" for c in bind)
    socket_path = run / f"{name}.ctl"
    if len(str(socket_path).encode()) > MAX_SOCKET_PATH:
        raise SystemExit(
            f"The control socket path {socket_path} is longer than a Unix socket allows "
            f"({MAX_SOCKET_PATH} bytes): set VAR_DIR to a shorter path."
        )
    return ["--control-socket", str(socket_path), "--pid", str(run / f"{name}.pid")]


def _demo_secret_key(var: Path) -> str:
    # The demo keeps its key in var/ so sessions survive a restart; production sets SECRET_KEY.
    key_file = var / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def file_mail_url(directory: Path) -> str:
    """An EMAIL_URL that writes each message to a file in `directory`. django-environ takes what
    follows "filemail://" minus one slash as the path, so an absolute path needs a fourth slash
    (with three, the mail lands relative to the working directory)."""
    return f"filemail:///{directory.resolve()}"


def demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dialogportal demo")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args(argv)

    var = _var_dir()
    url = f"http://{options.host}:{options.port}/"
    # A local demo over plain HTTP: production settings, but cookies without the Secure flag.
    defaults = {
        "DJANGO_SETTINGS_MODULE": "dialogportal.settings",
        "SECRET_KEY": _demo_secret_key(var),
        "DEBUG": "false",
        "SECURE_COOKIES": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": f"{options.host},localhost,127.0.0.1",
        "SITE_URL": url.rstrip("/"),
        # Mail (MED hearings, receipts, digests) goes to files, not into the banner's terminal.
        "EMAIL_URL": file_mail_url(var / "mail"),
        # Quiet: the banner (address and accounts) is the last thing on the screen, not drowned
        # by a line per background task and per request. LOG_LEVEL=INFO brings them back.
        "LOG_LEVEL": "WARNING",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)

    import django
    from django.core.management import call_command

    django.setup()
    print("Dialogportal demo: preparing the database …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    if _static_files_are_stale(var):
        print("Collecting static files (first start only) …", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", force=True)  # a demo site: DEBUG is off, the data is wanted

    bind = f"{options.host}:{options.port}"
    web = [
        sys.executable,
        "-m",
        "gunicorn",
        "dialogportal.wsgi:application",
        "--bind",
        bind,
        "--workers",
        "2",
        "--log-level",
        "warning",
        "--graceful-timeout",
        "5",
        # Apps are imported once before the workers fork, and a worker's first request (which
        # imports the URLconf) may take long on a busy laptop without being killed.
        "--preload",
        "--timeout",
        "120",
        *gunicorn_runtime_options(var, bind),
    ]
    worker = [sys.executable, "-m", "dialogportal", "run_worker"]
    return _supervise(
        {"web": web, "worker": worker},
        ready_message=_demo_banner(url, mail=os.environ["EMAIL_URL"]),
        restart={"worker"},
    )


def _demo_banner(url: str, *, mail: str) -> str:
    """The address, where the mail goes, then every demo account with its roles, last on the
    screen."""
    from dialogportal.accounts.demo import DEMO_PASSWORD
    from dialogportal.accounts.models import Role, User

    labels = dict(Role.choices)
    users = User.objects.filter(is_active=True).prefetch_related("groups").order_by("username")
    width = max((len(user.username) for user in users), default=10)
    lines = [
        "",
        f"Dialogportal runs at {url}",
        f"Log in at {url}konto/login/ – password for every account: {DEMO_PASSWORD}",
        _mail_line(mail),
    ]
    for user in users:
        roles = ", ".join(
            str(labels.get(group.name, group.name)) for group in user.groups.order_by("name")
        )
        name = user.full_name or user.username
        lines.append(f"  {user.username.ljust(width)}  {name} – {roles or '–'}")
    return "\n".join(lines)


def _mail_line(email_url: str) -> str:
    scheme, _sep, _rest = email_url.partition("://")
    if scheme == "filemail":
        # The directory as django-environ read it from the URL, i.e. where the files really go.
        path = environ.Env.email_url_config(email_url)["EMAIL_FILE_PATH"]
        return f"E-mail is not sent: each message is written to a file in {path}/"
    return f"E-mail goes out through EMAIL_URL ({scheme})."  # no password on the screen


def _static_files_are_stale(var: Path) -> bool:
    manifest = var / "static" / "staticfiles.json"
    if not manifest.exists():
        return True
    newest_source = max(
        (path.stat().st_mtime for path in (BASE_DIR / "dialogportal").rglob("static/**/*")),
        default=0.0,
    )
    return newest_source > manifest.stat().st_mtime


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="dialogportal serve", description="Run gunicorn; extra options go to gunicorn."
    )
    parser.add_argument("--bind", default=os.environ.get("BIND", "0.0.0.0:8000"))
    parser.add_argument("--workers", default=os.environ.get("WEB_CONCURRENCY", "2"))
    options, extra = parser.parse_known_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogportal.settings")
    runtime = (
        [] if "--control-socket" in extra else gunicorn_runtime_options(_var_dir(), options.bind)
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "dialogportal.wsgi:application",
        "--bind",
        options.bind,
        "--workers",
        str(options.workers),
        "--access-logfile",
        "-",
        # The application (Django, every app, the URLconf with every view: see wsgi.py) is
        # imported once, in the master, before the workers fork. The first answer then waits for
        # one import instead of one per worker competing for the cores (cold start, issue #20),
        # and the workers share those pages of memory. Code is not reloaded on HUP; a release
        # restarts the service (docs/deploy.md).
        *([] if "--preload" in extra else ["--preload"]),
        *runtime,
        *extra,
    ]
    os.execv(sys.executable, command)  # noqa: S606 - replaces this process with gunicorn


# A process in `restart` that dies is started again, at most this often within a minute.
RESTARTS_PER_MINUTE = 5


def _supervise(
    commands: dict[str, list[str]],
    *,
    ready_message: str,
    restart: frozenset[str] | set[str] = frozenset(),
) -> int:
    """Run the processes side by side; stop all of them on Ctrl-C or SIGTERM, or when one exits
    that is not in `restart` (those are started again: a killed worker comes back, and its
    task goes to the new one)."""
    processes = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}  # noqa: S603
    restarts: dict[str, list[float]] = {name: [] for name in restart}
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(ready_message, flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    exit_code = 0
    try:
        while not stopping:
            for name, process in list(processes.items()):
                code = process.poll()
                if code is None:
                    continue
                print(f"The {name} process stopped (exit code {code}).", flush=True)
                now = time.monotonic()
                recent = [t for t in restarts.get(name, []) if now - t < 60]
                if name in restarts and len(recent) < RESTARTS_PER_MINUTE:
                    restarts[name] = [*recent, now]
                    print(f"Starting the {name} process again.", flush=True)
                    processes[name] = subprocess.Popen(commands[name])  # noqa: S603
                    continue
                exit_code = code or 1
                stopping = True
            time.sleep(0.2)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        print("Dialogportal stopped.", flush=True)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
