"""Committee names as minutes write them: matching them to a committee, and guessing what kind
of committee a name belongs to when the first import into an empty installation creates it.

Danish names come with and without the definite article ("Økonomiudvalg"/"Økonomiudvalget",
"Byråd"/"Byrådet") and with or without "MED" before a MED committee ("MED Hovedudvalg",
"Hovedudvalget"); they are the same committee.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["committee_key", "guess_level", "kind_of_level", "slug_for"]

_ARTICLE_RE = re.compile(r"(?<=[a-zæøå]{3})(?:et|en)\b")
_TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})

# Level by words in the name, first match wins (MED levels before the political ones: a
# "MED-udvalg" is not a standing committee). Values are `organisation.CommitteeLevel` values.
_LEVEL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"hovedudvalg|\bHMU\b|\bHoved-?MED\b", re.I), "main"),
    (re.compile(r"\bsektor|\bSMU\b|\bFMU\b|fagudvalg\s+MED|\bforvaltnings-?MED", re.I), "sector"),
    (re.compile(r"\bområde|\bOMU\b", re.I), "area"),
    (re.compile(r"personalemøde", re.I), "staff_meeting"),
    (re.compile(r"\blokal|\bLMU\b|\bMED\b|MED-udvalg|samarbejdsudvalg", re.I), "local"),
    (
        re.compile(r"byråd|kommunalbestyrelse|borgerrepræsentation|bystyre|regionsråd", re.I),
        "city_council",
    ),
    (re.compile(r"udvalg|nævn|råd\b|rådet\b|\b[ØTBSK][A-ZÆØÅ]U\b|\bØU\b", re.I), "standing"),
)
_MED_LEVELS = frozenset({"main", "sector", "area", "local", "staff_meeting"})


def committee_key(name: str) -> str:
    """A form of ``name`` under which its spellings meet: lower case, no punctuation, no
    definite article, no leading "MED"."""
    text = unicodedata.normalize("NFC", name).lower()
    text = re.sub(r"[^\wæøå]+", " ", text)
    text = re.sub(r"^med\s+", "", text.strip())
    return _ARTICLE_RE.sub("", " ".join(text.split()))


def guess_level(name: str) -> tuple[str, str] | None:
    """(kind, level) a committee of this name most likely has, or None if the name says
    nothing: kind "med" or "political", level a `CommitteeLevel` value."""
    for pattern, level in _LEVEL_RULES:
        if pattern.search(name):
            return ("med" if level in _MED_LEVELS else "political"), level
    return None


def kind_of_level(level: str) -> str:
    return "med" if level in _MED_LEVELS else "political"


def slug_for(name: str, taken: set[str]) -> str:
    """A URL slug for ``name`` ("Teknik- og Miljøudvalget" → "teknik-og-miljoeudvalget"),
    not one of ``taken``."""
    text = unicodedata.normalize("NFKD", name.lower().translate(_TRANSLITERATION))
    text = "".join(character for character in text if not unicodedata.combining(character))
    base = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:70] or "udvalg"
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug
