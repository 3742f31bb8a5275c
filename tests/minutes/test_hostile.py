"""Hostile and unusual input: nothing crashes, nothing hangs, text stays text."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path

import pytest

from dialogportal.minutes import (
    MinutesError,
    MinutesParseError,
    parse_minutes,
    read_minutes_file,
    to_json_dict,
)


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


@pytest.mark.parametrize(
    "line",
    [
        "." * 2_000_000,
        "# " + "a " * 1_000_000,
        "Indholdsfortegnelse\n" + "\t" * 1_000_000 + "x",
        "Punkt 1: " + "v. " * 500_000,
        "## Indstilling\n" + "indstiller " * 300_000,
    ],
)
def test_five_megabyte_lines_do_not_hang(line: str) -> None:
    # Without a recognisable item these are refused; the point is that they finish quickly.
    with contextlib.suppress(MinutesParseError):
        parse_minutes(line)


def test_item_without_number_in_plain_text_is_refused() -> None:
    text = "Referat\n\nPunkt: Budget\n\nSagsnr.: 00.30.00-S00-1-25\n\nBeslutning\nGodkendt.\n"
    with pytest.raises(MinutesParseError, match="line 3: agenda item heading without a number"):
        parse_minutes(text)
