"""The real Danish development set (`../shared/eval/agendas-dev`): loading and measures.

Real municipal agenda-item titles coded by trained human coders (see the set's README). The
files are read from the shared folder beside the repository and never copied into it; every
function here returns None / skips when the folder is absent.

Measures (all on the engine's public API, nothing of the set's vocabulary in the product):
zero-shot accuracy and macro-F1 of the top area; the same with 1/5/20 confirmed labels per
area (labelled inputs left out of the score, mean over seeds, with the zero-shot score of
exactly those inputs beside it); theme NMI against the human CAP sub-codes within each area
(areas given, so the number is about grouping, not placing), the share of inputs in "Øvrige",
the number of themes, and a plain TF-IDF k-means with the same number of groups as the
reference the themes must beat.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score, normalized_mutual_info_score

from dialogportal.textanalysis import AnalysisParams, AnalysisResult, AreaSpec, InputDoc
from dialogportal.textanalysis.danish import content_lemma, tokenize

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (1, 2, 3)


def dev_dir() -> Path | None:
    """`../shared/eval/agendas-dev` beside the repository (or $DIALOGPORTAL_EVAL_DIR)."""
    candidates = [
        Path(os.environ.get("DIALOGPORTAL_EVAL_DIR", "")) / "agendas-dev",
        ROOT.parent / "shared" / "eval" / "agendas-dev",
        ROOT.parent.parent / "shared" / "eval" / "agendas-dev",  # a worktree under wt/
    ]
    for path in candidates:
        if (path / "areas.json").is_file() and (path / "inputs.jsonl").is_file():
            return path
    return None


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    label: str
    group: str


def load_dev() -> tuple[list[AreaSpec], list[Row]] | None:
    folder = dev_dir()
    if folder is None:
        return None
    areas = [
        AreaSpec(str(a["id"]), a["title"], a.get("description", ""))
        for a in json.loads((folder / "areas.json").read_text("utf-8"))
    ]
    rows = []
    for line in (folder / "inputs.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            rows.append(Row(str(item["id"]), item["text"], str(item["label"]), str(item["cap"])))
    return areas, rows


@dataclass(frozen=True)
class Scores:
    accuracy: float
    macro_f1: float
    zero_shot_accuracy: float  # of the same (unlabelled) inputs
    zero_shot_macro_f1: float


Analyse = Callable[[list[AreaSpec], list[InputDoc], AnalysisParams], AnalysisResult]


def classification(
    analyse: Analyse,
    areas: list[AreaSpec],
    rows: list[Row],
    per_area: int,
    params: AnalysisParams,
) -> Scores:
    """Accuracy and macro-F1 on unlabelled inputs (mean over seeds), and the zero-shot
    scores of exactly those inputs."""
    accuracies, f1s, baselines, baseline_f1s = [], [], [], []
    zero_shot: dict[str, str] | None = None
    for seed in SEEDS if per_area else SEEDS[:1]:
        rng = random.Random(seed)
        by_area: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            by_area.setdefault(row.label, []).append(i)
        labelled = {i for ids in by_area.values() for i in rng.sample(ids, min(per_area, len(ids)))}
        held = [i for i in range(len(rows)) if i not in labelled]
        gold = [rows[i].label for i in held]
        docs = [
            InputDoc(r.id, r.text, None, (r.label,) if i in labelled else ())
            for i, r in enumerate(rows)
        ]
        top = {a.input_id: a.areas[0].area_id for a in analyse(areas, docs, params).assignments}
        if zero_shot is None:
            plain = [InputDoc(r.id, r.text) for r in rows]
            zero_shot = {
                a.input_id: a.areas[0].area_id for a in analyse(areas, plain, params).assignments
            }
        pred = [top[rows[i].id] for i in held]
        accuracies.append(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold))
        f1s.append(float(f1_score(gold, pred, average="macro")))
        baseline = [zero_shot[rows[i].id] for i in held]
        baselines.append(sum(g == p for g, p in zip(gold, baseline, strict=True)) / len(gold))
        baseline_f1s.append(float(f1_score(gold, baseline, average="macro")))
    n = len(accuracies)
    return Scores(sum(accuracies) / n, sum(f1s) / n, sum(baselines) / n, sum(baseline_f1s) / n)


@dataclass
class ThemeQuality:
    nmi: float  # mean over areas weighted by area size
    kmeans_nmi: float  # plain TF-IDF k-means with the engine's number of groups per area
    other_share: float
    themes: int
    labels: list[tuple[str, str, int]]  # area, label, size
    one_word_share: float  # labels of a single word
    label_coverage: float  # mean share of a theme's members holding every word of its label


def themes(
    analyse: Analyse, areas: list[AreaSpec], rows: list[Row], params: AnalysisParams
) -> ThemeQuality:
    """Themes with the true areas confirmed, scored within each area against the CAP codes."""
    docs = [InputDoc(r.id, r.text, None, (r.label,)) for r in rows]
    result = analyse(areas, docs, params)
    theme_of: dict[str, int] = {}
    other = 0
    for number, theme in enumerate(result.themes):
        for input_id in theme.input_ids:
            theme_of[input_id] = number
        if theme.is_other:
            other += theme.size
    weighted, weighted_km, total = 0.0, 0.0, 0
    for area in areas:
        members = [r for r in rows if r.label == area.id]
        if len(members) < 2:
            continue
        gold = [r.group for r in members]
        pred = [theme_of.get(r.id, -1) for r in members]
        groups = max(len(set(pred)), 2)
        texts = [r.text for r in members]
        x = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
        km = KMeans(n_clusters=min(groups, len(members)), n_init=5, random_state=0).fit(x)
        weighted += normalized_mutual_info_score(gold, pred) * len(members)
        weighted_km += normalized_mutual_info_score(gold, km.labels_) * len(members)
        total += len(members)
    grouped = [t for t in result.themes if not t.is_other]
    labels = [(t.area_id, t.label, t.size) for t in grouped]
    words = {r.id: _lemmas(r.text) for r in rows}
    coverage = [
        sum(1 for i in t.input_ids if _lemmas(t.label) <= words[i]) / t.size for t in grouped
    ]
    return ThemeQuality(
        nmi=weighted / max(total, 1),
        kmeans_nmi=weighted_km / max(total, 1),
        other_share=other / max(len(rows), 1),
        themes=len(grouped),
        labels=labels,
        one_word_share=sum(1 for t in grouped if len(_lemmas(t.label)) == 1) / max(len(grouped), 1),
        label_coverage=sum(coverage) / max(len(coverage), 1),
    )


def _lemmas(text: str) -> set[str]:
    """Content lemmas of a text, as the engine reads it."""
    return {lem for token in tokenize(text) if (lem := content_lemma(token)) is not None}


def report(analyse: Analyse, params: AnalysisParams, label: str) -> None:
    """Print the dev-set figures for one engine configuration (or say why not)."""
    loaded = load_dev()
    if loaded is None:
        print("[dev] ../shared/eval/agendas-dev not found: skipped")
        return
    areas, rows = loaded
    print(f"[dev: real agenda titles] {len(rows)} inputs, {len(areas)} areas — {label}")
    for per_area in (0, 1, 5, 20):
        s = classification(analyse, areas, rows, per_area, params)
        extra = (
            f" (same inputs zero-shot: {s.zero_shot_accuracy:.3f} / {s.zero_shot_macro_f1:.3f})"
            if per_area
            else ""
        )
        scores = f"accuracy={s.accuracy:.3f} macro_f1={s.macro_f1:.3f}"
        print(f"  labels/area={per_area:>2} {scores}{extra}")
    quality = themes(analyse, areas, rows, params)
    print(
        f"  themes (areas given): NMI vs CAP within areas={quality.nmi:.3f} "
        f"(TF-IDF k-means, same k: {quality.kmeans_nmi:.3f}); share in Øvrige="
        f"{quality.other_share:.3f}; {quality.themes} themes"
    )
    print(
        f"  labels: one word {quality.one_word_share:.3f}; members holding every label word "
        f"{quality.label_coverage:.3f}; ten of them:"
    )
    rng = np.random.default_rng(0)
    picks = rng.choice(len(quality.labels), size=min(10, len(quality.labels)), replace=False)
    for i in sorted(picks.tolist()):
        area_id, text, size = quality.labels[i]
        print(f"    {area_id} ({size:>3}) {text}")
