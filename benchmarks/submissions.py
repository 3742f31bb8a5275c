"""The submission path (API and form) against the floor of the stack: a trivial view that writes
one row in one transaction on the same database, measured side by side with wrk.

    DATABASE_URL=postgres://… uv run python benchmarks/submissions.py [--repeat 3] [--seconds 10]
                                                                       [--sqlite]

Target (issue #20): API and form each ≥ 0.7× the floor's rate on PostgreSQL, with zero loss (no
acknowledged submission missing), no duplicates (one row per idempotency key, also for the 10 %
of requests that repeat their key) and durability untouched (`synchronous_commit` is printed;
it must say "on").

A fresh database beside DATABASE_URL's (or SQLite with --sqlite) and the production server
(gunicorn, 2 sync workers), with the per-address rate limit and the minimum time to submit
lifted (every client here is 127.0.0.1 and a machine). The floor view lives in a URLconf that
only this benchmark loads (`bench_urls.py` in the temporary directory): it parses the same kind
of JSON body and inserts one row in one transaction, nothing more. Per repetition: wrk on the
floor, on the API (POST JSON, own Idempotency-Key per request) and on the form (POST with CSRF
token and the form's one-time key), each for --seconds with 50 connections. Every acknowledged
id or receipt is collected by wrk's Lua and looked up in the database afterwards.

wrk must be installed (Debian: apt-get install wrk); without it the script says so and exits.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import statistics
import sys
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import wrk_runner
from inputs_submit import SETUP, environment, gunicorn, migrate, run_python, temp_workdir
from public_pages import fresh_postgres

# The real addresses plus the floor: parse a JSON body, write one row in one transaction.
BENCH_URLS = """\
import json

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from dialogportal.urls import urlpatterns as real_urlpatterns


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
def floor(request: HttpRequest) -> HttpResponse:
    body = json.loads(request.body)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_floor (key, text) VALUES (%s, %s) RETURNING id",
            [request.headers.get("Idempotency-Key", ""), body["text"]],
        )
        (new_id,) = cursor.fetchone()
    return JsonResponse({"id": new_id}, status=201)


urlpatterns = [path("bench-trivial/", trivial), path("bench-floor/", floor), *real_urlpatterns]
"""

FLOOR_TABLE = """
from django.db import connection
with connection.cursor() as cursor:
    if connection.vendor == "postgresql":
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, "
                       "key varchar(200) NOT NULL, text text NOT NULL, "
                       "created_at timestamptz NOT NULL DEFAULT now())")
        cursor.execute("SHOW synchronous_commit")
        print(cursor.fetchone()[0])
    else:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_floor (id integer PRIMARY KEY "
                       "AUTOINCREMENT, key varchar(200) NOT NULL, text text NOT NULL, "
                       "created_at text NOT NULL DEFAULT CURRENT_TIMESTAMP)")
        cursor.execute("PRAGMA synchronous")
        print({0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[cursor.fetchone()[0]])
"""

CHECK = """
import json
from django.db import connection
from django.db.models import Count
from dialogportal.inputs.models import Input
qs = Input.objects.filter(process__slug="{slug}")
with connection.cursor() as cursor:
    cursor.execute("SELECT id FROM bench_floor")
    floor_ids = [row[0] for row in cursor.fetchall()]
# Every request's text ends with its key, so two rows with one text are one key stored twice
# (whatever form the key itself is stored in).
print(json.dumps({{
    "rows": qs.count(),
    "keys": qs.values("text").distinct().count(),
    "doubled_keys": qs.values("text").annotate(n=Count("id")).filter(n__gt=1).count(),
    "ids": list(qs.values_list("id", flat=True)),
    "receipts": list(qs.values_list("receipt_token", flat=True)),
    "floor_ids": floor_ids,
}}))
"""

# Every request has its own key; every 10th key is sent a second time (a retry).
LUA = """
local threads, count = {}, 0
setup = function(thread)
  count = count + 1
  thread:set("tid", count)
  table.insert(threads, thread)
end
acks, statuses, sent, last_key = {}, {}, 0, nil
local RUN = "%(run)s"
request = function()
  sent = sent + 1
  local key
  if sent %% 10 == 0 and last_key then
    key = last_key
  else
    key = string.format("%%s-%%d-%%d", RUN, tid, sent)
  end
  last_key = key
  %(request)s
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  %(ack)s
end
after_done = function(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for _, ack in ipairs(thread:get("acks")) do io.write("ACK " .. ack .. "\\n") end
    for status, n in pairs(thread:get("statuses")) do
      io.write("STATUS " .. status .. " " .. n .. "\\n")
    end
  end
end
"""

TEXT = "Flere busser til landsbyerne om aftenen, så de unge kan komme hjem fra fritidsjob"

JSON_REQUEST = """
  local body = '{"focus_area": "omraade", "text": "%(text)s (' .. key .. ')", '
    .. '"contributor_type": "citizen", "postcode": "8900", '
    .. '"consent_publish_name": false, "consent_contact": false}'
  return wrk.format("POST", "%(path)s",
    {["Content-Type"] = "application/json", ["Idempotency-Key"] = key}, body)
"""
# 201: stored; 200: a repeated key, answered with the input stored the first time.
JSON_ACK = """
  if status == 201 or status == 200 then
    local id = body:match('"id":%s*(%d+)')
    if id then table.insert(acks, id) end
  end
"""

FORM_REQUEST = """
  local body = "csrfmiddlewaretoken=%(csrf)s&started=%(started)s&submission_key=" .. key
    .. "&text=%(text)s+(" .. key .. ")&contributor_type=citizen&postcode=8900"
    .. "&accept_privacy=on&title=&organisation=&name=&email=&website="
  return wrk.format("POST", "%(path)s", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=%(cookie)s",
  }, body)
"""
FORM_ACK = """
  if status == 302 then
    local token = headers["Location"]:match("/kvittering/([^/]+)/")
    if token then table.insert(acks, token) end
  end
"""


def lua(request: str, ack: str, **values: str) -> str:
    return LUA % {"run": uuid.uuid4().hex[:8], "request": request % values, "ack": ack}


def form_credentials(base: str, path: str) -> tuple[str, str, str]:
    """The CSRF cookie, the form's CSRF token and its signed start time."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + path, timeout=60) as response:
        page = response.read().decode()
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    started = re.search(r'name="started" value="([^"]+)"', page)
    if token is None or started is None:
        raise RuntimeError("the form has no CSRF token or start time")
    return cookie, token.group(1), urllib.parse.quote(html.unescape(started.group(1)))


def parse(output: str) -> tuple[list[str], dict[str, int]]:
    acks = [line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("ACK ")]
    statuses: dict[str, int] = {}
    for line in output.splitlines():
        if line.startswith("STATUS "):
            _tag, status, n = line.split()
            statuses[status] = statuses.get(status, 0) + int(n)
    return acks, statuses


def bench(name: str, database_url: str, args: argparse.Namespace) -> bool:
    with temp_workdir() as workdir:
        env = environment(workdir, database_url)
        (workdir / "bench_urls.py").write_text(BENCH_URLS, encoding="utf-8")
        migrate(env)
        durability = run_python(env, FLOOR_TABLE).strip()
        slug = f"bench-{uuid.uuid4().hex[:8]}"
        run_python(env, SETUP.format(slug=slug))
        api_path = f"/api/v1/processes/{slug}/inputs/"
        form_path = f"/processer/{slug}/fokus/omraade/giv-input/"
        print(
            f"\n== {name}: gunicorn 2 workers, wrk -c{args.connections} -d{args.seconds}s, "
            f"{args.repeat} repetitions; durability: "
            f"{'synchronous_commit' if 'postgres' in database_url else 'PRAGMA synchronous'}"
            f" = {durability} =="
        )
        floor_acks: list[str] = []
        input_acks: list[str] = []
        receipt_acks: list[str] = []
        ratios: dict[str, list[float]] = {"API": [], "form": []}
        with gunicorn(env) as base:
            cookie, csrf, started = form_credentials(base, form_path)
            for repetition in range(args.repeat):
                # New keys every repetition (a key of an earlier one would be a replay).
                floor_lua = lua(JSON_REQUEST, JSON_ACK, text=TEXT, path="/bench-floor/")
                api_lua = lua(JSON_REQUEST, JSON_ACK, text=TEXT, path=api_path)
                form_lua = lua(
                    FORM_REQUEST,
                    FORM_ACK,
                    text=urllib.parse.quote_plus(TEXT),
                    path=form_path,
                    csrf=csrf,
                    cookie=cookie,
                    started=started,
                )
                results = {}
                for label, script in (("floor", floor_lua), ("API", api_lua), ("form", form_lua)):
                    result, output = wrk_runner.run_with_output(
                        base + "/", lua=script, connections=args.connections, seconds=args.seconds
                    )
                    acks, statuses = parse(output)
                    {"floor": floor_acks, "API": input_acks, "form": receipt_acks}[label].extend(
                        acks
                    )
                    results[label] = (result, statuses)
                floor = results["floor"][0]
                print(f"\nrepetition {repetition + 1}")
                for label, (result, statuses) in results.items():
                    print(f"  {label:6} {result.line()}  [load {result.load}]  statuses {statuses}")
                    if label != "floor":
                        ratios[label].append(result.rate / floor.rate)
                        print(f"         ratio to the floor {result.rate / floor.rate:.2f}")
        check = json.loads(run_python(env, CHECK.format(slug=slug)).strip().splitlines()[-1])
    stored_ids = {str(pk) for pk in check["ids"]}
    stored_receipts = set(check["receipts"])
    stored_floor = {str(pk) for pk in check["floor_ids"]}
    lost_api = [ack for ack in input_acks if ack not in stored_ids]
    lost_form = [ack for ack in receipt_acks if ack not in stored_receipts]
    lost_floor = [ack for ack in floor_acks if ack not in stored_floor]
    acked_rows = len(set(input_acks)) + len(set(receipt_acks))
    print(f"\n-- {name}: what reached the database --")
    print(
        f"acknowledged: API {len(input_acks)} ({len(set(input_acks))} distinct ids), form "
        f"{len(receipt_acks)} ({len(set(receipt_acks))} distinct receipts), "
        f"floor {len(floor_acks)}"
    )
    print(
        f"rows {check['rows']}, distinct keys {check['keys']}, stored but not acknowledged "
        f"{check['rows'] - acked_rows} (in flight when a run ended)"
    )
    print(
        f"lost (acknowledged, not stored): API {len(lost_api)}, form {len(lost_form)}, "
        f"floor {len(lost_floor)}"
    )
    print(f"doubled (two rows for one key): {check['doubled_keys']}")
    for label, values in ratios.items():
        median = statistics.median(values)
        print(
            f"{label}: median ratio to the floor {median:.2f} "
            f"({'meets' if median >= 0.7 else 'BELOW'} ≥ 0.7) over {values and len(values)} runs"
        )
    return not (lost_api or lost_form or lost_floor or check["doubled_keys"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--sqlite", action="store_true", help="also on SQLite")
    args = parser.parse_args()
    if not wrk_runner.available():
        print("wrk is not installed (Debian: apt-get install wrk); nothing measured.")
        return 0
    ok = True
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        ok &= bench("PostgreSQL", fresh_postgres(database_url, "submit"), args)
    else:
        print("(PostgreSQL skipped: DATABASE_URL does not point at PostgreSQL.)")
    if args.sqlite or not database_url.startswith(("postgres://", "postgresql://")):
        with temp_workdir() as workdir:
            ok &= bench("SQLite", f"sqlite:///{workdir / 'submit.sqlite3'}", args)
    print(f"\n{'OK: 0 lost, 0 doubled.' if ok else 'FAILED: see above.'} load {wrk_runner.load()}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
