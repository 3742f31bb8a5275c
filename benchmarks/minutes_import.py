"""Read and parse 1,000 generated minutes files (Markdown and plain text, several layouts).

    uv run python benchmarks/minutes_import.py            # 1,000 files
    uv run python benchmarks/minutes_import.py --n 5000   # another count

The files are written to a temporary directory first; only reading + parsing is timed.
Every file must parse to the number of items it was generated with.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from dialogportal.minutes import parse_minutes, read_minutes_file

COMMITTEES = [
    "Hovedudvalget",
    "Sektor MED Børn og Skole",
    "Lokal MED Vestbyens Plejecenter",
    "Teknik- og Miljøudvalget",
    "Social- og Sundhedsudvalget",
]
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "august", "september"]
TOPICS = ["Budgetopfølgning", "Arbejdsmiljø", "Sygefravær", "Trafikplan", "Skolestruktur"]
SENTENCES = [
    "Forvaltningen har samlet erfaringerne fra det seneste år.",
    "Der er afholdt møder med de berørte arbejdspladser.",
    "Udgifterne holdes inden for den vedtagne ramme.",
    "Sagen er tidligere behandlet i udvalget.",
    "Medarbejdersiden har bedt om en status efter sommerferien.",
]


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 6)))


def _markdown(rng: random.Random, n_items: int, first: int) -> str:
    level = rng.choice(["#", "##"])
    sub = level + "#"
    day, month = rng.randint(1, 28), rng.choice(MONTHS)
    out = [
        f"# REFERAT {rng.choice(COMMITTEES)} d. {day:02d}-0{rng.randint(1, 9)}-2025\n",
        f"**Mødedato** Tirsdag d. {day}. {month} 2025 kl. {rng.randint(8, 16)}:30\n",
        f"**Mødested** Lokale {rng.randint(1, 300)}\n",
    ]
    for number in range(first, first + n_items):
        if number == first + n_items - 1 and rng.random() < 0.3:
            out.append(f"{level} Lukkede punkter\n")
        out.append(f"{level} Punkt {number}: {rng.choice(TOPICS)} v. N.N. {number}\n")
        out.append(f"87.00.00-G01-{number}-25\n")
        out.append(f"{sub} {rng.choice(['Resumé', 'Resume'])}\n\n{_paragraph(rng)}\n")
        clauses = "\n".join(f"{k}. at drøfte punkt {k}" for k in range(1, rng.randint(2, 4)))
        out.append(f"{sub} Indstilling\n\nForvaltningen indstiller til udvalget\n\n{clauses}\n")
        out.append(f"{sub} {rng.choice(['Referat', 'Beslutning'])}\n\n{_paragraph(rng)}\n")
        out.append(f"{sub} Sagsfremstilling\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}\n")
        if rng.random() < 0.5:
            out.append(f"{sub} Økonomi\n\n{_paragraph(rng)}\n")
        if rng.random() < 0.5:
            out.append(f"{sub} Bilag\n\n- Notat {number}\n- Oversigt {number}\n")
    return "\n".join(out)


def _plain(rng: random.Random, n_items: int, first: int) -> str:
    out = [
        rng.choice(COMMITTEES),
        rng.choice(["Dagsorden", "Referat"]),
        "",
        f"Mødedato: {rng.randint(1, 28)}.0{rng.randint(1, 9)}.2025",
        f"Mødetidspunkt: kl. {rng.randint(8, 16)}.00-{rng.randint(17, 20)}.00",
        "Mødested: Rådhuset",
        "Afbud: A. Andersen",
        "",
    ]
    for number in range(first, first + n_items):
        out += [f"{number}. {rng.choice(TOPICS)} {number}", ""]
        out += [f"Sagsnr.: 00.01.00-A00-{number}-25"]
        out += ["", "Resume", _paragraph(rng), "", "Sagsfremstilling", _paragraph(rng), ""]
        if rng.random() < 0.5:
            out += ["Det indstilles, at sagen tages til efterretning, og at den sendes videre.", ""]
        else:
            out += ["Indstilling", "- at sagen godkendes", "- at sagen sendes videre", ""]
        out += ["Beslutning", "Godkendt.", ""]
    return "\n".join(out)


def generate(directory: Path, count: int, seed: int = 1) -> list[tuple[Path, int]]:
    rng = random.Random(seed)
    files = []
    for index in range(count):
        n_items, first = rng.randint(3, 15), rng.randint(1, 200)
        if index % 2:
            path, text = directory / f"referat-{index:05d}.md", _markdown(rng, n_items, first)
        else:
            path, text = directory / f"dagsorden-{index:05d}.txt", _plain(rng, n_items, first)
        path.write_text(text, encoding="utf-8")
        files.append((path, n_items))
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(Path(tmp), args.n)
        size = sum(path.stat().st_size for path, _ in files)
        started = time.perf_counter()
        items = 0
        for path, expected in files:
            parsed = parse_minutes(read_minutes_file(path), source_name=path.name)
            complete = all(item.decision and item.recommendations for item in parsed.items)
            if len(parsed.items) != expected or not complete:
                print(f"{path.name}: {len(parsed.items)} items (expected {expected}) or gaps")
                return 1
            items += expected
        elapsed = time.perf_counter() - started
    print(
        f"{args.n} files ({size / 1e6:.1f} MB, {items} items) read and parsed in {elapsed:.2f} s: "
        f"{args.n / elapsed:.0f} files/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
