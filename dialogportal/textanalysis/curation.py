"""Matching a new run's groups to the themes people have curated, so curated names, summaries
and answers survive a new analysis.

Inputs are compared by id only: a group of the new run matches the curated theme that holds
most of the group's already-themed inputs, when that theme also keeps a fair share of its own
inputs in the group. Several groups may match one theme (staff merged two groups, and the
run finds both again); a group that matches nothing becomes a new draft theme."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# A group matches a theme when the theme holds at least this share of the group's inputs that
# were in some curated theme before, and the group holds at least this share of the theme's
# inputs that are still analysed (and never fewer than MIN_OVERLAP inputs).
GROUP_SHARE = 0.5
THEME_SHARE = 0.25
MIN_OVERLAP = 2


@dataclass(frozen=True)
class GroupMatch:
    group_id: str
    theme_id: str | None  # None: a new theme
    overlap: int  # inputs the group and the theme share


def match_groups(
    groups: Mapping[str, frozenset[str]],
    themes: Mapping[str, frozenset[str]],
    present: frozenset[str],
) -> list[GroupMatch]:
    """Match each group (id -> input ids) of one focus area to a curated theme (id -> input
    ids) of the same area, or to none. `present` are the inputs the new run analysed (a theme's
    inputs that were erased or rejected since do not count against it). Deterministic: ties go
    to the theme listed first."""
    themed = frozenset().union(*themes.values()) if themes else frozenset()
    alive = {theme_id: members & present for theme_id, members in themes.items()}
    matches: list[GroupMatch] = []
    for group_id, members in groups.items():
        known = members & themed
        best: tuple[int, str] | None = None
        for theme_id, theme_members in alive.items():
            overlap = len(members & theme_members)
            if overlap < MIN_OVERLAP:
                continue
            if overlap < GROUP_SHARE * len(known) or overlap < THEME_SHARE * len(theme_members):
                continue
            if best is None or overlap > best[0]:
                best = (overlap, theme_id)
        matches.append(GroupMatch(group_id, best[1] if best else None, best[0] if best else 0))
    return matches
