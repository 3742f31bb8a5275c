"""An abuse run against the real server: how much of each attack gets through.

    uv run python benchmarks/abuse.py [--flood 1000]

Starts the production server (gunicorn, 2 workers: the limits must hold across workers, through
the shared "limits" cache) on a free localhost port with a fresh SQLite database and the default
limits, trusting X-Forwarded-For so one client can play many addresses. Then, each from a client
on this machine only:

  1. network flood   – `--flood` JSON inputs from as many IPv6 addresses of one /64
  2. IPv4 rotation   – 256 inputs from every address of one /24
  3. near-identical  – 300 copies of one text with a changing number, each from its own /24
  3b. near-identical – 50 such copies from one network
  4. attachments     – 20 forms with an 8 MB PDF each from addresses of one /24 (budget per network)
  5. login guessing  – 50 wrong passwords for one account from 50 addresses, then the right one
  6. token guessing  – 50 wrong passwords at the staff token API, then the right one
  7. nested JSON     – 100 bodies of 2 KB nesting

and prints, per attack, how many requests were sent, accepted and refused (by status code),
and whether any answer was a server error. Exit code 1 when an attack got further than its
limit or any answer was a 5xx.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from inputs_submit import (
    environment,
    gunicorn,
    load,
    migrate,
    run_python,
    temp_workdir,
)

SLUG = "abuse"
ABUSE_SETTINGS = """\
from dialogportal.settings import *  # noqa: F403

INPUT_TRUST_X_FORWARDED_FOR = True  # one client plays many addresses
AXES_IPWARE_PROXY_COUNT = 1
INPUT_MIN_SECONDS_TO_SUBMIT = 0
ROOT_URLCONF = "dialogportal.urls"
"""
SETUP = """
from datetime import timedelta
from django.utils import timezone
from dialogportal.accounts.models import Role
from dialogportal.accounts.services import create_staff_user, sync_roles
from dialogportal.processes.services import add_focus_area, add_phase, create_process
now = timezone.now()
process = create_process(slug="{slug}", title="Misbrug", is_published=True)
add_phase(process=process, kind="input", title="Input", starts_at=now - timedelta(days=1),
          ends_at=now + timedelta(days=30))
add_focus_area(process=process, slug="omraade", title="Område", description="Til misbrug")
sync_roles()
for name in ("proces", "api-bruger"):
    create_staff_user(username=name, password="rigtigt-kodeord-42", full_name="P",
                      email=name + "@example.invalid", roles=[Role.PROCESS_MANAGER])
"""
WORDS = [
    "cykelstier",
    "busser",
    "skoler",
    "biblioteket",
    "træer",
    "parker",
    "ældre",
    "børn",
    "unge",
    "jobs",
    "boliger",
    "natur",
    "kultur",
    "sport",
    "havnen",
    "bymidten",
    "landsbyer",
    "trafik",
    "klima",
    "affald",
    "vand",
    "energi",
    "sundhed",
]


def distinct_text(n: int) -> str:
    """Texts that differ in words, not only in a number (so the per-text limit is not hit)."""
    a, b, c = WORDS[n % len(WORDS)], WORDS[(n // len(WORDS)) % len(WORDS)], WORDS[n * 7 % 23]
    return f"Mere fokus på {a}, {b} og {c} i Randers, tak."


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Attack:
    name: str
    limit: str
    codes: Counter[int] = field(default_factory=Counter)
    seconds: float = 0.0
    allowed_through: int | None = None  # the most that may be accepted

    @property
    def accepted(self) -> int:
        return sum(n for code, n in self.codes.items() if code in (200, 201, 302))

    @property
    def refused(self) -> int:
        return sum(n for code, n in self.codes.items() if code not in (200, 201, 302))

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.codes.items() if code >= 500)


def run(attack: Attack, jobs: list[Callable[[], int]], threads: int = 8) -> Attack:
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for code in pool.map(lambda job: job(), jobs):
            attack.codes[code] += 1
    attack.seconds = time.perf_counter() - started
    return attack


def post_input(client: httpx.Client, base: str, address: str, text: str) -> int:
    body = {
        "focus_area": "omraade",
        "text": text,
        "contributor_type": "citizen",
        "consent_publish_name": False,
        "consent_contact": False,
    }
    response = client.post(
        f"{base}/api/v1/processes/{SLUG}/inputs/",
        json=body,
        headers={"X-Forwarded-For": address},
    )
    return response.status_code


def post_form_with_pdf(base: str, address: str, number: int, size: int) -> int:
    url = f"{base}/processer/{SLUG}/fokus/omraade/giv-input/"
    with httpx.Client(timeout=60) as client:
        page = client.get(url, headers={"X-Forwarded-For": address})
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        started = re.search(r'name="started" value="([^"]+)"', page.text)
        if not token or not started:
            return page.status_code
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "started": started.group(1),
            "submission_key": f"pdf-{number}",
            "text": f"Se vedlagte bilag. {distinct_text(number + 9000)}",
            "contributor_type": "citizen",
            "accept_privacy": "on",
        }
        pdf = PDF + b"%" + b"x" * (size - len(PDF) - 2) + b"\n"
        response = client.post(
            url,
            data=data,
            files={"attachments": (f"bilag-{number}.pdf", pdf, "application/pdf")},
            headers={"X-Forwarded-For": address, "Referer": url},
        )
        return response.status_code


def login(base: str, address: str, password: str) -> int:
    url = f"{base}/konto/login/"
    with httpx.Client(timeout=30) as client:
        page = client.get(url, headers={"X-Forwarded-For": address})
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        response = client.post(
            url,
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": "proces",
                "password": password,
            },
            headers={"X-Forwarded-For": address, "Referer": url},
        )
        # 200: the form again (wrong password); 302: logged in; 429: locked.
        return 401 if response.status_code == 200 else response.status_code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flood", type=int, default=1000)
    options = parser.parse_args()
    print(f"Abuse run, {load()}")
    attacks: list[Attack] = []
    with temp_workdir() as workdir:
        env = environment(workdir, f"sqlite:///{workdir / 'abuse.sqlite3'}")
        (workdir / "bench_settings.py").write_text(ABUSE_SETTINGS, encoding="utf-8")
        migrate(env)
        run_python(env, SETUP.format(slug=SLUG))
        with gunicorn(env, workers=2) as base, httpx.Client(timeout=60) as client:
            attacks.append(
                run(
                    Attack(
                        "1 network flood, IPv6 /64",
                        "INPUT_NETWORK_RATE_LIMIT=60/h per /56",
                        allowed_through=60,
                    ),
                    [
                        lambda n=n: post_input(
                            client, base, f"2001:db8:0:1::{n + 1:x}", distinct_text(n)
                        )
                        for n in range(options.flood)
                    ],
                )
            )
            attacks.append(
                run(
                    Attack(
                        "2 one /24, every address",
                        "20/h per address, 60/h per /24",
                        allowed_through=60,
                    ),
                    [
                        lambda n=n: post_input(
                            client, base, f"198.51.100.{n}", distinct_text(n + 5000)
                        )
                        for n in range(256)
                    ],
                )
            )
            attacks.append(
                run(
                    Attack(
                        "3 near-identical text, 300 networks", "200/h per text", allowed_through=200
                    ),
                    [
                        lambda n=n: post_input(
                            client,
                            base,
                            f"10.{n // 250}.{n % 250}.7",
                            f"LUK SKOLEN I SPENTRUP NU!!! {n}",
                        )
                        for n in range(300)
                    ],
                )
            )
            attacks.append(
                run(
                    Attack(
                        "3b near-identical text, one network",
                        "10/h per text and network",
                        allowed_through=10,
                    ),
                    [
                        lambda n=n: post_input(
                            client, base, f"100.64.9.{n + 1}", f"Luk skolen i Spentrup! ({n})"
                        )
                        for n in range(50)
                    ],
                )
            )
            # 8 MB each (under the 10 MB per file) from 20 addresses of one /24: the byte budget
            # (100 MB per network) is reached before the per-address or per-network counts.
            megabyte = 1024 * 1024
            attacks.append(
                run(
                    Attack(
                        "4 attachments, 8 MB each, one /24",
                        "100 MB/h per network",
                        allowed_through=100 // 8,
                    ),
                    [
                        lambda n=n: post_form_with_pdf(base, f"203.0.113.{n + 1}", n, 8 * megabyte)
                        for n in range(20)
                    ],
                    threads=4,
                )
            )
            guesses = [
                lambda n=n: login(base, f"192.0.2.{n + 1}", f"forkert-{n}") for n in range(50)
            ]
            guesses.append(lambda: login(base, "192.0.2.200", "rigtigt-kodeord-42"))
            attacks.append(
                run(
                    Attack(
                        "5 password guessing, login page",
                        "5 failures per account",
                        allowed_through=0,
                    ),
                    guesses,
                    threads=1,
                )
            )

            def token(address: str, password: str) -> int:
                response = client.post(
                    f"{base}/api/v1/staff/token/",
                    json={"username": "api-bruger", "password": password},
                    headers={"X-Forwarded-For": address},
                )
                return 401 if response.status_code == 400 else response.status_code

            token_guesses = [lambda n=n: token(f"192.0.2.{n + 100}", f"gæt-{n}") for n in range(50)]
            token_guesses.append(lambda: token("192.0.2.250", "rigtigt-kodeord-42"))
            attacks.append(
                run(
                    Attack(
                        "6 password guessing, token API",
                        "5 failures per account",
                        allowed_through=0,
                    ),
                    token_guesses,
                    threads=1,
                )
            )
            nested = "[" * 1000 + "]" * 1000
            attacks.append(
                run(
                    Attack("7 nested JSON (2 KB)", "10 levels", allowed_through=0),
                    [
                        lambda n=n: (
                            client.post(
                                f"{base}/api/v1/processes/{SLUG}/inputs/",
                                content=nested,
                                headers={
                                    "Content-Type": "application/json",
                                    "X-Forwarded-For": f"198.18.0.{n}",
                                },
                            ).status_code
                        )
                        for n in range(100)
                    ],
                )
            )
        stored = json.loads(
            run_python(
                env,
                "import json\nfrom dialogportal.inputs.models import Input, Attachment\n"
                "print(json.dumps({'inputs': Input.objects.count(), "
                "'attachments': Attachment.objects.count()}))",
            )
        )
    print(f"{'attack':38} {'sent':>5} {'accepted':>8} {'refused':>7} {'5xx':>4} {'s':>6}  answers")
    ok = True
    for attack in attacks:
        sent = sum(attack.codes.values())
        answers = ", ".join(f"{code}×{n}" for code, n in sorted(attack.codes.items()))
        print(
            f"{attack.name:38} {sent:5} {attack.accepted:8} {attack.refused:7} "
            f"{attack.server_errors:4} {attack.seconds:6.1f}  {answers}"
        )
        too_many = attack.allowed_through is not None and attack.accepted > attack.allowed_through
        ok &= attack.server_errors == 0 and not too_many
    print(
        f"stored afterwards: {stored['inputs']} inputs, {stored['attachments']} attachments; "
        f"{load()}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
