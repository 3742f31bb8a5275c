"""Screening throughput on generated Danish hearing responses.

    uv run python benchmarks/screening.py [--count 100000] [--hit-share 0.03] [--processes 2]

Texts are built from sentences in the style of the Randers inputs, 1 to 12 sentences each (median
around 400 characters), and carry the look-alikes real responses carry (dates, amounts,
postcodes, journal numbers, years, times). A share of them gets one planted CPR number, phone
number or e-mail address. Prints inputs/s for one process and for N processes, and checks that
every planted item was found.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import time

from dialogportal.screening import screen_text

SENTENCES = (
    "Jeg synes, at kommunen skal investere mere i den kollektive trafik på landet.",
    "Vores børn har brug for flere pædagoger i daginstitutionerne, ikke færre.",
    "Det er vigtigt, at de ældre kan blive boende i eget hjem så længe som muligt.",
    "Midtbyen i Randers trænger til liv: flere boliger over butikkerne og færre tomme lokaler.",
    "Som medarbejder i hjemmeplejen oplever jeg, at vi bruger for meget tid på dokumentation.",
    "Beskæftigelsesfrekvensen er lavere end på landsplan, og det bør være fokusområde nummer ét.",
    "Vi mangler private arbejdspladser, især i de mindre byer omkring Randers.",
    "Tak for et godt forsamlingshusmøde; vi fik talt om både skole, hal og busforbindelser.",
    "Hvidbogen viser, at levetiden er kortere end i sammenlignelige kommuner.",
    "Udsatte børn og unge skal have en voksen, der følger dem hele vejen.",
    "Jeg er uenig i, at administrationen skal samles centralt; nærheden betyder noget.",
    "Færre politiske udvalg kan gøre beslutningerne hurtigere, men også mere lukkede.",
    "Boligkvaliteten i nogle af de almene afdelinger er ikke god nok.",
    "Tilflyttere på overførselsindkomst skal hurtigere i job eller uddannelse.",
    "Lad os bruge erfaringerne fra de lokale MED-udvalg, før der besluttes noget.",
)
LOOK_ALIKES = (
    "Mødet blev holdt den {d:02d}-{m:02d}-2025 kl. {h}.00-{h2}.00.",
    "Jeg bor i {pc} Randers C og har gjort det siden {y}.",
    "Budgettet på {a}.{b:03d}.000 kr. er for lille.",
    "Se referatet under journalnummer 87.00.00-G01-10-24.",
    "Projektet kostede DKK 1,75 mio. i {y}.",
    "Fra {y} til {y2} steg antallet med {n} personer.",
    "Faktura nr. {inv} er betalt.",
    "Planen skal forelægges byrådet {d:02d}.{m:02d}.2025.",
)


def planted(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(("cpr", "phone", "email"))
    if kind == "cpr":
        value = f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(40, 99):02d}"
        value += rng.choice(("-", "", " ")) + f"{rng.randint(0, 3)}{rng.randint(0, 999):03d}"
        return kind, f"Mit cpr-nr. er {value}."
    if kind == "phone":
        digits = f"{rng.randint(2, 9)}{rng.randint(0, 9_999_999):07d}"
        value = rng.choice(
            (
                digits,
                " ".join(digits[i : i + 2] for i in range(0, 8, 2)),
                f"{digits[:4]} {digits[4:]}",
                f"+45 {digits}",
            )
        )
        return kind, f"Ring gerne på {value}, hvis I har spørgsmål."
    name = rng.choice(("ole", "søren.ærø", "mette-marie", "jens.hansen", "aase"))
    domain = rng.choice(("gmail.com", "randers.dk", "domæne.dk", "hotmail.dk"))
    return kind, f"Skriv til {name}{rng.randint(1, 99)}@{domain} for mere."


def generate(count: int, hit_share: float, seed: int = 20250627) -> tuple[list[str], list[bool]]:
    """`count` texts and, for each, whether personal data was planted in it."""
    rng = random.Random(seed)
    texts: list[str] = []
    has_planted: list[bool] = []
    for _ in range(count):
        parts = [rng.choice(SENTENCES) for _ in range(max(1, int(rng.lognormvariate(1.5, 0.6))))]
        if rng.random() < 0.4:
            template = rng.choice(LOOK_ALIKES)
            parts.insert(
                rng.randint(0, len(parts)),
                template.format(
                    d=rng.randint(1, 28),
                    m=rng.randint(1, 12),
                    h=rng.randint(8, 18),
                    h2=rng.randint(19, 22),
                    pc=rng.choice((8900, 8920, 8930, 8940, 8960, 8870)),
                    y=rng.randint(1990, 2030),
                    y2=rng.randint(2031, 2040),
                    a=rng.randint(1, 99),
                    b=rng.randint(0, 999),
                    n=rng.randint(10, 5000),
                    inv=rng.randint(10_000_000, 99_999_999),
                ),
            )
        is_planted = rng.random() < hit_share
        if is_planted:
            parts.insert(rng.randint(0, len(parts)), planted(rng)[1])
        texts.append(" ".join(parts))
        has_planted.append(is_planted)
    return texts, has_planted


def flag_texts(texts: list[str]) -> list[bool]:
    return [bool(screen_text(text)) for text in texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--hit-share", type=float, default=0.03)
    parser.add_argument("--processes", type=int, default=2)
    arguments = parser.parse_args()

    texts, has_planted = generate(arguments.count, arguments.hit_share)
    planted_count = sum(has_planted)
    lengths = [len(text) for text in texts]
    print(
        f"{len(texts)} texts, median {statistics.median(lengths):.0f} chars, "
        f"mean {statistics.mean(lengths):.0f}, max {max(lengths)}; "
        f"{planted_count} with planted personal data ({planted_count / len(texts):.1%})"
    )

    started = time.perf_counter()
    flagged = flag_texts(texts)
    elapsed = time.perf_counter() - started
    print(f"1 process:  {len(texts) / elapsed:10,.0f} inputs/s ({elapsed:.1f} s)")
    missed = sum(1 for p, f in zip(has_planted, flagged, strict=True) if p and not f)
    extra = sum(1 for p, f in zip(has_planted, flagged, strict=True) if f and not p)
    print(f"flagged {sum(flagged)} texts; missed: {missed}; no plant: {extra}")

    chunks = [texts[i : i + 2000] for i in range(0, len(texts), 2000)]
    with multiprocessing.Pool(arguments.processes) as pool:
        pool.map(flag_texts, [chunks[0]] * arguments.processes)  # start and warm up the workers
        started = time.perf_counter()
        parallel_flagged = [flag for chunk in pool.map(flag_texts, chunks) for flag in chunk]
        elapsed = time.perf_counter() - started
    print(
        f"{arguments.processes} processes: {len(texts) / elapsed:10,.0f} inputs/s "
        f"({elapsed:.1f} s, texts shipped to the workers included)"
    )
    assert parallel_flagged == flagged


if __name__ == "__main__":
    main()
