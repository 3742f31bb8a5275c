"""scripts/check_function_imports.py: project imports inside functions only where allowed."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_function_imports.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_function_imports", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _plant(root: Path, relative: str, source: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")


PLANTED = """\
import os

from dialogportal.core import errors


def top_level():
    import json

    from dialogportal.inputs.models import Input

    return Input, json, os, errors


class Config:
    def ready(self):
        import dialogportal.accounts.checks

        def inner():
            from .sibling import thing

            return thing

        return inner, dialogportal.accounts.checks
"""


def test_check_finds_a_planted_function_level_project_import(
    script: ModuleType, tmp_path: Path
) -> None:
    _plant(tmp_path, "dialogportal/app/module.py", PLANTED)

    found = script.find_function_imports(tmp_path)

    assert [(item.key, item.line, item.module) for item in found] == [
        ("dialogportal/app/module.py::top_level", 9, "dialogportal.inputs.models"),
        ("dialogportal/app/module.py::Config.ready", 16, "dialogportal.accounts.checks"),
        ("dialogportal/app/module.py::Config.ready.inner", 19, ".sibling"),
    ]


def test_check_refuses_an_unlisted_function_level_import(
    script: ModuleType, tmp_path: Path
) -> None:
    _plant(tmp_path, "dialogportal/app/module.py", PLANTED)
    allowed = (
        "dialogportal/app/module.py::Config.ready | registry\n"
        "dialogportal/app/module.py::Config.ready.inner | test\n"
    )

    problems = script.check(tmp_path, allowed)

    assert len(problems) == 1
    assert problems[0].startswith("dialogportal/app/module.py:9: `dialogportal.inputs.models`")


def test_check_refuses_an_entry_without_a_reason_and_an_entry_no_longer_needed(
    script: ModuleType, tmp_path: Path
) -> None:
    _plant(tmp_path, "dialogportal/app/module.py", "def f():\n    import json\n    return json\n")
    allowed = "dialogportal/app/module.py::f\ndialogportal/app/gone.py::g | was lazy once\n"

    problems = script.check(tmp_path, allowed)

    assert problems == [
        "allow-list line needs `path::function | reason`: dialogportal/app/module.py::f",
        "allow-list entry no longer needed, remove it: dialogportal/app/gone.py::g",
    ]


def test_check_passes_on_the_project_with_its_allow_list(script: ModuleType) -> None:
    assert script.check(script.ROOT, script.ALLOW_LIST.read_text(encoding="utf-8")) == []
