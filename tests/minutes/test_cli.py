from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dialogportal.minutes.cli import SaveHook, main
from dialogportal.minutes.parser import ParsedMinutes

from .conftest import DOCUMENTS


def run(argv: list[str], save: SaveHook | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, save, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_dry_run_json_on_the_seed(seed_path: Path) -> None:
    code, out, err = run([str(seed_path), "--dry-run", "--format", "json"])
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["committee"] == "MED Hovedudvalg"
    assert (data["date"], data["start_time"], data["location"]) == ("2025-06-27", "10:30", "D.2.58")
    assert [item["number"] for item in data["items"]] == [40, 41]
    assert [item["presenter"] for item in data["items"]] == ["Jesper Kaas Schmidt", "Lars Sønderby"]


def test_dry_run_text_summary() -> None:
    path = DOCUMENTS / "teknik-miljoe-referat.txt"
    code, out, _ = run([str(path), "--dry-run", "--committee", "tmu"])
    assert code == 0
    assert "Referat: Teknik- og Miljøudvalget" in out
    assert "Into committee: tmu" in out
    assert "15  Køb af ejendom på Havnevej (closed)" in out
    assert "recommendation: at købet godkendes" in out


def test_parse_error_names_the_line() -> None:
    path = DOCUMENTS / "broken-heading.md"
    code, out, err = run([str(path), "--dry-run", "--format", "json"])
    assert (code, out) == (2, "")
    assert "broken-heading.md, line 9:" in err


def test_missing_file(tmp_path: Path) -> None:
    code, _, err = run([str(tmp_path / "nope.md"), "--dry-run"])
    assert code == 2
    assert "no such file" in err


def test_without_dry_run_and_without_a_save_hook() -> None:
    code, out, err = run([str(DOCUMENTS / "lokal-med-referat.md")])
    assert (code, out) == (1, "")
    assert "--dry-run" in err


def test_save_hook_gets_the_parsed_minutes_and_the_slug() -> None:
    received: list[tuple[ParsedMinutes, str | None]] = []

    def save(parsed: ParsedMinutes, slug: str | None) -> str:
        received.append((parsed, slug))
        return f"imported {len(parsed.items)} items into {slug}"

    code, out, _ = run([str(DOCUMENTS / "lokal-med-referat.md"), "--committee", "lmu-bv"], save)
    assert code == 0
    assert out == "imported 3 items into lmu-bv\n"
    assert received[0][1] == "lmu-bv"
    assert received[0][0].committee == "Lokal MED Bøgevejens Skole"


def test_save_hook_refusal_is_reported() -> None:
    def save(parsed: ParsedMinutes, slug: str | None) -> str:
        raise LookupError(f"no committee {slug!r}")

    code, _, err = run([str(DOCUMENTS / "lokal-med-referat.md"), "--committee", "x"], save)
    assert code == 1
    assert "no committee 'x'" in err


def test_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        run(["--format", "xml"])
    assert caught.value.code == 2
