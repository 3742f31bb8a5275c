"""Item sections: recognising their headings and reading the structured ones.

Section kinds are the fields of :class:`~dialogportal.minutes.parser.ParsedItem`:
``summary`` (Resumé), ``recommendations`` (Indstilling), ``decision`` (Referat/Beslutning),
``case_description`` (Sagsfremstilling), ``finances`` (Økonomi) and ``attachments`` (Bilag).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialogportal.minutes.lines import LIST_MARKER_RE

__all__ = [
    "SectionHeading",
    "section_heading",
    "section_text",
    "split_attachments",
    "split_recommendations",
]

_NAMES = {
    "summary": (
        "resumé", "resume", "resumè", "résumé", "beslutningstema", "sammenfatning", "sagsresumé",
        "kort resumé",
    ),
    "recommendations": (
        "indstilling", "indstillinger", "forslag til indstilling", "forslag til beslutning",
        "direktionens indstilling", "forvaltningens indstilling", "administrationens indstilling",
    ),
    "decision": ("referat", "beslutning", "beslutninger", "afgørelse"),
    "case_description": (
        "sagsfremstilling", "sagsbeskrivelse", "sagens indhold", "sagsforklaring",
    ),
    "finances": (
        "økonomi", "økonomiske forhold", "økonomiske konsekvenser", "økonomi og finansiering",
        "bevillingsmæssige konsekvenser", "økonomiske og personalemæssige konsekvenser",
    ),
    "attachments": ("bilag", "bilagsfortegnelse", "vedhæftede bilag", "bilag til punktet"),
}  # fmt: skip
_KIND_BY_NAME = {name: kind for kind, names in _NAMES.items() for name in names}
_NAME_ALTERNATION = "|".join(
    re.escape(name) for name in sorted(_KIND_BY_NAME, key=len, reverse=True)
)
# "Beslutning:" / "Økonomi: Ingen." / "Beslutning i Økonomiudvalget den 12-03-2025: Godkendt."
_LABEL_RE = re.compile(
    rf"^(?P<name>{_NAME_ALTERNATION})"
    r"(?P<qualifier>\s+(?:i|fra|på|den|d\.|af)\s+[^:]{1,120}?|\s*\([^)]{1,60}\))?"
    r"\s*(?::(?P<inline>(?:\s.*)?)|\.)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SectionHeading:
    kind: str
    heading: str
    inline: str


def section_heading(text: str) -> SectionHeading | None:
    """Classify ``text`` (a heading or a label line) as a known section, or None.

    A qualified heading ("Beslutning i Byrådet den 3. marts 2025") counts only for decisions.
    """
    match = _LABEL_RE.match(text)
    if match is None:
        return None
    kind = _KIND_BY_NAME[match["name"].lower()]
    qualified = bool(match["qualifier"])
    if qualified and kind != "decision":
        return None
    inline = (match["inline"] or "").strip()
    heading = text[: match.start("inline") - 1].strip() if match["inline"] is not None else text
    return SectionHeading(kind, heading.rstrip(":.").strip(), inline)


def section_text(lines: list[str]) -> str | None:
    """Join body lines; trim blank lines at both ends and collapse runs of blank lines."""
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(line.rstrip())
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) if out else None


_INDSTILL_AT_RE = re.compile(r"\bindstill\w*\b(?P<between>[^.]{0,300}?)[,:]?\s+(?=at\s)", re.I)
_CLAUSE_SPLIT_RE = re.compile(r"(?:,\s*|;\s*|\s+)(?:og|samt)\s+(?=at\s)|;\s*(?=at\s)", re.I)
_TRAILING_WORDS = (" og", " samt", " eller")
_AT_RE = re.compile(r"^at\b\s*", re.IGNORECASE)


def _normalise_clause(text: str) -> str:
    text = " ".join(text.split())
    while True:
        stripped = text.rstrip(" ,;.")
        for word in _TRAILING_WORDS:
            if stripped.lower().endswith(word):
                stripped = stripped[: -len(word)]
        if stripped == text:
            break
        text = stripped
    text = _AT_RE.sub("", text, count=1)
    return f"at {text}" if text else ""


def split_recommendations(lines: list[str]) -> tuple[str | None, list[str]]:
    """Read an Indstilling section into (intro, ["at …", …]).

    Understood: numbered ("1.", "1)"), dashed or bulleted lists; lines that start with "at";
    and a single prose sentence "Det indstilles, at …" (several "…, og at …" clauses are split).
    The intro is what precedes the clauses, e.g. "Forvaltningen indstiller til Hovedudvalget".
    """
    intro: list[str] = []
    clauses: list[str] = []
    continuing = False
    for raw in lines:
        text = " ".join(raw.replace("**", "").split())
        if not text:
            continuing = False
            continue
        marker = LIST_MARKER_RE.match(text)
        if marker is not None:
            clauses.append(marker["text"])
            continuing = True
        elif _AT_RE.match(text):
            clauses.append(text)
            continuing = True
        elif clauses and continuing:
            clauses[-1] = f"{clauses[-1]} {text}"
        else:
            intro.append(text)
    intro_text = " ".join(intro)
    if not clauses and intro_text:
        match = _INDSTILL_AT_RE.search(intro_text)
        if match is not None:
            head, tail = intro_text[: match.end()], intro_text[match.end() :]
            clauses = _CLAUSE_SPLIT_RE.split(tail)
            intro_text = head
    intro_text = re.sub(r"[\s,:]+(?:at)?[\s,:]*$", "", intro_text) if intro_text else ""
    result = [clause for clause in map(_normalise_clause, clauses) if clause]
    return (intro_text or None), result


def split_attachments(lines: list[str]) -> list[str]:
    """One attachment per non-blank line, without list markers."""
    result: list[str] = []
    for raw in lines:
        text = " ".join(raw.replace("**", "").split())
        if not text:
            continue
        marker = LIST_MARKER_RE.match(text)
        result.append(marker["text"] if marker is not None else text)
    return result
