"""Reading files: text, PDF and DOCX built here from the project's own text, and refusals."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from dialogportal.minutes import MinutesFileError, parse_minutes
from dialogportal.minutes.extract import read_minutes_file, read_minutes_source
from tests.minutes.builders import write_docx, write_encrypted_pdf, write_pdf

PDF_TEXT = """\
Økonomiudvalget
Referat
Mødedato: Mandag den 3. februar 2025 kl. 15.00
Mødested: Byrådssalen
Punkt 4: Regnskab 2024 for de kommunale ejendomme og de selvejende
institutioner v. økonomichef Søren Krag
Sagsnr.: 00.30.10-S00-1-25
Resume
Regnskabet viser et mindreforbrug på 2,1 mio. kr.
Indstilling
Direktionen indstiller, at
1. regnskabet godkendes,
2. mindreforbruget overføres til 2025.
Beslutning
Godkendt.
Lukkede punkter
Punkt 5: Lejekontrakt for Vestergade 12
Sagsnr.: 82.06.00-G01-3-25
Beslutning
Godkendt."""


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "referat.pdf", PDF_TEXT)
    parsed = parse_minutes(read_minutes_file(path))
    assert parsed.committee == "Økonomiudvalget"
    assert (parsed.date, parsed.start_time) == (datetime.date(2025, 2, 3), datetime.time(15))
    assert parsed.location == "Byrådssalen"
    accounts, lease = parsed.items
    # A title wrapped over two lines (as text extraction leaves it) is joined again.
    assert accounts.title == (
        "Regnskab 2024 for de kommunale ejendomme og de selvejende institutioner"
    )
    assert accounts.presenter == "økonomichef Søren Krag"
    assert accounts.journal_number == "00.30.10-S00-1-25"
    assert accounts.summary == "Regnskabet viser et mindreforbrug på 2,1 mio. kr."
    assert accounts.recommendations == [
        "at regnskabet godkendes",
        "at mindreforbruget overføres til 2025",
    ]
    assert accounts.decision == "Godkendt."
    assert (lease.number, lease.closed, lease.decision) == (5, True, "Godkendt.")


def test_pdf_many_pages(tmp_path: Path) -> None:
    items = "\n".join(
        f"Punkt {n}: Sag nummer {n}\nSagsnr.: 00.01.00-A00-{n}-25\nBeslutning\nGodkendt."
        for n in range(1, 61)
    )
    path = write_pdf(tmp_path / "lang.pdf", f"Hovedudvalget\nReferat\nDato: 01-10-2025\n{items}")
    parsed = parse_minutes(read_minutes_file(path))
    assert [item.number for item in parsed.items] == list(range(1, 61))


def test_docx_headings_lists_and_tables(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "referat.docx",
        [
            ("h1", "Referat Område MED Nord"),
            (
                "table",
                "Mødedato | 9. oktober 2025\nTidspunkt | kl. 13:00 - 15:00\nSted | Nordhuset",
            ),
            ("h1", "Punkt 12: Trivselsmåling v. Lene Bak"),
            ("p", "Sagsnr. 81.00.00-G01-2-25"),
            ("h2", "Resumé"),
            ("p", "Svarprocenten var 84."),
            ("h2", "Indstilling"),
            ("p", "Ledelsen indstiller, at"),
            ("number", "resultatet drøftes"),
            ("number", "hver arbejdsplads laver en handleplan"),
            ("h2", "Sagsfremstilling"),
            ("h3", "Baggrund"),
            ("p", "Målingen gennemføres hvert andet år."),
            ("h2", "Bilag"),
            ("bullet", "Rapport for Område Nord"),
        ],
    )
    text = read_minutes_file(path)
    assert "# Punkt 12: Trivselsmåling v. Lene Bak" in text
    assert "| Mødedato | 9. oktober 2025 |" in text
    parsed = parse_minutes(text)
    assert parsed.committee == "Område MED Nord"
    assert (parsed.date, parsed.start_time) == (datetime.date(2025, 10, 9), datetime.time(13))
    assert parsed.location == "Nordhuset"
    (item,) = parsed.items
    assert (item.number, item.title, item.presenter) == (12, "Trivselsmåling", "Lene Bak")
    assert item.journal_number == "81.00.00-G01-2-25"
    assert item.summary == "Svarprocenten var 84."
    assert item.recommendations == [
        "at resultatet drøftes",
        "at hver arbejdsplads laver en handleplan",
    ]
    assert item.case_description == "### Baggrund\n\nMålingen gennemføres hvert andet år."
    assert [a.title for a in item.attachments] == ["Rapport for Område Nord"]


def test_text_files_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "referat.md"
    path.write_bytes("\ufeff# Punkt 1: Æbler\n\n## Referat\n\nSpist.\n".encode())
    assert read_minutes_file(path).startswith("# Punkt 1: Æbler")


def test_text_saved_by_old_windows_programs_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Mødedato: 1. maj 2025".encode("cp1252"))
    source = read_minutes_source(path)
    assert (source.text, source.extraction.encoding) == ("Mødedato: 1. maj 2025", "windows-1252")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("tom.md", b"", "ingen tekst"),
        ("blank.txt", b"  \n\n  ", "ingen tekst"),
        ("junk.md", bytes(range(256)) * 40, "filformatet kan ikke læses"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "beskadiget"),
        ("not-a-pdf.pdf", b"hello", "beskadiget"),
        ("broken.docx", b"PK\x03\x04 this is not a zip archive", "beskadiget"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "gem .doc som .docx"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "intet tekstlag"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(MinutesFileError) as caught:
        read_minutes_file(path)
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"{path}: ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MinutesFileError, match="findes ikke"):
        read_minutes_file(tmp_path / "findes-ikke.md")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(MinutesFileError, match="ikke en almindelig fil"):
        read_minutes_file(tmp_path)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_encrypted_pdf(tmp_path: Path, algorithm: str) -> None:
    locked = write_encrypted_pdf(
        tmp_path / "locked.pdf",
        "Punkt 1: Hemmeligt\nBeslutning\nGodkendt.",
        user_password="hemmelig",
        algorithm=algorithm,
    )
    with pytest.raises(MinutesFileError, match="krypteret eller beskyttet med adgangskode"):
        read_minutes_file(locked)


def test_a_pdf_protected_only_against_changes_is_read(tmp_path: Path) -> None:
    path = write_encrypted_pdf(
        tmp_path / "ejer.pdf", "Punkt 1: Budget\nBeslutning\nGodkendt.", user_password=""
    )
    assert parse_minutes(read_minutes_file(path)).items[0].decision == "Godkendt."


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", "")
    with pytest.raises(MinutesFileError, match=r"intet tekstlag .* kør OCR"):
        read_minutes_file(path)
