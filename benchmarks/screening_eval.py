"""Precision and recall of each screening detector over benchmarks/data/screening_cases.tsv.

    uv run python benchmarks/screening_eval.py [--show-errors] [TSV]

The table has the columns `kind  expected  text`. `expected` lists the exact substrings that must
be hit (separated by " || "), empty for a look-alike that must not trigger. A hit counts as a true
positive only if kind *and* span match exactly. Any hit of another kind in a row is a false
positive for that kind. Escapes \\n, \\r, \\t, \\\\ and \\uXXXX keep invisible characters readable.
Exits 1 when a detector misses the targets (recall >= 0.99, precision >= 0.95).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from dialogportal.screening import screen_text

KINDS = ("cpr", "phone", "email")
TARGET_RECALL = 0.99
TARGET_PRECISION = 0.95
DEFAULT_TABLE = Path(__file__).parent / "data" / "screening_cases.tsv"
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[nrt\\])")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}


def unescape(value: str) -> str:
    return _ESCAPE.sub(
        lambda m: chr(int(m[1][1:], 16)) if m[1].startswith("u") else _SIMPLE[m[1]], value
    )


def load(path: Path) -> list[tuple[str, list[str], str]]:
    rows = []
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        kind, expected, text = line.split("\t")
        if kind not in KINDS:
            raise SystemExit(f"{path}:{number}: unknown kind {kind!r}")
        wanted = [unescape(part) for part in expected.split(" || ")] if expected else []
        rows.append((kind, wanted, unescape(text)))
    return rows


def expected_spans(text: str, substrings: list[str]) -> set[tuple[int, int]]:
    spans = set()
    for substring in substrings:
        start = text.find(substring)
        while start != -1:
            spans.add((start, start + len(substring)))
            start = text.find(substring, start + 1)
    return spans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("table", nargs="?", type=Path, default=DEFAULT_TABLE)
    parser.add_argument("--show-errors", action="store_true")
    arguments = parser.parse_args()
    rows = load(arguments.table)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    errors = []
    for kind, wanted, text in rows:
        spans = expected_spans(text, wanted)
        hits = screen_text(text)
        found = {(hit.start, hit.end) for hit in hits if hit.kind == kind}
        for hit in hits:
            if hit.kind == kind and (hit.start, hit.end) in spans:
                tp[kind] += 1
            else:
                fp[hit.kind] += 1
                errors.append(f"FP {hit.kind:5} {hit.text!r} in {text!r}")
        # A substring expected twice in a row but hit once is one miss, not a pass.
        for substring in wanted:
            if not any(text[s:e] == substring for s, e in found):
                fn[kind] += 1
                errors.append(f"FN {kind:5} {substring!r} in {text!r}")
    per_kind = Counter(kind for kind, _, _ in rows)
    print(f"{len(rows)} cases: " + ", ".join(f"{k} {per_kind[k]}" for k in KINDS))
    print(f"{'detector':9} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    meets_targets = True
    for kind in KINDS:
        precision = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1.0
        recall = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1.0
        meets_targets &= precision >= TARGET_PRECISION and recall >= TARGET_RECALL
        print(f"{kind:9} {tp[kind]:4} {fp[kind]:4} {fn[kind]:4} {precision:10.3f} {recall:8.3f}")
    if arguments.show_errors:
        print("\n".join(errors) or "no errors")
    return 0 if meets_targets else 1


if __name__ == "__main__":
    sys.exit(main())
