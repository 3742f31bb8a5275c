"""Items added between two numbered ones keep the earlier number and a letter ("Punkt 236a"),
as a tillægsdagsorden does: the parser reads the letter, keeps the order and refuses it twice."""

from __future__ import annotations

import pytest

from dialogportal.minutes import MinutesParseError, parse_minutes, to_json_dict

HEADER = "Referat Økonomiudvalget 3. december 2025\n\n"


def _numbers(text: str) -> list[str]:
    return [item.display_number for item in parse_minutes(text).items]


@pytest.mark.parametrize(
    "text",
    [
        "# " + HEADER + "# Punkt 236: Budget\n\n## Beslutning\n\nGodkendt.\n\n"
        "# Punkt 236a: Ekstra bevilling\n\n## Beslutning\n\nGodkendt.\n\n"
        "# Punkt 237: Eventuelt\n\n## Beslutning\n\nIntet.\n",
        HEADER + "Punkt 236: Budget\nSagsnr.: 00.01.00-A00-1-25\n\nBeslutning\nGodkendt.\n\n"
        "Punkt 236A: Ekstra bevilling\nSagsnr.: 00.01.00-A00-2-25\n\nBeslutning\nGodkendt.\n\n"
        "Punkt 237: Eventuelt\nSagsnr.: 00.01.00-A00-3-25\n\nBeslutning\nIntet.\n",
        HEADER + "236. Budget\nSagsnr.: 00.01.00-A00-1-25\n\nBeslutning\nGodkendt.\n\n"
        "236a. Ekstra bevilling\nSagsnr.: 00.01.00-A00-2-25\n\nBeslutning\nGodkendt.\n\n"
        "237. Eventuelt\nSagsnr.: 00.01.00-A00-3-25\n\nBeslutning\nIntet.\n",
    ],
    ids=["markdown", "plain-punkt", "plain-numbered"],
)
def test_an_item_with_a_letter_is_read_between_its_neighbours(text: str) -> None:
    parsed = parse_minutes(text)

    assert [(i.number, i.number_suffix, i.title) for i in parsed.items] == [
        (236, "", "Budget"),
        (236, "a", "Ekstra bevilling"),
        (237, "", "Eventuelt"),
    ]
    assert to_json_dict(parsed)["items"][1]["number_suffix"] == "a"


def test_an_item_with_a_letter_twice_is_refused_naming_it() -> None:
    text = (
        "# " + HEADER + "# Punkt 236a: Ekstra\n\n## Beslutning\n\nGodkendt.\n\n"
        "# Punkt 236a: Ekstra igen\n\n## Beslutning\n\nGodkendt.\n"
    )
    with pytest.raises(MinutesParseError, match=r"punkt 236a står to gange \(linje 3 og linje 9\)"):
        parse_minutes(text)


def test_an_item_with_a_letter_after_the_next_number_is_refused() -> None:
    text = (
        "# " + HEADER + "# Punkt 237: Eventuelt\n\n## Beslutning\n\nIntet.\n\n"
        "# Punkt 236a: Ekstra\n\n## Beslutning\n\nGodkendt.\n"
    )
    with pytest.raises(MinutesParseError, match="punkt 236a kommer efter punkt 237"):
        parse_minutes(text)


def test_a_closed_item_with_a_letter_in_the_contents_closes_only_that_item() -> None:
    text = (
        "Økonomiudvalget\nMødedato: 3. december 2025\n\n"
        "Indholdsfortegnelse\n\nÅbne punkter\n236. Budget ........ 2\n"
        "Lukkede punkter\n236a. Køb af grund ........ 3\n\n"
        "236. Budget\nSagsnr.: 00.01.00-A00-1-25\n\nBeslutning\nGodkendt.\n\n"
        "236a. Køb af grund\nSagsnr.: 00.01.00-A00-2-25\n\nBeslutning\nGodkendt.\n"
    )
    items = parse_minutes(text).items

    assert [(i.display_number, i.closed) for i in items] == [("236", False), ("236a", True)]


@pytest.mark.parametrize(
    "line",
    ["Punkt 7at godkende", "Pkt. 3 b) et underpunkt", "7b er ikke et punkt"],
)
def test_a_letter_is_read_only_directly_after_the_number(line: str) -> None:
    text = "# " + HEADER + "# Punkt 7: Plan\n\n## Beslutning\n\n" + line + "\n"
    assert _numbers(text) == ["7"]
