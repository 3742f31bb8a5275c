"""Every Danish message of the importer has an English translation: the package marks them
with ``gettext_noop`` and the command translates them at the edge."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "dialogportal" / "minutes"
CATALOGUE = PACKAGE.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _marked_messages() -> list[str]:
    messages: list[str] = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "gettext_noop"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                messages.append(node.args[0].value)
    return messages


def _catalogue() -> dict[str, str]:
    with (CATALOGUE.with_suffix(".mo")).open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def test_the_package_marks_its_messages() -> None:
    assert len(_marked_messages()) > 50


@pytest.mark.parametrize("message", _marked_messages())
def test_every_marked_message_has_an_english_translation(message: str) -> None:
    translated = _catalogue().get(message, "")
    assert translated, message
    assert translated != message or message.startswith("%(")
