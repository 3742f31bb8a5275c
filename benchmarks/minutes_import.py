"""Read and parse an archive of 1,000 generated minutes files in the layouts the importer reads.

    uv run python benchmarks/minutes_import.py            # 1,000 files
    uv run python benchmarks/minutes_import.py --n 200    # another count

The archive is five committees' meetings over the years, item numbers running through each
committee's year as real archives have them: Markdown (a MED referat), plain text (a council's
beslutningsprotokol with a table of contents, metadata, several decisions per item and a
signature page), Word files (headings, lists, a header and footer) and PDFs laid out by
WeasyPrint with running headers and footers and page numbers. The files are written first;
only reading and parsing is timed, per format. Every file must parse to the number of items it
was generated with, each with its decision. `benchmarks/minutes_import_db.py` imports the same
archive into the database.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dialogportal.minutes import parse_minutes
from dialogportal.minutes.extract import read_minutes_source

COMMITTEES = [
    "MED Hovedudvalg",
    "Sektor MED Børn og Skole",
    "Økonomiudvalget",
    "Teknik- og Miljøudvalget",
    "Byrådet",
]
MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
    "oktober", "november", "december",
]  # fmt: skip
TOPICS = [
    "Budgetopfølgning", "Arbejdsmiljø", "Sygefravær", "Trafikplan", "Skolestruktur",
    "Vintertjeneste", "Affaldsordning", "Boligsocial helhedsplan", "Udbud af rengøring",
]  # fmt: skip
SENTENCES = [
    "Forvaltningen har samlet erfaringerne fra det seneste år.",
    "Der er afholdt møder med de berørte arbejdspladser.",
    "Udgifterne holdes inden for den vedtagne ramme.",
    "Sagen er tidligere behandlet i udvalget.",
    "Medarbejdersiden har bedt om en status efter sommerferien.",
    "Høringssvarene er gennemgået i det vedlagte notat.",
]
FORMATS = ("md", "txt", "docx", "pdf")
# Share of each format in the archive (PDF and Word are slow to write, not only to read).
SHARES = {"md": 0.35, "txt": 0.35, "docx": 0.15, "pdf": 0.15}


@dataclass(frozen=True)
class Meeting:
    committee: str
    held_on: datetime.date
    first: int
    items: int


@dataclass(frozen=True)
class Generated:
    path: Path
    format: str
    items: int


def _paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, sentences)))


def _danish(day: datetime.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def archive_meetings(count: int, rng: random.Random) -> list[Meeting]:
    """Meetings of the five committees, in date order, numbered through each year."""
    meetings: list[Meeting] = []
    per_committee = -(-count // len(COMMITTEES))
    for committee in COMMITTEES:
        day = datetime.date(2000, 1, 15)
        number = 0
        for _ in range(per_committee):
            day += datetime.timedelta(days=rng.randint(20, 45))
            if (
                meetings
                and meetings[-1].committee == committee
                and meetings[-1].held_on.year != day.year
            ):
                number = 0
            items = rng.randint(3, 15)
            meetings.append(Meeting(committee, day, number + 1, items))
            number += items
    return meetings[:count]


def _markdown(meeting: Meeting, rng: random.Random) -> str:
    out = [
        f"# REFERAT {meeting.committee} d. {meeting.held_on:%d-%m-%Y}",
        f"**Mødedato** {_danish(meeting.held_on)} kl. {rng.randint(8, 15)}:30",
        f"**Mødested** Lokale {rng.randint(1, 300)}",
        "## **Indholdsfortegnelse**",
        *(f"{rng.choice(TOPICS)}\t{page}" for page in range(2, meeting.items + 2)),
    ]
    for number in range(meeting.first, meeting.first + meeting.items):
        out += [
            f"# Punkt {number}: {rng.choice(TOPICS)} v. N.N. {number}",
            f"87.00.00-G01-{number}-25",
        ]
        out += [
            "## Resumé",
            _paragraph(rng),
            "## Indstilling",
            "Forvaltningen indstiller til udvalget",
        ]
        out += ["\n".join(f"{k}. at drøfte punkt {k}" for k in range(1, rng.randint(2, 4)))]
        out += ["## Referat", _paragraph(rng), "## Sagsfremstilling", _paragraph(rng, 8)]
        if rng.random() < 0.5:
            out += ["## Bilag", f"- Notat {number}", f"- Oversigt {number} (lukket bilag)"]
    return "\n\n".join(out) + "\n"


def _protocol(meeting: Meeting, rng: random.Random) -> str:
    date = _danish(meeting.held_on)
    out = [meeting.committee, "Beslutningsprotokol", f"Mandag den {date} kl. 19.00", ""]
    out += ["Mødested: Rådhuset", "Fraværende: A. Andersen", "", "Indholdsfortegnelse"]
    numbers = range(meeting.first, meeting.first + meeting.items)
    out += [f"{number}. Sag nummer {number}\t{number}" for number in numbers]
    out.append("")
    earlier = _danish(meeting.held_on - datetime.timedelta(days=7))
    for number in numbers:
        out += [f"Punkt {number} - Sag nummer {number}", f"Sagsnr.: 25/{rng.randint(100, 99999)}"]
        out += ["Sagsansvarlig: Økonomi", "Sagsgang: Økonomiudvalget, Byrådet", ""]
        out += ["Resume", _paragraph(rng), ""]
        out += ["Det indstilles, at sagen godkendes, og at den sendes videre.", ""]
        out += [f"Beslutning i Økonomiudvalget den {earlier}", "Anbefales.", ""]
        out += [
            f"Beslutning i {meeting.committee} den {date}",
            "Fraværende: A. Andersen",
            "Godkendt.",
            "",
        ]
    out += ["Underskriftsblad", "Anne Holm", "Bo Friis"]
    return "\n".join(out) + "\n"


def _docx(meeting: Meeting, rng: random.Random, path: Path) -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = f"{meeting.committee} – referat"
    document.sections[0].footer.paragraphs[0].text = "Side 1"
    document.add_heading(f"Referat – {meeting.committee}", level=0)
    document.add_paragraph(f"Mødedato: {_danish(meeting.held_on)} kl. 14.00-15.30")
    for number in range(meeting.first, meeting.first + meeting.items):
        document.add_heading(f"Punkt {number}: {rng.choice(TOPICS)}", level=1)
        document.add_paragraph(f"Sagsnr. 81.00.00-G01-{number}-25")
        document.add_heading("Indstilling", level=2)
        document.add_paragraph("Ledelsen indstiller,")
        document.add_paragraph("at sagen drøftes", style="List Number")
        document.add_heading("Referat", level=2)
        document.add_paragraph(_paragraph(rng))
    document.save(str(path))


def _pdf(meeting: Meeting, rng: random.Random, path: Path) -> None:
    import weasyprint

    date = _danish(meeting.held_on)
    items = "".join(
        f"<h2>Punkt {number}: {rng.choice(TOPICS)}</h2><p>Sagsnr.: 81.00.00-A00-{number}-25</p>"
        f"<h3>Resumé</h3><p>{_paragraph(rng, 8)}</p><h3>Indstilling</h3>"
        "<p>Direktionen indstiller,</p><p>1. at sagen godkendes<br>2. at den evalueres</p>"
        f"<h3>Referat</h3><p>{_paragraph(rng)}</p><h3>Sagsfremstilling</h3>"
        f"<p>{_paragraph(rng, 12)}</p><p>{_paragraph(rng, 12)}</p>"
        for number in range(meeting.first, meeting.first + meeting.items)
    )
    html = (
        "<html lang='da'><head><meta charset='utf-8'><style>"
        f"@page {{ size: A4; margin: 25mm 20mm; @top-left {{ content: '{meeting.committee} – "
        f"Referat – {date}'; font-size: 8pt }} @bottom-center {{ content: 'Side ' "
        "counter(page) ' af ' counter(pages); font-size: 8pt } }"
        "body { font-family: 'DejaVu Sans'; font-size: 10pt } h2 { page-break-before: always }"
        f"</style></head><body><h1>Referat<br>{meeting.committee}</h1>"
        f"<table><tr><td>Mødedato</td><td>{date} kl. 9.00</td></tr>"
        "<tr><td>Mødested</td><td>Rådhuset</td></tr></table>"
        f"{items}</body></html>"
    )
    path.write_bytes(weasyprint.HTML(string=html).write_pdf())


def generate(directory: Path, count: int, seed: int = 1) -> list[Generated]:
    rng = random.Random(seed)
    meetings = archive_meetings(count, rng)
    kinds = [kind for kind in FORMATS for _ in range(round(SHARES[kind] * count))]
    kinds = (kinds + ["md"] * count)[:count]
    rng.shuffle(kinds)
    writers: dict[str, Callable[[Meeting, random.Random, Path], None]] = {
        "md": lambda m, r, p: p.write_text(_markdown(m, r), encoding="utf-8"),
        "txt": lambda m, r, p: p.write_text(_protocol(m, r), encoding="utf-8"),
        "docx": _docx,
        "pdf": _pdf,
    }
    files = []
    for index, (meeting, kind) in enumerate(zip(meetings, kinds, strict=True)):
        slug = "".join(c for c in meeting.committee.lower() if c.isalnum())[:12]
        path = directory / f"{slug}-{meeting.held_on:%Y-%m-%d}-{index:04d}.{kind}"
        writers[kind](meeting, rng, path)
        files.append(Generated(path, kind, meeting.items))
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        files = generate(Path(tmp), args.n)
        written = time.perf_counter() - started
        size = sum(entry.path.stat().st_size for entry in files)
        reading: dict[str, float] = defaultdict(float)
        parsing: dict[str, float] = defaultdict(float)
        counts: dict[str, int] = defaultdict(int)
        items = 0
        started = time.perf_counter()
        for entry in files:
            begun = time.perf_counter()
            text = read_minutes_source(entry.path).text
            read = time.perf_counter()
            parsed = parse_minutes(text, source_name=entry.path.name)
            reading[entry.format] += read - begun
            parsing[entry.format] += time.perf_counter() - read
            counts[entry.format] += 1
            complete = all(item.decision for item in parsed.items)
            if len(parsed.items) != entry.items or not complete:
                print(
                    f"{entry.path.name}: {len(parsed.items)} items (expected {entry.items}) or gaps"
                )
                return 1
            items += entry.items
        elapsed = time.perf_counter() - started
    print(
        f"{args.n} files ({size / 1e6:.1f} MB, {items} items; written in {written:.0f} s) read "
        f"and parsed in {elapsed:.1f} s: {args.n / elapsed:.1f} files/s; load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    # The floor is reading a file into text (the libraries' work: PDFium, python-docx,
    # decoding); the parser's own time is given beside it and as a ratio to it.
    for kind in FORMATS:
        if counts[kind]:
            total = reading[kind] + parsing[kind]
            print(
                f"  {kind:>4}: {counts[kind]:4d} files in {total:6.1f} s, "
                f"{total / counts[kind] * 1000:7.1f} ms per file (reading "
                f"{reading[kind] / counts[kind] * 1000:6.1f} ms, parsing "
                f"{parsing[kind] / counts[kind] * 1000:6.1f} ms = "
                f"{parsing[kind] / max(reading[kind], 1e-9):.2f} x reading)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
