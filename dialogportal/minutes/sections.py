"""Item sections: recognising their headings and reading the structured ones.

Section kinds are the fields of :class:`~dialogportal.minutes.parser.ParsedItem`:
``summary`` (Resumé), ``recommendations`` (Indstilling), ``decision`` (Referat/Beslutning),
``case_description`` (Sagsfremstilling), ``finances`` (Økonomi) and ``attachments`` (Bilag).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from dialogportal.minutes.dates import find_date, find_impossible_date
from dialogportal.minutes.lines import LIST_MARKER_RE
from dialogportal.minutes.model import ParsedAttachment

__all__ = [
    "OUTCOME_LABELS",
    "SectionHeading",
    "attachment_entry",
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
    # The product's own names for what the parser reads from "Label: value" lines.
    "metadata": ("sagsoplysninger", "oplysninger om sagen"),
    "absence": ("fraværende under punktet", "fraværende", "fravær"),
    # Headings that group earlier steps of the case; the decisions under them have their own.
    "other": (
        "tidligere beslutninger", "tidligere beslutning", "tidligere behandling",
        "sagens tidligere behandling", "behandling i tidligere udvalg",
    ),
}  # fmt: skip
_KIND_BY_NAME = {name: kind for kind, names in _NAMES.items() for name in names}
_NAME_ALTERNATION = "|".join(
    re.escape(name) for name in sorted(_KIND_BY_NAME, key=len, reverse=True)
)
# Matches "Beslutning:", "Økonomi: Ingen.", "Beslutning i Økonomiudvalget den 12-03-2025: Ja."
_LABEL_RE = re.compile(
    rf"^(?P<name>{_NAME_ALTERNATION})"
    r"(?P<qualifier>\s+(?:i|fra|på|den|d\.|af|for)\s+[^:]{1,120}?|\s*\([^)]{1,80}\)"
    r"|\s+[^:]{1,80}?\d{4})?"
    r"\s*(?::(?P<inline>(?:\s.*)?)|\.)?$",
    re.IGNORECASE,
)
# Matches "Økonomiudvalgets beslutning den 3. november 2025", "Byrådets beslutning:"
_GENITIVE_DECISION_RE = re.compile(
    r"^(?P<committee>[A-ZÆØÅ][^:]{1,80}?s)\s+(?:beslutning|afgørelse)"
    r"(?P<when>\s+(?:den|d\.)\s+[^:]{4,40}?)?\s*(?::(?P<inline>(?:\s.*)?)|\.)?$"
)
# A committee's name holds one of these words, or is an abbreviation ("ØU", "HMU").
_COMMITTEE_WORD_RE = re.compile(
    r"(?i:udvalg|byråd|kommunalbestyrelse|borgerrepræsentation|regionsråd|\bmed\b|råd\b"
    r"|nævn|bestyrelse|forum|direktion)|\b[A-ZÆØÅ]{2,5}\b"
)
_THIS_MEETING = frozenset({"mødet", "møde", "dagens møde", "udvalgets møde", "udvalget"})
_QUALIFIER_EDGE_RE = re.compile(r"^[\s(,]*(?:i|fra|på|af|for)?\s+|[\s),.:]+$", re.IGNORECASE)
_DATE_LEAD_RE = re.compile(r"[\s,(–-]*(?:den|d\.)?[\s,]*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SectionHeading:
    kind: str
    heading: str
    inline: str
    committee: str | None = None
    date: datetime.date | None = None
    #: A date in the heading that does not exist ("den 31. juni 2025"), as written.
    impossible_date: str | None = None


def _qualifier(text: str) -> tuple[str | None, datetime.date | None, str | None]:
    """ "i Økonomiudvalget den 3. november 2025" → (committee, date, impossible date)."""
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    text = _QUALIFIER_EDGE_RE.sub("", f" {text} ").strip()
    found = find_date(text)
    date = None
    if found is not None:
        date = found[0]
        text = _DATE_LEAD_RE.sub("", text[: found[1][0]])
    impossible = find_impossible_date(text) if found is None else None
    if impossible is not None:
        text = _DATE_LEAD_RE.sub("", text[: text.find(impossible)])
    committee = text.strip(" ,.-–") or None
    return committee, date, impossible


def section_heading(text: str) -> SectionHeading | None:
    """Classify ``text`` (a heading or a label line) as a known section, or None.

    A qualified heading ("Beslutning i Byrådet den 3. marts 2025", "Byrådets beslutning")
    counts only for decisions; it names the committee and the date of that decision.
    """
    genitive = _GENITIVE_DECISION_RE.match(text)
    if genitive is not None and _COMMITTEE_WORD_RE.search(genitive["committee"]):
        inline = (genitive["inline"] or "").strip()
        heading = text[: genitive.start("inline") - 1] if genitive["inline"] is not None else text
        committee = genitive["committee"][:-1]  # "Økonomiudvalgets" → "Økonomiudvalget"
        _, date, impossible = _qualifier(genitive["when"] or "")
        return SectionHeading(
            "decision", heading.rstrip(":.").strip(), inline, committee, date, impossible
        )
    match = _LABEL_RE.match(text)
    if match is None:
        return None
    kind = _KIND_BY_NAME[match["name"].lower()]
    qualifier = match["qualifier"]
    if qualifier and kind != "decision":
        return None
    inline = (match["inline"] or "").strip()
    heading = text[: match.start("inline") - 1].strip() if match["inline"] is not None else text
    committee = date = impossible = None
    if qualifier:
        committee, date, impossible = _qualifier(qualifier)
        if committee is not None and committee.lower() in _THIS_MEETING:
            committee = None
        elif (
            committee is not None
            and date is None
            and impossible is None
            and not _COMMITTEE_WORD_RE.search(committee)
        ):
            return None  # "Beslutning i sagen …": a sentence, not a heading
    return SectionHeading(kind, heading.rstrip(":.").strip(), inline, committee, date, impossible)


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


_INDSTILL_RE = re.compile(r"\bindstill\w*\b", re.IGNORECASE)
_UNTIL_AT_RE = re.compile(r"[^.]{0,300}?[,:]?\s+(?=at\s)", re.IGNORECASE)
#: Real recommendations have a handful of clauses; thousands mean a text that is not one.
MAX_CLAUSES = 500
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


#: What the product (and many ESDH systems) write after a recommendation once it is decided:
#: "1. at planen godkendes – Godkendt".
OUTCOME_LABELS = (
    "godkendt med ændringer", "ikke godkendt", "taget til efterretning", "ikke behandlet",
    "godkendt", "drøftet", "udsat", "tiltrådt", "vedtaget", "forkastet",
)  # fmt: skip
_OUTCOME_RE = re.compile(
    r"\s+[–—-]\s+(?P<outcome>" + "|".join(map(re.escape, OUTCOME_LABELS)) + r")\.?$", re.I
)


def _prose_clauses_start(text: str) -> int | None:
    """Where the "at …" clauses of "Det indstilles, at …" begin (the first few "indstil…"
    words are tried; each looks at most 300 characters ahead)."""
    for count, match in enumerate(_INDSTILL_RE.finditer(text)):
        if count >= 5:
            return None
        clause = _UNTIL_AT_RE.match(text, match.end(), match.end() + 320)
        if clause is not None:
            return clause.end()
    return None


def split_recommendations(
    lines: list[str],
) -> tuple[str | None, list[str], list[str | None]]:
    """Read an Indstilling section into (intro, ["at …", …], outcomes).

    Understood: numbered ("1.", "1)"), dashed or bulleted lists; lines that start with "at";
    and a single prose sentence "Det indstilles, at …" (several "…, og at …" clauses are split).
    The intro is what precedes the clauses, e.g. "Forvaltningen indstiller til Hovedudvalget".
    An outcome written after a clause ("– Godkendt") is taken off it into ``outcomes``.
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
        end = _prose_clauses_start(intro_text)
        if end is not None:
            head, tail = intro_text[:end], intro_text[end:]
            clauses = _CLAUSE_SPLIT_RE.split(tail, maxsplit=MAX_CLAUSES)
            intro_text = head
    if len(clauses) > MAX_CLAUSES:
        raise ValueError(f"more than {MAX_CLAUSES} recommendations")
    intro_text = re.sub(r"[\s,:]+(?:at)?[\s,:]*$", "", intro_text) if intro_text else ""
    result: list[str] = []
    outcomes: list[str | None] = []
    for clause in clauses:
        outcome = _OUTCOME_RE.search(clause)
        if outcome is not None:
            clause = clause[: outcome.start()]
        normalised = _normalise_clause(clause)
        if normalised:
            result.append(normalised)
            outcomes.append(outcome["outcome"].capitalize() if outcome is not None else None)
    return (intro_text or None), result, outcomes


# No pattern starts with white space: on a long run of it that would be quadratic.
_CLOSED_ATTACHMENT_RES = (
    re.compile(
        r"[(\[]\s*(?:lukket(?:\s+bilag)?|fortroligt?(?:\s+bilag)?|ikke\s+offentlig[t]?"
        r"|ikke\s+til\s+offentliggørelse)\s*[)\]]",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:lukket|fortroligt)\s+bilag\s*[:\-–]\s*", re.IGNORECASE),
    re.compile(r"[-–—]\s*lukket\s+bilag\.?$", re.IGNORECASE),
)
_NO_ATTACHMENTS = frozenset({"ingen", "ingen bilag", "intet", "-", "–", "ingen.", "ingen bilag."})


def attachment_entry(text: str, line: int = 0) -> ParsedAttachment:
    """One attachment as listed; a "(lukket bilag)" marker makes it non-public."""
    is_public = True
    for pattern in _CLOSED_ATTACHMENT_RES:
        text, count = pattern.subn("", text)
        is_public = is_public and not count
    return ParsedAttachment(" ".join(text.split()), is_public, line)


def split_attachments(lines: list[tuple[int, str]]) -> list[ParsedAttachment]:
    """One attachment per list entry (a line that wraps is joined to its entry when the list
    has markers) or, without markers, per line. "Ingen bilag" is none."""
    entries: list[tuple[int, str]] = []
    has_markers = any(
        LIST_MARKER_RE.match(" ".join(raw.replace("**", "").split())) for _, raw in lines
    )
    for number, raw in lines:
        text = " ".join(raw.replace("**", "").split())
        if not text or text.lower() in _NO_ATTACHMENTS:
            continue
        marker = LIST_MARKER_RE.match(text)
        if marker is not None:
            entries.append((number, marker["text"]))
        elif has_markers and entries:
            entries[-1] = (entries[-1][0], f"{entries[-1][1]} {text}")
        else:
            entries.append((number, text))
    result: list[ParsedAttachment] = []
    for number, text in entries:
        attachment = attachment_entry(text, number)
        if attachment.title:
            result.append(attachment)
        elif result and not attachment.is_public:
            result[-1].is_public = False  # "(lukket bilag)" on a line of its own
    return result
