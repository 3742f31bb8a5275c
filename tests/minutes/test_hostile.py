"""Hostile and unusual input: nothing crashes, nothing hangs, text stays text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dialogportal.minutes import (
    MinutesError,
    MinutesParseError,
    parse_minutes,
    to_json_dict,
)
from dialogportal.minutes.extract import read_minutes_file


def test_script_tags_are_kept_as_text() -> None:
    text = (
        "# Referat <b>Udvalg</b> 01-02-2025\n\n"
        '# Punkt 1: <script>alert("x")</script> v. <img src=x onerror=alert(1)>\n\n'
        "## Referat\n\n<script>document.cookie</script>\n"
    )
    (item,) = parse_minutes(text).items
    assert item.title == '<script>alert("x")</script>'
    assert item.presenter == "<img src=x onerror=alert(1)>"
    assert item.decision == "<script>document.cookie</script>"


def test_unusual_unicode() -> None:
    text = (
        "\ufeff# Referat Udvalg for Kultur\u00a0og\u00a0Fritid 5.\u00a0maj\u00a02025\n\n"
        "# Punkt\u00a07: Bibliotek\u00adsplan \U0001f4da \u05e9\u05dc\u05d5\u05dd v. Zoë Ørsted\n\n"
        "## Resume\u0301\n\n"  # "Resumé" with a combining accent (decomposed)
        "Tekst\u200b med\u2028linjeskift.\n\n"
        "## Indstilling\n\n1.\u00a0at godkende planen\n"
    )
    parsed = parse_minutes(text)
    assert parsed.committee == "Udvalg for Kultur og Fritid"
    (item,) = parsed.items
    assert item.number == 7
    assert item.title == "Biblioteksplan \U0001f4da \u05e9\u05dc\u05d5\u05dd"
    assert item.presenter == "Zoë Ørsted"
    assert item.summary == "Tekst med linjeskift."
    assert item.recommendations == ["at godkende planen"]


def test_control_characters_and_junk_text() -> None:
    rng = random.Random(7)
    junk = "".join(chr(rng.randrange(1, 0x3000)) for _ in range(20_000))
    with pytest.raises(MinutesParseError):
        parse_minutes(junk)


def test_binary_junk_file(tmp_path: Path) -> None:
    rng = random.Random(11)
    path = tmp_path / "junk.md"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(50_000)))
    with pytest.raises(MinutesError):
        parse_minutes(read_minutes_file(path))


@pytest.mark.timeout(120)
def test_five_megabytes_of_minutes(tmp_path: Path) -> None:
    body = "Sagsfremstillingen fylder meget. " * 40
    parts = ["# Referat Hovedudvalget 01-01-2025\n"]
    number = 0
    while sum(map(len, parts)) < 5_000_000:
        number += 1
        parts.append(
            f"# Punkt {number}: Sag {number} v. N.N.\n\n## Indstilling\n\n1. at drøfte sagen\n\n"
            f"## Sagsfremstilling\n\n{body}\n\n## Referat\n\nDrøftet.\n\n"
        )
    path = tmp_path / "stor.md"
    path.write_text("".join(parts), encoding="utf-8")
    parsed = parse_minutes(read_minutes_file(path))
    assert len(parsed.items) == number
    assert parsed.items[-1].decision == "Drøftet."
    assert len(to_json_dict(parsed)["items"]) == number


FIVE_MB = 5_000_000


def _times(unit: str) -> str:
    return unit * (FIVE_MB // len(unit) + 1)


# Each a single line (or two) of five megabytes, and what the parser must make of it. The
# bound on time is generous (each takes 0.2-3 s on two shared cores): it catches a parser
# that backtracks quadratically, which takes minutes or hours on such input.
HOSTILE_LINES: list[tuple[str, str, int | None, str]] = [
    ("dots", _times("."), None, "intet dagsordenspunkt"),
    ("heading of words", "# " + _times("a "), None, "intet dagsordenspunkt"),
    ("tabs after a contents heading", "Indholdsfortegnelse\n" + _times("\t") + "x", None,
     "intet dagsordenspunkt"),
    ("presenters without an item", "Punkt 1: " + _times("v. "), None, "intet dagsordenspunkt"),
    ("numbered dots", "1. " + _times("."), None, "intet dagsordenspunkt"),
    ("a section before any item", "## Indstilling\n" + _times("indstiller "), None,
     "kommer før det første dagsordenspunkt"),
    ("half a million recommendations", "Punkt 1: Budget\nIndstilling\nDet indstilles, at "
     + _times("x og at "), None, "mere end 500 at-led"),
    ("impossible dates", "Mødedato: " + _times("31. juni 2025 ") + "\nPunkt 1: A\nBeslutning\nOk.",
     None, "„31. juni 2025“ er ikke en dato"),
]  # fmt: skip
HOSTILE_ITEMS: list[tuple[str, str, str]] = [
    ("a five-megabyte title", "# Punkt 1: " + _times("Langt "), "title"),
    ("a five-megabyte case description", "# Punkt 1: Budget\n\n## Sagsfremstilling\n\n"
     + _times("ord "), "case_description"),
    ("closed-attachment markers on one line",
     "Punkt 1: Budget\nBilag\nNotat\n" + _times("(lukket bilag) "), "attachments"),
    ("white space in the attachments", "Punkt 1: A\nBilag\n" + _times(" ") + "x", "attachments"),
    ("indstiller without at", "Punkt 1: A\nIndstilling\n" + _times("indstiller "),
     "recommendation_intro"),
]  # fmt: skip


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("case", "text", "line", "words"), HOSTILE_LINES, ids=lambda v: "")
def test_five_megabyte_lines_are_refused_with_a_reason(
    case: str, text: str, line: int | None, words: str
) -> None:
    assert len(text) >= FIVE_MB, case
    with pytest.raises(MinutesParseError) as caught:
        parse_minutes(text, source_name="stor.txt")
    assert words in caught.value.message, case
    assert str(caught.value).startswith("stor.txt"), case


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("case", "text", "field"), HOSTILE_ITEMS, ids=lambda v: "")
def test_five_megabyte_lines_inside_an_item_are_kept_as_text(
    case: str, text: str, field: str
) -> None:
    (item,) = parse_minutes(text).items
    value = getattr(item, field)
    assert item.number == 1, case
    if field == "attachments":
        assert [(a.title, a.is_public) for a in value] == [
            ("Notat", False) if "lukket" in text else ("x", True)
        ], case
    else:
        assert value is not None, case
        assert len(value) >= FIVE_MB // 2, case


def test_item_without_number_in_plain_text_is_refused() -> None:
    text = "Referat\n\nPunkt: Budget\n\nSagsnr.: 00.30.00-S00-1-25\n\nBeslutning\nGodkendt.\n"
    with pytest.raises(MinutesParseError, match="linje 3: et dagsordenspunkt uden nummer"):
        parse_minutes(text)
