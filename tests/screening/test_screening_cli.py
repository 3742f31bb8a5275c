"""`screen-text FILE`: one JSON object per input line."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dialogportal.screening.cli import main

DOCUMENTS = (
    "Mit cpr er 010190-1234 og min mail søren@domæne.dk\n"
    "\n"
    "Mødet er 27-06-2025 i 8900 Randers C\r\n"
    "Ring på +45 12 34 56 78\n"
)


def test_prints_one_json_object_per_line_with_hits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "svar.txt"
    source.write_text(DOCUMENTS, encoding="utf-8")
    assert main([str(source)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == [
        {
            "line": 1,
            "hits": [
                {"kind": "cpr", "start": 11, "end": 22, "text": "010190-1234"},
                {"kind": "email", "start": 35, "end": 50, "text": "søren@domæne.dk"},
            ],
        },
        {"line": 2, "hits": []},
        {"line": 3, "hits": []},
        {"line": 4, "hits": [{"kind": "phone", "start": 8, "end": 23, "text": "+45 12 34 56 78"}]},
    ]


def test_output_keeps_danish_letters_unescaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "svar.txt"
    source.write_text("skriv til åse@ærø.dk", encoding="utf-8")
    assert main([str(source)]) == 0
    assert '"text": "åse@ærø.dk"' in capsys.readouterr().out


def test_reads_stdin_when_file_is_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"tlf 12345678\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["-"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"][0]["text"] == "12345678"


def test_a_missing_file_is_a_clear_error_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "findes-ikke.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "cannot read" in captured.err


def test_a_file_that_is_not_utf8_is_a_clear_error_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("første linje\nRing på 12345678".encode("cp1252"))
    assert main([str(source)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not UTF-8 (line 1" in captured.err


@pytest.mark.slow
def test_runs_as_a_module(tmp_path: Path) -> None:
    source = tmp_path / "svar.txt"
    source.write_text("cpr 0101901234\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "dialogportal.screening.cli", str(source)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == {
        "line": 1,
        "hits": [{"kind": "cpr", "start": 4, "end": 14, "text": "0101901234"}],
    }
