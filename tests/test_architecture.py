"""The layers contract (pyproject.toml), docs/architecture.md and the packages on disk say the
same thing: every package of dialogportal sits in exactly one layer, and the docs show the
contract's list unchanged."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dialogportal"
NOT_PYTHON = {"static", "templates", "locale"}


def _contract() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(contract for contract in contracts if contract.get("id") == "layers")


def _layers() -> list[str]:
    layers = _contract()["layers"]
    assert isinstance(layers, list)
    return [str(layer) for layer in layers]


def _names(layers: list[str]) -> list[str]:
    return [name.strip() for layer in layers for name in layer.split("|")]


def test_every_package_is_in_exactly_one_layer() -> None:
    on_disk = {
        path.name
        for path in PACKAGE.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name not in NOT_PYTHON
    }
    names = _names(_layers())

    assert sorted(names) == sorted(set(names)), "a package is in two layers"
    assert set(names) == on_disk


def test_the_architecture_page_shows_the_contracts_layers() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"```layers\n(.*?)```", text, re.DOTALL)

    assert block is not None, "docs/architecture.md has no ```layers block"
    assert block.group(1).splitlines() == _layers()


def test_every_known_upward_import_is_explained_on_the_architecture_page() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    ignored = _contract()["ignore_imports"]
    assert isinstance(ignored, list)

    for edge in ignored:
        importer, imported = (part.strip() for part in str(edge).split("->"))
        assert f"`{importer.removeprefix('dialogportal.')}`" in text, importer
        assert f"`{imported.removeprefix('dialogportal.')}`" in text, imported
