"""Wall time and peak memory of the full text-analysis pipeline on generated Danish inputs.

uv run python benchmarks/analysis.py                  # N = 1k, 10k, 100k, lexical
uv run python benchmarks/analysis.py --vectors        # … with stored 384-d vectors (the product)
uv run python benchmarks/analysis.py --n 10000 --vectors

Targets (issue #12): a full analysis of 10k inputs with stored vectors in ≤ 5 s and of 100k in
≤ 60 s on 2 cores, peak ≤ 2 GB. Stored vectors are what a run uses (the worker computed them
when the inputs came in); here they are synthetic (each area a direction plus noise, the size
of multilingual-e5-small's), so the figure is the engine's, not the model's. Each size prints
a floor measured side by side — one TF-IDF pass over the same texts with scikit-learn — and the
ratio to it, since the machine is shared and noisy. Run each size in a fresh process for a
clean peak (`--n`): the peak is the process's high-water mark.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import sys
import time
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from dialogportal.textanalysis import AnalysisParams, AreaSpec, InputDoc
from dialogportal.textanalysis.danish import lemma
from dialogportal.textanalysis.engine import analyse

DIMENSIONS = 384  # multilingual-e5-small

AREAS = [
    AreaSpec("job", "Flere i job", "Flere ledige og unge i arbejde og uddannelse."),
    AreaSpec("erhverv", "Private arbejdspladser", "Virksomheder, iværksættere og erhvervsliv."),
    AreaSpec("integration", "Integration", "Nytilkomne flygtninge og indvandrere i job og sprog."),
    AreaSpec("boern", "Udsatte børn og unge", "Trivsel, skole, familier og fritid for børn."),
    AreaSpec("sundhed", "Sundhed", "Længere liv, motion, rygning, kost og mental sundhed."),
    AreaSpec("bolig", "Boliger", "Billige og gode boliger, renovering og boligområder."),
    AreaSpec("bymidte", "Bymidten", "Butikker, kultur, byliv og tryghed i centrum."),
]

# (subject, problem, proposal) parts per area; combined at random into 1-4 sentence inputs.
PARTS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "job": (
        ["De ledige", "Unge uden uddannelse", "Sygemeldte borgere", "Folk på kontanthjælp"],
        [
            "venter alt for længe på hjælp fra jobcentret",
            "mangler en vej ind på arbejdsmarkedet",
            "bliver sendt på kurser uden mening",
            "mister modet efter mange afslag",
        ],
        [
            "Giv dem en fast kontaktperson.",
            "Lav flere praktikpladser i virksomhederne.",
            "Brug løntilskud og fleksjob mere.",
            "Start med få timer om ugen og byg op.",
        ],
    ),
    "erhverv": (
        ["Små virksomheder", "Iværksættere", "Lokale håndværkere", "Produktionsfirmaer"],
        [
            "venter måneder på byggetilladelser",
            "mangler erhvervsgrunde ved motorvejen",
            "kan ikke rekruttere faglærte medarbejdere",
            "får ikke lov at byde på offentlige udbud",
        ],
        [
            "Lav én indgang for erhvervslivet.",
            "Byg et iværksætterhus med billige kontorer.",
            "Sælg erhvervsgrunde billigere.",
            "Giv en servicegaranti på sagsbehandlingen.",
        ],
    ),
    "integration": (
        ["Nytilkomne flygtninge", "Indvandrerkvinder", "Familier fra Ukraine", "Nydanske unge"],
        [
            "lærer ikke dansk hurtigt nok",
            "står langt fra arbejdsmarkedet",
            "har ingen netværk i foreningerne",
            "får ikke deres uddannelse godkendt",
        ],
        [
            "Tilbyd danskundervisning om aftenen.",
            "Lav sprogpraktik på arbejdspladser.",
            "Inviter dem med i idrætsforeningerne.",
            "Giv dem en mentor fra erhvervslivet.",
        ],
    ),
    "boern": (
        ["Udsatte børn", "Mange elever", "Teenagere i vores bydel", "Børn i sårbare familier"],
        [
            "mistrives i folkeskolen",
            "har intet at lave om aftenen",
            "venter for længe på en udredning",
            "mangler voksne, der ser dem",
        ],
        [
            "Sæt flere voksne i klasserne.",
            "Åbn ungdomsklubben igen.",
            "Giv familierne hjælp tidligt.",
            "Lav gratis fritidstilbud.",
        ],
    ),
    "sundhed": (
        ["Ældre borgere", "Mænd over 50", "Unge kvinder", "Borgere i de fattige kvarterer"],
        [
            "dør tidligere end i resten af landet",
            "ryger og drikker for meget",
            "føler sig ensomme og har det psykisk dårligt",
            "bevæger sig for lidt",
        ],
        [
            "Lav gratis motionshold.",
            "Tilbyd rygestop på arbejdspladserne.",
            "Opret flere spisefællesskaber.",
            "Kort ventetiden i psykiatrien.",
        ],
    ),
    "bolig": (
        ["Studerende", "Enlige på kontanthjælp", "Unge familier", "Beboerne i blokkene"],
        [
            "kan ikke finde en billig bolig",
            "bor i fugtige og nedslidte lejligheder",
            "venter fem år på en almen bolig",
            "flytter til nabokommunen",
        ],
        [
            "Byg flere små billige lejligheder.",
            "Renovér de gamle betonblokke.",
            "Bland ejerboliger og almene boliger.",
            "Slå ned på udlejere med skimmelsvamp.",
        ],
    ),
    "bymidte": (
        ["Butikkerne på gågaden", "Caféerne i centrum", "Handlende i midtbyen", "Turister"],
        [
            "lukker fordi kunderne kører til storcentret",
            "mangler liv om aftenen",
            "oplever utryghed ved stationen",
            "finder ikke parkering",
        ],
        [
            "Lav flere koncerter på torvet.",
            "Giv gratis parkering de første to timer.",
            "Åbn åen med trapper ned til vandet.",
            "Fyld de tomme butikker med pop-up butikker.",
        ],
    ),
}
FILLERS = [
    "Jeg har boet her i mange år.",
    "Det er vigtigt for hele byen.",
    "Tak fordi I spørger.",
    "Som medarbejder ser jeg det hver dag.",
    "Vi talte om det på forsamlingshusmødet.",
]
PLACES = ["Randers C.", "Assentoft", "Spentrup", "Langå", "Havndal", "Dronningborg"]


def generate(n: int, seed: int = 7) -> list[InputDoc]:
    """N inputs; about 5 % are campaign copies with small edits."""
    rng = random.Random(seed)
    area_ids = list(PARTS)
    docs: list[InputDoc] = []
    campaigns = [
        "Bevar svømmehallen i Spentrup! Den er samlingspunkt for hele lokalsamfundet, "
        "og uden den mister børnene deres svømmeundervisning. Vi kræver, at den bevares.",
        "Stop lukningen af ungdomsklubben i Dronningborg. De unge har brug for et trygt sted "
        "om aftenen, og klubben er det eneste tilbud i bydelen.",
    ]
    for i in range(n):
        if rng.random() < 0.05:
            text = rng.choice(campaigns)
            if rng.random() < 0.5:
                text = text.replace("hele", "hele det lille")
            docs.append(InputDoc(f"b{i}", text + rng.choice(["", " Mvh.", " Hilsen en borger."])))
            continue
        area = rng.choice(area_ids)
        subjects, problems, proposals = PARTS[area]
        sentences = [f"{rng.choice(subjects)} i {rng.choice(PLACES)} {rng.choice(problems)}."]
        for _ in range(rng.randint(0, 2)):
            sentences.append(rng.choice(proposals))
        if rng.random() < 0.4:
            sentences.append(rng.choice(FILLERS))
        rng.shuffle(sentences)
        docs.append(InputDoc(f"b{i}", " ".join(sentences), area_id=area))
    return docs


class StoredVectors:
    """Stands in for the model that made the stored vectors: it only embeds the focus areas
    (a handful of texts per run), in the same synthetic space as `vectors`."""

    name = "stored"
    version = "benchmark"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.vstack([_direction(_area_of_text(t)) for t in texts]).astype(np.float32)


def _area_of_text(text: str) -> str:
    return next((a.id for a in AREAS if a.title in text or text in a.description), AREAS[0].id)


def vectors(docs: list[InputDoc], seed: int = 11) -> np.ndarray:
    """One unit vector per input, built like a sentence embedding of its content: its area's
    direction plus a direction per generated phrase it contains (subject, problem, proposal),
    plus noise — texts that say the same things lie close, as with a real model."""
    rng = np.random.default_rng(seed)
    phrases = [
        (phrase, _direction(phrase))
        for subjects, problems, proposals in PARTS.values()
        for phrase in (*subjects, *problems, *proposals)
    ]
    rows = []
    for doc in docs:
        row = _direction(doc.area_id or "campaign").copy()
        for phrase, direction in phrases:
            if phrase in doc.text:
                row += 0.6 * direction
        rows.append(row)
    out = np.vstack(rows) + rng.standard_normal((len(docs), DIMENSIONS)).astype(np.float32) * 0.05
    return np.asarray(out / np.linalg.norm(out, axis=1, keepdims=True), dtype=np.float32)


def _direction(key: str) -> np.ndarray:
    rng = np.random.default_rng(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big"))
    vector = rng.standard_normal(DIMENSIONS)
    return np.asarray(vector / np.linalg.norm(vector), dtype=np.float32)


def floor(docs: list[InputDoc]) -> float:
    """Seconds for one plain TF-IDF pass over the texts (the floor of any text analysis)."""
    start = time.perf_counter()
    TfidfVectorizer(sublinear_tf=True).fit_transform(d.text for d in docs)
    return time.perf_counter() - start


def warm_up() -> None:
    """Load the lemmatizer's dictionary, as a worker process does at its first run (a one-off
    of a few seconds per process, printed apart: every later run of the worker is without it)."""
    start = time.perf_counter()
    lemma("boligerne")
    print(f"lemmatizer dictionary loaded once per process: {time.perf_counter() - start:.2f}s")


def run(n: int, with_vectors: bool) -> None:
    docs = generate(n)
    stored = vectors(docs) if with_vectors else None
    backend = StoredVectors() if with_vectors else None
    base = floor(docs)
    start, cpu_start = time.perf_counter(), time.process_time()
    result = analyse(AREAS, docs, AnalysisParams(), backend=backend, embeddings=stored)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    steps = " ".join(f"{k}={v:.2f}s" for k, v in result.timings.items())
    print(
        f"N={n:>7} {'vectors' if with_vectors else 'lexical'} wall={wall:6.2f}s cpu={cpu:6.2f}s "
        f"peak_rss={peak_mb:7.0f}MB floor(tfidf)={base:5.2f}s ratio={wall / base:5.1f} "
        f"themes={result.counts['themes']} "
        f"dup_groups={result.counts['duplicate_groups']} campaigns={result.counts['campaigns']} "
        f"misplaced={result.counts['misplaced']} | {steps}",
        flush=True,
    )
    if result.warnings:
        print(f"  warnings: {result.warnings}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, action="append", help="input count (repeatable)")
    parser.add_argument(
        "--vectors", action="store_true", help="with stored sentence vectors (as the product)"
    )
    args = parser.parse_args(argv)
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; cpus={os.cpu_count()}")
    warm_up()
    for n in args.n or [1_000, 10_000, 100_000]:
        run(n, args.vectors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
