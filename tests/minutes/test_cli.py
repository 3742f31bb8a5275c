"""The command line without a database: dry runs, the JSON shape, exit codes and the archive
mode's bookkeeping. (With the database: tests/meetings/test_import*.py.)"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dialogportal.minutes.cli import ImportOutcome, ImportRequest, Outcome, StoreHook, main
from tests.minutes.builders import write_pdf
from tests.minutes.conftest import DOCUMENTS

JSON_KEYS = ["committee", "date", "start_time", "location", "items"]
ITEM_KEYS = [
    "number",
    "number_suffix",
    "title",
    "presenter",
    "journal_number",
    "closed",
    "summary",
    "recommendations",
    "decision",
    "case_description",
    "finances",
    "attachments",
]


def run(
    argv: list[str], store: StoreHook | None = None, *, is_tty: bool = False
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, store, stdout=out, stderr=err, is_tty=is_tty)
    return code, out.getvalue(), err.getvalue()


def test_dry_run_json_on_the_seed(seed_path: Path) -> None:
    code, out, err = run([str(seed_path), "--dry-run", "--format", "json"])
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == JSON_KEYS
    assert data["committee"] == "MED Hovedudvalg"
    assert (data["date"], data["start_time"], data["location"]) == ("2025-06-27", "10:30", "D.2.58")
    assert [item["number"] for item in data["items"]] == [40, 41]
    assert [item["presenter"] for item in data["items"]] == ["Jesper Kaas Schmidt", "Lars Sønderby"]


def test_dry_run_json_keeps_its_shape_with_several_decisions_and_closed_attachments() -> None:
    path = DOCUMENTS / "byraad-beslutningsprotokol.txt"
    code, out, _ = run([str(path), "--dry-run", "--format", "json"])
    assert code == 0
    data = json.loads(out)
    assert list(data) == JSON_KEYS
    assert all(list(item) == ITEM_KEYS for item in data["items"])
    plan = data["items"][1]
    assert plan["decision"] == "Godkendt."  # this meeting's (Byrådet's) decision
    assert plan["attachments"][-1] == "Prisoverslag for krydsombygninger (lukket bilag)"
    assert data["items"][3]["closed"] is True


def test_dry_run_text_summary_shows_every_decision() -> None:
    path = DOCUMENTS / "byraad-beslutningsprotokol.txt"
    code, out, _ = run([str(path), "--dry-run", "--committee", "byraadet"])
    assert code == 0
    assert "Referat: Byrådet" in out
    assert "Til udvalget: byraadet" in out
    assert "[Beslutning i Økonomiudvalget den 17. november 2025] Anbefales, idet" in out
    assert "239  Salg af byggegrund på Mølleparken (lukket)" in out
    assert "Prisoverslag for krydsombygninger (lukket bilag)" in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "ingen tekst"),
        (bytes(range(256)) * 100, "filformatet kan ikke læses"),
        (b"Referat\n\nIngen punkter her.\n", "intet dagsordenspunkt"),
        ("Mødedato: 30. februar 2025\n\nPunkt 1: A\nBeslutning\nOk.\n".encode(), "linje 1:"),
    ],
)
def test_unusable_files_exit_2_naming_the_file(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "ondt.txt"
    path.write_bytes(content)
    code, out, err = run([str(path), "--dry-run", "--format", "json"])
    assert (code, out) == (2, "")
    assert err.startswith(f"import-minutes: fejl: {path}")
    assert words in err


def test_a_pdf_error_names_the_page(tmp_path: Path) -> None:
    lines = ["Byrådet", "Referat", "Mødedato: 1. maj 2025"]
    lines += [f"Punkt {n}: Sag {n}\nSagsnr.: 25/{n}\nBeslutning\nGodkendt." for n in range(1, 30)]
    lines += ["Punkt 12: Sag igen", "Beslutning", "Godkendt."]
    path = write_pdf(tmp_path / "to-gange.pdf", "\n".join(lines))
    code, _, err = run([str(path), "--dry-run"])
    assert code == 2
    assert "to-gange.pdf, side 2, linje" in err
    assert "punkt 12 står to gange" in err


def test_show_text_prints_the_numbered_text_the_errors_refer_to() -> None:
    code, out, _ = run([str(DOCUMENTS / "broken-heading.md"), "--show-text"])
    assert code == 0
    assert "     9  # Diverse bemærkninger" in out.split("\n")


def test_without_dry_run_and_without_a_store() -> None:
    code, out, err = run([str(DOCUMENTS / "lokal-med-referat.md")])
    assert (code, out) == (1, "")
    assert "--dry-run" in err


def test_the_store_gets_the_source_the_parsed_document_and_the_options() -> None:
    received: list[ImportRequest] = []

    def store(request: ImportRequest) -> ImportOutcome:
        received.append(request)
        return ImportOutcome(Outcome.IMPORTED, f"{len(request.parsed.items)} punkter")

    path = DOCUMENTS / "lokal-med-referat.md"
    code, out, _ = run([str(path), "--committee", "lmu-bv", "--create-committee"], store)
    assert (code, out) == (0, "3 punkter\n")
    (request,) = received
    assert (request.committee_slug, request.create_committee, request.dry_run) == (
        "lmu-bv",
        True,
        False,
    )
    assert request.parsed.committee == "Lokal MED Bøgevejens Skole"
    assert request.source.digest == __import__("hashlib").sha256(path.read_bytes()).hexdigest()


def _archive(tmp_path: Path) -> Path:
    archive = tmp_path / "arkiv"
    (archive / "2025").mkdir(parents=True)
    for name in ("lokal-med-referat.md", "fagudvalg-dagsorden.txt"):
        (archive / "2025" / name).write_bytes((DOCUMENTS / name).read_bytes())
    (archive / "2025" / "tom.md").write_bytes(b"")
    (archive / "gammel.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    (archive / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (archive / ".DS_Store").write_bytes(b"\x00")
    return archive


def test_an_archive_goes_on_after_a_bad_file_and_exits_1(tmp_path: Path) -> None:
    seen: list[str] = []

    def store(request: ImportRequest) -> ImportOutcome:
        seen.append(request.source.path.name)
        if request.parsed.kind == "dagsorden":
            return ImportOutcome(Outcome.PRESENT, "fandtes")
        return ImportOutcome(Outcome.IMPORTED, "importeret")

    code, out, err = run([str(_archive(tmp_path))], store)
    assert code == 1
    assert seen == ["fagudvalg-dagsorden.txt", "lokal-med-referat.md"]
    assert "Importeret: 1 filer" in out
    assert "Fandtes allerede: 1 filer" in out
    assert "Fejlede: 2 filer" in out
    assert "gammel.doc: filformatet kan ikke læses" in out
    assert "tom.md: filen indeholder ingen tekst" in out
    assert "Sprunget over (ikke dokumenter): 1 filer" in out
    # Not a terminal: one progress line per file.
    assert err.count("\n") == 4
    assert "[4/4]" in err


def test_an_archive_summary_as_json(tmp_path: Path) -> None:
    def store(request: ImportRequest) -> ImportOutcome:
        return ImportOutcome(Outcome.IMPORTED, "ok")

    code, out, _ = run([str(_archive(tmp_path)), "--format", "json"], store)
    data = json.loads(out)
    assert code == 1
    assert [Path(entry["file"]).name for entry in data["imported"]] == [
        "fagudvalg-dagsorden.txt",
        "lokal-med-referat.md",
    ]
    assert [Path(entry["file"]).name for entry in data["failed"]] == ["tom.md", "gammel.doc"]
    assert all(entry["reason"] for entry in data["failed"])


def test_the_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    def store(request: ImportRequest) -> ImportOutcome:
        return ImportOutcome(Outcome.IMPORTED, "ok")

    _, _, err = run([str(_archive(tmp_path))], store, is_tty=True)
    assert "\r\033[K[" in err
    assert "] 4/4 " in err
    assert "gammel.doc: filformatet kan ikke læses" in err  # failures printed above the bar


@pytest.mark.parametrize("kind", ["missing", "empty"])
def test_an_archive_with_nothing_to_import_exits_2(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "arkiv"
    if kind == "empty":
        path.mkdir()
        (path / "billede.png").write_bytes(b"\x89PNG")
    code, _, err = run([str(path)])
    assert code == 2
    assert "arkiv" in err


def test_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        run(["--format", "xml"])
    assert caught.value.code == 2
