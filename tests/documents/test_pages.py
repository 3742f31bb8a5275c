"""From PDF pages to flowing text: running headers, footers, page numbers and page breaks."""

from __future__ import annotations

import pytest

from dialogportal.documents import flow_pages, is_page_number, tidy_layout_page


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Side 2 af 5", True),
        ("side 12", True),
        ("Page 3 of 9", True),
        ("2/5", True),
        ("- 4 -", True),
        ("17", True),
        ("(3)", True),
        ("Punkt 2", False),
        ("2. Godkendelse af dagsorden", False),
        ("Side om side med borgerne", False),
        ("2025-2028", False),
    ],
)
def test_page_numbers_are_recognised(line: str, expected: bool) -> None:
    assert is_page_number(line) is expected


def test_layout_padding_and_margins_are_tidied() -> None:
    page = (
        "      Mødedato          mandag 3. februar 2025 kl. 15.00\n"
        "      Mødested          Byrådssalen\n\n\n\n"
        "      Punkt 4: Regnskab ........................ 2\n"
        "          1. at regnskabet godkendes\n\n\n"
    )
    assert tidy_layout_page(page) == (
        "Mødedato mandag 3. februar 2025 kl. 15.00\n"
        "Mødested Byrådssalen\n"
        "\n"
        "Punkt 4: Regnskab ........................ 2\n"
        "1. at regnskabet godkendes"
    )


def _page(header: str, body: str, footer: str) -> str:
    # As pypdf's layout mode shows a page: the margins are gaps of blank lines.
    return f"{header}\n\n\n{body}\n\n\n\n\n{footer}"


def test_running_headers_and_footers_are_removed_from_every_page_but_the_title_stays() -> None:
    pages = [
        "Økonomiudvalget\nReferat\nMødedato 3. november 2025\n\n\n\nSide 1 af 3",
        _page("Økonomiudvalget", "Punkt 1: Budget\nBeslutning\nGodkendt.", "Side 2 af 3"),
        _page("Økonomiudvalget", "Punkt 2: Regnskab\nBeslutning\nGodkendt.", "Side 3 af 3"),
    ]
    flow = flow_pages(pages)
    assert flow.body.split("\n")[:3] == ["Økonomiudvalget", "Referat", "Mødedato 3. november 2025"]
    assert "Side" not in flow.body
    assert flow.body.count("Økonomiudvalget") == 1
    assert set(flow.furniture) == {"Økonomiudvalget", "Side 1 af 3", "Side 2 af 3", "Side 3 af 3"}
    # The first line of each page in the body.
    lines = flow.body.split("\n")
    assert [lines[start - 1] for start in flow.page_starts] == [
        "Økonomiudvalget",
        "Punkt 1: Budget",
        "Punkt 2: Regnskab",
    ]


def test_a_header_with_the_date_and_a_footer_with_the_municipality_are_furniture() -> None:
    pages = [
        _page(f"Referat – 24. november 2025 kl. 19.00 – side {n}", f"Tekst {n}.", "Randers Kommune")
        for n in range(1, 5)
    ]
    flow = flow_pages(pages)
    assert flow.body.split("\n\n") == [
        "Referat – 24. november 2025 kl. 19.00 – side 1",
        "Tekst 1.",
        "Tekst 2.",
        "Tekst 3.",
        "Tekst 4.",
    ]


def test_the_last_paragraph_of_every_page_is_not_taken_for_a_footer() -> None:
    # Each item on its own page ends with the same decision; without a gap it is text.
    pages = [
        f"Punkt {n}: Sag {n}\n\nBeslutning\nGodkendt.\n\n\n\nSide {n} af 4" for n in range(1, 5)
    ]
    flow = flow_pages(pages)
    assert flow.body.count("Godkendt.") == 4
    assert flow.furniture == tuple(f"Side {n} af 4" for n in range(1, 5))


def test_without_layout_gaps_only_an_outer_page_number_is_removed() -> None:
    pages = ["Byrådet\nPunkt 1: A\nGodkendt.\n1", "Byrådet\nPunkt 2: B\nGodkendt.\n2"]
    assert (
        flow_pages(pages).body == "Byrådet\nPunkt 1: A\nGodkendt.\n\nByrådet\nPunkt 2: B\nGodkendt."
    )


def test_a_line_found_on_only_one_page_edge_stays() -> None:
    pages = [_page("Byrådet", "Første side.", "1"), _page("Bilag", "Anden side.", "2")]
    flow = flow_pages(pages)
    assert "Bilag" in flow.body
    assert flow.furniture == ("1", "2")


def test_a_paragraph_cut_by_a_page_break_is_one_paragraph_again() -> None:
    pages = [
        "Sagsfremstilling\nUdvalget har tidligere bedt om en status, som fremgår af vedlagte"
        "\n\n\nSide 1",
        "bilag. Der er ingen økonomiske konsekvenser.\n\n\nSide 2",
    ]
    flow = flow_pages(pages)
    assert flow.body == (
        "Sagsfremstilling\nUdvalget har tidligere bedt om en status, som fremgår af vedlagte\n"
        "bilag. Der er ingen økonomiske konsekvenser."
    )


def test_a_page_that_ends_a_sentence_starts_a_new_paragraph() -> None:
    flow = flow_pages(["Første afsnit slutter her.\n\n\n1", "Nyt afsnit.\n\n\n2"])
    assert flow.body == "Første afsnit slutter her.\n\nNyt afsnit."
