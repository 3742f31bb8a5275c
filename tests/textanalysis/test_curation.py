"""Matching a new run's groups to curated themes (ids only, no text)."""

import pytest

from dialogportal.textanalysis.curation import match_groups


def ids(spec: str) -> frozenset[str]:
    """ "1-5" -> {"1", …, "5"}; "1,3" -> {"1", "3"}."""
    result: set[str] = set()
    for part in spec.split(","):
        if "-" in part:
            start, end = part.split("-")
            result.update(str(i) for i in range(int(start), int(end) + 1))
        elif part:
            result.add(part)
    return frozenset(result)


ALL = ids("1-1000")


@pytest.mark.parametrize(
    ("case", "groups", "themes", "expected"),
    [
        # The same group found again keeps its theme.
        ("same group", {"g": "1-10"}, {"t": "1-10"}, {"g": "t"}),
        # A group that grew tenfold with new inputs is still the same theme.
        ("grown group", {"g": "1-10,100-199"}, {"t": "1-10"}, {"g": "t"}),
        # Staff merged two groups into one theme; the run finds both groups again.
        ("merge survives", {"a": "1-10", "b": "11-20"}, {"t": "1-20"}, {"a": "t", "b": "t"}),
        # Staff split a theme; the run finds the old group: it goes to the larger part.
        ("split", {"g": "1-20"}, {"big": "1-14", "small": "15-20"}, {"g": "big"}),
        # A new group with two stray inputs of a big theme is a new theme.
        ("strays", {"g": "1-2,500-520"}, {"t": "1-40"}, {"g": None}),
        # Nothing in common.
        ("new", {"g": "300-310"}, {"t": "1-10"}, {"g": None}),
        # No curated themes yet: every group is new.
        ("first run", {"a": "1-5", "b": "6-9"}, {}, {"a": None, "b": None}),
        # One input in common is not enough.
        ("one shared input", {"g": "1,50-60"}, {"t": "1"}, {"g": None}),
        # Ties go to the theme listed first.
        ("tie", {"g": "1-4"}, {"t1": "1-2", "t2": "3-4"}, {"g": "t1"}),
    ],
)
def test_groups_match_the_theme_holding_most_of_their_themed_inputs(
    case: str, groups: dict[str, str], themes: dict[str, str], expected: dict[str, str | None]
) -> None:
    matches = match_groups(
        {key: ids(value) for key, value in groups.items()},
        {key: ids(value) for key, value in themes.items()},
        ALL,
    )
    assert {m.group_id: m.theme_id for m in matches} == expected, case


def test_inputs_no_longer_analysed_do_not_count_against_a_theme() -> None:
    # The theme had 40 inputs; 36 were erased. The 4 left are all in the group.
    themes = {"t": ids("1-40")}
    present = ids("1-4,100-120")
    [match] = match_groups({"g": ids("1-4,100-110")}, themes, present)
    assert match.theme_id == "t"
    assert match.overlap == 4


def test_matching_is_deterministic() -> None:
    groups = {str(i): ids(f"{i * 10}-{i * 10 + 9}") for i in range(1, 20)}
    themes = {f"t{i}": ids(f"{i * 10 + 3}-{i * 10 + 14}") for i in range(1, 20)}
    first = match_groups(groups, themes, ALL)
    assert first == match_groups(groups, themes, ALL)
