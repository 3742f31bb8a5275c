"""The "Label: value" lines under an item heading that describe the case rather than tell it:
who handles it, its type, the committees it goes through, who decides, who was absent.

ESDH exports (SBSYS, eDoc, Acadre, FirstAgenda) write them between the item heading and the
first section. Where the meetings model has a field for one, the parser fills the matching
``ParsedItem`` field; every one is also kept as written (``ParsedItem.metadata``) so that
nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CASE_TYPES", "MetadataLine", "case_type", "metadata_line", "split_names", "split_route"]

#: Field names of the lines the parser reads into ``ParsedItem`` fields.
CASE_TYPE, ROUTE, DECIDED_BY, ACCESS, ABSENCE, OTHER = (
    "case_type",
    "route",
    "decided_by",
    "access",
    "absence",
    "other",
)

_LABELS: dict[str, tuple[str, ...]] = {
    CASE_TYPE: ("sagstype", "punkttype", "type af sag", "sagskategori"),
    ROUTE: ("sagsgang", "sagens gang", "behandlingsforløb", "sagsforløb", "behandles i"),
    DECIDED_BY: (
        "beslutningskompetence", "sagen afgøres af", "sagen afgøres i", "afgøres af",
        "afgøres i", "beslutningsniveau", "kompetence",
    ),
    ACCESS: ("åben/lukket", "åben/lukket punkt", "offentlighed", "adgang", "åbent/lukket"),
    ABSENCE: (
        "fraværende under punktet", "fraværende under behandlingen", "fraværende", "afbud",
        "fravær",
    ),
    OTHER: (
        "sagsansvarlig", "sagsbehandler", "ansvarlig", "ansvarlig forvaltning", "forvaltning",
        "fagområde", "afdeling", "center", "område", "dokumentnr", "dok.nr", "dokument nr",
        "sags id", "sagsid", "akt id", "aktid", "udvalg", "mødeforum", "tidligere behandlet",
        "tidligere behandling", "lovgrundlag", "sagen vedrører", "kle", "kle-nr", "kle nr",
        "emne", "indstillende", "indstillende forvaltning", "forfatter", "oprettet af",
    ),
}  # fmt: skip
_FIELD_BY_LABEL = {label: name for name, labels in _LABELS.items() for label in labels}
_LABEL_RE = re.compile(
    r"^(?P<label>"
    + "|".join(re.escape(label) for label in sorted(_FIELD_BY_LABEL, key=len, reverse=True))
    + r")\.?\s*(?::|\|)\s*(?P<value>\S.{0,400})$",
    re.IGNORECASE,
)
# "Sagen afgøres af Byrådet" is written without a colon as often as with one.
_DECIDED_RE = re.compile(r"^(?P<label>sagen\s+afgøres\s+(?:af|i))\s+(?P<value>\S.{0,200})$", re.I)

CASE_TYPES = {
    "beslutning": "decision",
    "orientering": "information",
    "drøftelse": "discussion",
    "godkendelse": "decision",
    "meddelelse": "information",
    "efterretning": "information",
    "temadrøftelse": "discussion",
}


@dataclass(frozen=True, slots=True)
class MetadataLine:
    field: str
    label: str
    value: str


def metadata_line(text: str) -> MetadataLine | None:
    """Classify ``text`` as a metadata line, or None."""
    match = _LABEL_RE.match(text) or _DECIDED_RE.match(text)
    if match is None:
        return None
    label = " ".join(match["label"].split())
    key = label.lower()
    field = _FIELD_BY_LABEL.get(key, DECIDED_BY if key.startswith("sagen afgøres") else OTHER)
    value = match["value"].strip().rstrip(".").strip()
    return MetadataLine(field, label[:1].upper() + label[1:], value)


def case_type(value: str) -> str | None:
    """ "Beslutningssag", "Orienteringssag", "Til drøftelse" → decision, information, discussion."""
    words = value.lower()
    for stem, kind in CASE_TYPES.items():
        if stem in words:
            return kind
    return None


def split_names(value: str) -> list[str]:
    """ "Anne Holm (A), Bo Friis og Carl Dahl" → three names; "Ingen" → none."""
    if value.strip().lower().rstrip(".") in {"ingen", "-", "–", "intet", "ingen fravær"}:
        return []
    # Split outside parentheses only: "Birgitte Holst (formand, ledelsen)" is one name.
    parts: list[str] = []
    depth, start = 0, 0
    for match in re.finditer(r"[()]|\s*[,;]\s*|(?<!-)\s+og\s+", value):
        found = match[0]
        if found == "(":
            depth += 1
        elif found == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(value[start : match.start()])
            start = match.end()
    parts.append(value[start:])
    return [part.strip(" .-–") for part in parts if part.strip(" .-–")]


_ROUTE_DATE_RE = re.compile(r"\s*\([^()]{0,40}\d{4}\)$")


def split_route(value: str) -> list[str]:
    """ "Teknik- og Miljøudvalget, Økonomiudvalget, Byrådet" or "TMU → ØU → BR" → steps.

    With arrows, only the arrows separate ("Teknik og Miljø → Byrådet" is two steps), and the
    product's date after a step ("Økonomiudvalget (3. november 2025)") is not part of it."""
    if "→" in value or "->" in value:
        parts = [_ROUTE_DATE_RE.sub("", part.strip()) for part in re.split("→|->", value)]
        return [part.strip(" .") for part in parts if part.strip(" .")]
    parts = re.split(r"\s*(?:,|;|→|->|–|—|/|\s-\s)\s*|(?<!-)\s+og\s+(?=[A-ZÆØÅ])", value)
    return [part.strip(" .") for part in parts if part.strip(" .")]
