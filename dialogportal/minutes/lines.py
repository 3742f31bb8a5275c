"""Line-level reading of minutes text: normalisation and classification.

Every line keeps its 1-based number so that errors can name it. Classification works on
``Line.plain`` (heading marks, emphasis and table pipes removed); section bodies keep
``Line.raw`` so that Markdown inside them survives.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from dialogportal.minutes.dates import is_date_line
from dialogportal.minutes.journal import parse_journal_number

__all__ = [
    "LIST_MARKER_RE",
    "ItemHeading",
    "Line",
    "access_marker",
    "group_is_closed",
    "is_group_heading",
    "is_toc_entry",
    "is_toc_heading",
    "is_trailer_heading",
    "item_heading",
    "journal_value",
    "split_lines",
]

# Invisible or layout characters that text extraction and word processors leave behind.
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x0b\x0c\x85]")
_SPACE_RE = re.compile("[\u00a0\u2007\u202f\u2002\u2003\u2009\u2028\u2029]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

_HEADING_RE = re.compile(r"^(#{1,6})(?:[ \t]+|(?=[*_]))")
_TABLE_SEPARATOR_RE = re.compile(r"^\|?[\s:|-]*-[\s:|-]*\|?$")
_EMPHASIS_WRAPPERS = ("**", "__", "*", "_")

LIST_MARKER_RE = re.compile(r"^(?:\(?\d{1,2}[.)]|[-•*\u2013·▪○●◦])\s+(?P<text>\S.*)$")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the document."""

    number: int
    raw: str
    level: int
    plain: str

    @property
    def blank(self) -> bool:
        return not self.plain


@dataclass(frozen=True, slots=True)
class ItemHeading:
    """An item heading candidate: ``number`` None means "looks like an item but has none"."""

    number: int | None
    title: str
    strong: bool  # "Punkt N:" form, unlikely to be ordinary text
    #: The letter of an item added between two numbered ones ("236a" on a tillægsdagsorden).
    suffix: str = ""

    @property
    def key(self) -> tuple[int, str]:
        """(number, letter): the order items stand in ("236" < "236a" < "237")."""
        assert self.number is not None
        return self.number, self.suffix


def _unwrap(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        for mark in _EMPHASIS_WRAPPERS:
            size = len(mark)
            if len(text) > 2 * size and text.startswith(mark) and text.endswith(mark):
                text = text[size:-size].strip()
                changed = True
    return text


def _plain(body: str) -> str:
    text = body.strip()
    if text.startswith("|") and text.endswith("|") and len(text) > 1:
        if _TABLE_SEPARATOR_RE.match(text):
            return ""
        cells = [cell.strip() for cell in text[1:-1].split("|")]
        text = " | ".join(cell for cell in cells if cell)
    text = _unwrap(text)
    text = text.replace("**", "").replace("__", "")
    return " ".join(text.split())


def split_lines(text: str) -> list[Line]:
    """Normalise ``text`` (NFC, invisible characters, line ends) and split it into lines."""
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_RE.sub(" ", _INVISIBLE_RE.sub("", text))
    text = _CONTROL_RE.sub(" ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    result: list[Line] = []
    for index, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip()
        stripped = raw.lstrip()
        match = _HEADING_RE.match(stripped) if stripped.startswith("#") else None
        if match is not None:
            body = stripped[match.end() :]
            closing = body.rstrip("#")
            if closing != body and (not closing or closing[-1] in " \t"):
                body = closing  # "## Title ##": closing hashes are not part of the title
            result.append(Line(index, raw, len(match[1]), _plain(body)))
        else:
            result.append(Line(index, raw, 0, _plain(raw)))
    return result


# Matches "Punkt 40: Title", "Pkt. 3 - Title", "Punkt 7 Title", "Dagsordenspunkt 4: Title",
# "Punkt 236a: Title" (an item added between 236 and 237 keeps its neighbour's number and a letter)
_PUNKT_RE = re.compile(
    r"^(?:dagsordens)?(?:punkt|pkt\.?)\s*(?:nr\.?\s*)?(?P<num>\d{1,5})(?P<suffix>[a-z]?)"
    r"(?P<sep>\s*[:.\-\u2013—)]|\s)\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_PUNKT_WITHOUT_NUMBER_RE = re.compile(
    r"^(?:dagsordens)?(?:punkt|pkt\.?)\s*(?:[:.\-\u2013—]|$)", re.IGNORECASE
)
# "3. Title", "3. (Lukket) Title", "3a. Title"; a title starts as a title does, not in lower case.
_NUMBERED_RE = re.compile(
    r"^(?P<num>\d{1,5})(?P<suffix>[a-z]?)\.\s+(?P<title>[^\s\da-zæøå].*|\d.*)$"
)


def item_heading(line: Line) -> ItemHeading | None:
    """Return the item heading this line would be, without judging its context."""
    text = line.plain
    if not text:
        return None
    match = _PUNKT_RE.match(text)
    if match is not None:
        strong = match["sep"].strip() != "" or line.level > 0
        return ItemHeading(
            int(match["num"]), match["title"].strip(), strong, match["suffix"].lower()
        )
    if _PUNKT_WITHOUT_NUMBER_RE.match(text):
        return ItemHeading(None, text, True)
    match = _NUMBERED_RE.match(text)
    if match is not None and not is_date_line(text):
        return ItemHeading(int(match["num"]), match["title"].strip(), False, match["suffix"])
    return None


_JOURNAL_LABEL_RE = re.compile(
    r"^(?:sagsnr|sags\s*nr|sagsnummer|j\.\s*nr|jnr|journal\s*nr|journalnr|journalnummer)"
    r"\.?\s*[:|]?\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)


def journal_value(line: Line) -> str | None:
    """The journal number on a "Sagsnr.: …" line, or on a line holding only a KLE number."""
    match = _JOURNAL_LABEL_RE.match(line.plain)
    if match is not None:
        return match["value"].strip().rstrip(".").strip()
    if parse_journal_number(line.plain) is not None:
        return line.plain
    return None


_GROUP_RE = re.compile(r"\b(?:punkter|sager|dagsordenspunkter|døre|punkt(?:er)?\s+til)\b", re.I)
_CLOSED_GROUP_RE = re.compile(r"lukke|fortrolig", re.IGNORECASE)


def is_group_heading(text: str) -> bool:
    """ "Lukkede punkter", "SAGER FRA ADMINISTRATIONEN", "Til behandling - for åbne døre"."""
    words = text.split()
    return (
        0 < len(words) <= 8
        and not text.endswith(".")
        and not text[0].isdigit()
        and _GROUP_RE.search(text) is not None
    )


def group_is_closed(text: str) -> bool:
    return _CLOSED_GROUP_RE.search(text) is not None


_TOC_HEADINGS = frozenset(
    {
        "indholdsfortegnelse", "indhold", "punkter", "dagsordenspunkter", "punktoversigt",
        "oversigt over punkter", "oversigt over dagsordenspunkter", "punktliste",
    }
)  # fmt: skip


def is_toc_heading(text: str) -> bool:
    return text.rstrip(":").strip().lower() in _TOC_HEADINGS


_TOC_ENTRY_RE = re.compile(r"(?:\.{3,}|…|\s{2,}|\t|\.\s?\.\s?\.)\s*\d{1,4}$")


def is_toc_entry(line: Line) -> bool:
    """A table-of-contents line: ends in a page number after dot leaders or a tab."""
    return _TOC_ENTRY_RE.search(line.raw[-80:]) is not None


_TRAILER_RE = re.compile(
    r"^(?:underskrift(?:er|sblad|sark|sside)?\b.*|godkendt\s+af|signaturer)$", re.IGNORECASE
)


def is_trailer_heading(text: str) -> bool:
    """The signature page ("Underskriftsblad") or the product's "Godkendt af" that ends the
    items."""
    return len(text.split()) <= 4 and _TRAILER_RE.match(text.rstrip(": ")) is not None


_ACCESS_RE = re.compile(
    r"^\(?(?P<kind>åbent|åben|lukket|fortroligt|fortrolig)\s+(?:punkt|sag|dagsordenspunkt)\)?"
    r"(?:\s*[-–—:]\s*(?:vises\s+ikke\s+offentligt|behandles\s+for\s+lukkede\s+døre))?\.?$"
    r"|^(?:punktet|sagen)\s+(?:er\s+lukket|behandles\s+for\s+(?P<doors>lukkede|åbne)\s+døre"
    r"(?:\s+og\s+vises\s+ikke\s+offentligt)?)\.?$"
    r"|^(?:behandles\s+for\s+(?P<doors2>lukkede|åbne)\s+døre)\.?$",
    re.IGNORECASE,
)


def access_marker(text: str) -> bool | None:
    """True for "Lukket punkt" and its variants ("Punktet behandles for lukkede døre", the
    product's own "Lukket punkt – vises ikke offentligt" and "Punktet behandles for lukkede døre
    og vises ikke offentligt."), False for "Åbent punkt", None for
    anything else."""
    match = _ACCESS_RE.match(text)
    if match is None:
        return None
    doors = match["doors"] or match["doors2"]
    if doors is not None:
        return doors.lower() == "lukkede"
    if match["kind"] is None:
        return True  # "Punktet er lukket"
    return match["kind"].lower() in {"lukket", "fortroligt", "fortrolig"}
