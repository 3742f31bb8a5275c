"""Journal numbers (Danish "sagsnr."/"J.nr.") as written in agendas and minutes.

A journal number is always stored verbatim. When it has the SBSYS-style KLE form
``NN.NN.NN-XNN-serial-yy`` (for example ``87.00.00-G01-10-24``) it is also decoded into the
KLE subject ("emne"), the action facet ("handlingsfacet"), the running serial and the year.
Any other form (``24/12345``, ``EMN-2024-00017`` ...) is valid but not decoded.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

__all__ = ["JournalNumber", "parse_journal_number"]

# The minutes are Danish: "this year" is the year in Denmark, whatever the machine's zone.
_DANISH_TIME = ZoneInfo("Europe/Copenhagen")

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-"})

_KLE_CASE_RE = re.compile(
    r"(?P<subject>\d{2}\.\d{2}\.\d{2})"
    r"-(?P<facet>[A-ZÆØÅ]\d{2})"
    r"-(?P<serial>\d{1,9})"
    r"-(?P<yy>\d{2})"
)


@dataclass(frozen=True, slots=True)
class JournalNumber:
    """A decoded KLE-form journal number; ``raw`` is the string exactly as written."""

    raw: str
    subject: str
    facet: str
    serial: int
    year: int

    @property
    def main_group(self) -> str:
        """KLE "hovedgruppe", e.g. ``87``."""
        return self.subject[:2]

    @property
    def group(self) -> str:
        """KLE "gruppe", e.g. ``87.00``."""
        return self.subject[:5]


def _expand_year(yy: int, today: datetime.date) -> int:
    """Two-digit case year: this century up to the current year, else the previous one."""
    century = today.year - today.year % 100
    year = century + yy
    return year if year <= today.year else year - 100


def parse_journal_number(raw: str, *, today: datetime.date | None = None) -> JournalNumber | None:
    """Decode ``raw`` when it has the form ``NN.NN.NN-XNN-serial-yy``, else return None.

    Surrounding white space is ignored and typographic dashes are accepted; the facet letter
    may be written in lower case. ``today`` fixes the century pivot for the two-digit year
    (default: the current date).
    """
    text = raw.strip().translate(_DASHES)
    match = _KLE_CASE_RE.fullmatch(text.upper())
    if match is None:
        return None
    return JournalNumber(
        raw=raw.strip(),
        subject=match["subject"],
        facet=match["facet"],
        serial=int(match["serial"]),
        year=_expand_year(int(match["yy"]), today or datetime.datetime.now(_DANISH_TIME).date()),
    )
