"""Running wrk (the C load generator, Debian package `wrk`) from the benchmarks: one measurement
of one address (or a Lua-chosen set of addresses), parsed into figures.

wrk prints p50/p75/p90/p99 only; every run here loads a small Lua script whose `done()` prints
one JSON line with p50/p95/p99, the request count and the errors, which is what we parse."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

WRK = shutil.which("wrk")

# A script may define `after_done(summary, latency, requests)` to print more.
DONE_LUA = """
done = function(summary, latency, requests)
  if after_done then after_done(summary, latency, requests) end
  local e = summary.errors
  io.write("WRK_JSON " .. string.format(
    '{"requests": %d, "seconds": %.6f, "p50": %.3f, "p95": %.3f, "p99": %.3f, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    error_detail: str
    load: str

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (
            f"{self.rate:7.0f} req/s  p50 {self.p50_ms:6.1f}  p95 {self.p95_ms:6.1f}  "
            f"p99 {self.p99_ms:6.1f} ms  errors {self.errors}"
            + (f" ({self.error_detail})" if self.errors else "")
        )


def available() -> bool:
    return WRK is not None


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])


def run(
    url: str,
    *,
    lua: str = "",
    connections: int = 50,
    threads: int = 2,
    seconds: int = 10,
    timeout: int = 30,
) -> WrkResult:
    """wrk against `url` (the base address when `lua` sets its own paths) for `seconds`."""
    result, _output = run_with_output(
        url, lua=lua, connections=connections, threads=threads, seconds=seconds, timeout=timeout
    )
    return result


def run_with_output(
    url: str,
    *,
    lua: str = "",
    connections: int = 50,
    threads: int = 2,
    seconds: int = 10,
    timeout: int = 30,
) -> tuple[WrkResult, str]:
    """`run`, and wrk's output (for what the Lua script prints)."""
    if WRK is None:
        raise RuntimeError("wrk is not installed")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua + "\n" + DONE_LUA)
        path = Path(script.name)
    try:
        result = subprocess.run(
            [
                WRK,
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                f"--timeout={timeout}s",
                "-s",
                str(path),
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "LC_ALL": "C"},
        )
    finally:
        path.unlink()
    line = next(x for x in result.stdout.splitlines() if x.startswith("WRK_JSON "))
    data = json.loads(line.removeprefix("WRK_JSON "))
    kinds = ("connect", "read", "write", "status", "timeout")
    errors = sum(int(data[kind]) for kind in kinds)
    figures = WrkResult(
        requests=int(data["requests"]),
        seconds=float(data["seconds"]),
        p50_ms=float(data["p50"]),
        p95_ms=float(data["p95"]),
        p99_ms=float(data["p99"]),
        errors=errors,
        error_detail=", ".join(f"{kind} {data[kind]}" for kind in kinds if data[kind]),
        load=load(),
    )
    return figures, result.stdout
