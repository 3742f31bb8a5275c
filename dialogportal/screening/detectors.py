"""Find CPR numbers, Danish phone numbers and e-mail addresses in free text.

The detectors lean towards recall: a hit only blocks automatic publishing and asks a moderator
to look, whereas a miss can publish a CPR number (Datatilsynet criticised Vejen Kommune for
exactly that). Look-alikes that are common in hearing responses (dates, amounts, postcodes,
KLE journal numbers, CVR/EAN/invoice/account numbers) are filtered by shape and by the words
just before the number.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from dialogportal.screening.normalise import NormalisedText, normalise

HitKind = Literal["cpr", "phone", "email"]

REDACTION = "[fjernet]"


@dataclass(frozen=True)
class Hit:
    """One piece of personal data; `start`/`end` index the original text, `text` is that slice."""

    kind: HitKind
    start: int
    end: int
    text: str


# --- patterns (matched on the normalised text) ------------------------------------------------

_CPR = re.compile(
    r"""
    # The first digit comes before the look-behinds so that the regex engine can skip ahead to
    # digits (four times faster on ordinary prose); the look-behinds then say that this digit is
    # not the tail of a longer number.
    (?P<dd>\d(?<!\d\d)(?<!\d[.,/-]\d)\d)(?P<gap>[\x20.]?)(?P<mm>\d\d)(?P=gap)(?P<yy>\d\d)
    (?P<sep>\s{0,3}-\s{0,3}|[\x20\t]{1,2}|\r?\n|)
    (?P<serial>\d{4})
    (?!\d)(?![.,/-]\d)                        # not the head of a longer number
    """,
    re.VERBOSE,
)

_PHONE = re.compile(
    r"""
    (?=[\d(+])                                # lets the engine skip prose quickly
    (?<!\d)(?<!\d[.,-])(?<!\+)           # "12345678/87654321" lists two numbers
    (?:
        (?P<prefix>(?:\+|00)\x20?45[\x20.-]?|\(\x20?(?:\+|00)?\x20?45\x20?\)\x20?)
      | 45\x20(?=\d{8}(?!\d)|\d\d\x20\d\d\x20\d\d\x20\d\d(?![\x20.,/-]?\d))  # 45 without +
    )?
    (?P<number>
        [1-9]\d{7}                                      # 12345678
      | [1-9]\d(?P<s>[\x20.-])\d\d(?P=s)\d\d(?P=s)\d\d  # 12 34 56 78, 12.34.56.78, 12-34-56-78
      | [1-9]\d{3}[\x20-]\d{4}                          # 1234 5678, 1234-5678
      | [1-9]\d\d\x20\d\d\x20\d{3}                      # 123 45 678
      | [1-9]\d{3}\x20\d\d\x20\d\d                      # 1234 56 78
      | [1-9]\d\x20\d\d\x20\d{4}                        # 12 34 5678
    )
    (?!\d)(?![.,-]\d)
    """,
    re.VERBOSE,
)

_LABEL = r"[^\W_](?:[\w-]{0,62}[^\W_])?"
_AT = r"(?:\x20?@\x20?|\x20?[(\[{]\x20?(?:at|snabel-?a)\x20?[)\]}]\x20?|\x20snabel-?a\x20|\(a\))"
_DOT = r"(?:\.|\x20?[(\[{]\x20?(?:dot|punktum)\x20?[)\]}]\x20?)"
_EMAIL = re.compile(
    rf"""
    (?<![\w.+%])
    [^\W_](?:[\w.+'%-]{{0,62}}[\w])?          # local part, Danish letters allowed
    {_AT}
    (?:{_LABEL}{_DOT})+
    (?:[^\W\d_]{{2,24}}|xn--[a-z0-9-]{{1,59}}) # top-level domain (letters or punycode)
    (?!\w)(?![.-]\w)                          # the domain does not go on
    """,
    re.VERBOSE | re.IGNORECASE,
)
# "logo@2x.png" is a retina image name, not an address; none of these is a real top-level domain.
_FILE_EXTENSIONS = frozenset(
    [
        "png",
        "jpg",
        "jpeg",
        "gif",
        "svg",
        "webp",
        "bmp",
        "tif",
        "tiff",
        "heic",
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "txt",
        "csv",
        "zip",
        "html",
        "htm",
        "js",
        "css",
        "json",
        "xml",
    ]
)
_EMAIL_PREFILTER = re.compile(r"@|[(\[{]\x20?(?:at|snabel)|snabel-?a|\(a\)", re.IGNORECASE)

# --- context -------------------------------------------------------------------------------------

# The nearest keyword before a number decides what it is. Compounds are matched inside words
# ("fakturanummer", "nemkonto"), short words only as whole words.
_KEYWORDS = re.compile(
    r"""
    (?P<cpr>cpr|person\s?n(?:umme)?r|fødselsn(?:umme)?r|personal\sid|social\ssecurity)
  | (?P<phone>tlf|telefon|\btel\b|mobil|\bmob\b|\bring|\bsms|\bfax|phone|\bopkald|\bwhatsapp
      |\bnummer\b|\bkontakt)
  | (?P<amount>\bkr\b|\bdkk\b|\beur\b|€|\$)
  | (?P<other>cvr|\bse[\s.-]?n(?:umme)?r|\bp[\s.-]?n(?:umme)?r|\bp-nummer|\bean\b|\bgln\b
      |faktura|ordre|konto|\breg\b|reg\.?\s?nr|registreringsn|sags?n(?:umme)?r|\bsag\b|journal
      |\bj\.?\s?nr|kunde|medlem|kontrakt|bilag|\bref\b|reference|varen|serien|police|løben
      |matr|\bid\b|kode|\bpin\b|post\s?n(?:umme)?r|isbn|issn|beløb|betaling|transaktion
      |kvittering|bestilling|licens|tracking|pakke)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_WINDOW = 40
_AMOUNT_MAX_DISTANCE = 3  # "kr. 12345678" is an amount; "kr., ring 12345678" is not

_UNIT_AFTER = re.compile(
    r"\x20?(?:kr\b|kr\.|kroner|dkk|,-|mio|mia|euro|eur\b|€|%|pct|procent|stk|m2|km|kg|ton\b"
    r"|timer|år\b|borgere|indbyggere|personer|elever|ansatte)",
    re.IGNORECASE,
)


def _nearest_keyword(norm: str, start: int) -> str | None:
    window_start = max(0, start - _WINDOW)
    nearest: str | None = None
    for match in _KEYWORDS.finditer(norm, window_start, start):
        kind = match.lastgroup
        if kind == "amount" and start - match.end() > _AMOUNT_MAX_DISTANCE:
            continue
        nearest = kind
    return nearest


# --- CPR -------------------------------------------------------------------------------------

_MOD11_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _cpr_year(yy: int, seventh: int) -> int:
    # The century is coded in the first digit of the serial number (CPR-kontoret's table).
    if seventh <= 3:
        return 1900 + yy
    if seventh in (4, 9):
        return 2000 + yy if yy <= 36 else 1900 + yy
    return 2000 + yy if yy <= 57 else 1800 + yy


def _is_valid_date(day: int, month: int, year: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return day <= (29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1])


def is_cpr_date_valid(digits: str) -> bool:
    """Whether the first six of ten digits are a real birth date under the CPR century rules."""
    year = _cpr_year(int(digits[4:6]), int(digits[6]))
    return _is_valid_date(int(digits[0:2]), int(digits[2:4]), year)


def passes_modulus_11(digits: str) -> bool:
    """The pre-2007 check; numbers issued since then need not pass it."""
    return sum(int(d) * w for d, w in zip(digits, _MOD11_WEIGHTS, strict=True)) % 11 == 0


def _find_cpr(norm: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _CPR.finditer(norm):
        if match["gap"] == "." and "-" not in match["sep"]:
            continue  # "d. 27.06.25 8900 Randers" is a date and a postcode
        digits = match["dd"] + match["mm"] + match["yy"] + match["serial"]
        if not is_cpr_date_valid(digits):
            continue
        keyword = _nearest_keyword(norm, match.start())
        # A date-valid ten-digit number is a CPR number unless the words before call it an
        # account, invoice, CVR… number; then only a passing modulus-11 check keeps it, because
        # organisations have used CPR numbers as customer and member numbers.
        if keyword in ("other", "amount") and not passes_modulus_11(digits):
            continue
        spans.append(match.span())
    return spans


# --- phone -----------------------------------------------------------------------------------


_DIGIT_RUN = re.compile(r"\d+")
_GROUP_BEFORE = re.compile(r"(?<!\d)(?P<digits>\d+)(?P<sep>[\x20.-])$")


def _looks_like_date(digits: str) -> bool:
    day, month = int(digits[0:2]), int(digits[2:4])
    if 1900 <= int(digits[4:8]) <= 2099 and _is_valid_date(day, month, 2000):
        return True  # DDMMYYYY
    year, month, day = int(digits[0:4]), int(digits[4:6]), int(digits[6:8])
    return 1900 <= year <= 2099 and _is_valid_date(day, month, 2000)  # YYYYMMDD


def _is_year(group: str) -> bool:
    return len(group) == 4 and 1900 <= int(group) <= 2099


def _find_phones(norm: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _PHONE.finditer(norm):
        start, end = match.span()
        number = match["number"]
        groups = re.split(r"[\x20.-]", number)
        separator = match["s"] or (number[len(groups[0])] if len(groups) > 1 else "")
        # "12 34 56 78 90" and "1234 5678 9012" are longer numbers, not phone numbers.
        if separator and norm[end : end + 1] == separator:
            following = _DIGIT_RUN.match(norm, end + 1)
            if following and len(following.group()) == len(groups[-1]):
                continue
        if match["prefix"]:
            spans.append((start, end))
            continue
        # "1 23456789" or "8900 8920 8930": a group just before makes it a longer number.
        previous = _GROUP_BEFORE.search(norm, max(0, start - 12), start)
        if previous and (
            len(previous["digits"]) <= 3
            or (len(previous["digits"]) == len(groups[0]) and previous["sep"] == separator)
        ):
            continue
        keyword = _nearest_keyword(norm, start)
        if keyword == "phone":
            spans.append((start, end))
            continue
        if keyword is not None and keyword != "phone":
            continue
        before = norm[max(0, start - 2) : start].rjust(2)
        if before[1].isalpha() or (before[1] in "/=_#&" and not before[0].isdigit()):
            continue  # an id inside a URL or a code
        if _UNIT_AFTER.match(norm, end):
            continue
        digits = "".join(groups)
        if (separator in ("", ".", "-") or len(groups[-1]) == 4) and _looks_like_date(digits):
            continue
        if len(groups) == 2 and _is_year(groups[0]) and _is_year(groups[1]):
            continue
        spans.append((start, end))
    return spans


# --- digits written one by one ("2 0 3 0 4 0 5 0", "0-1-0-1-9-0-1-2-3-4") --------------------

# Groups of one or two digits with spaces, dots or dashes between them. Written this way a number
# slips past the patterns above (and past a casual reader); it is a deliberate way to write a
# phone or CPR number, so the rules are: a phone number needs a phone keyword or +45 before it,
# a CPR number a real birth date (and, after "faktura", "konto" …, the modulus-11 check).
_SPACED_RUN = re.compile(
    # The first digit before the look-behind lets the engine skip prose (as _CPR does).
    r"\d(?<!\w\d)\d?(?:(?:\x20{1,2}|\x20?[.\-]\x20?)\d{1,2}){3,}(?![\d\w])(?![.,\-]\d)"
)
_GROUP = re.compile(r"\d{1,2}")


def _is_trivial(digits: str) -> bool:
    """All one digit, or counting up or down (1 2 3 4 5 6 7 8): lists and placeholders."""
    steps = {int(b) - int(a) for a, b in itertools.pairwise(digits)}
    return len(set(digits)) == 1 or steps in ({1}, {-1})


@functools.lru_cache(maxsize=4)  # the CPR and the phone finder ask for the same text in turn
def _find_spaced(norm: str) -> tuple[tuple[int, int, HitKind], ...]:
    found: list[tuple[int, int, HitKind]] = []
    for match in _SPACED_RUN.finditer(norm):
        groups = [(g.start(), g.group()) for g in _GROUP.finditer(match.group())]
        # "+45 2 0 3 0 …": the run starts with the country code.
        has_prefix = groups[0][1] == "45" and norm[max(0, match.start() - 1) : match.start()] == "+"
        if has_prefix:
            groups = groups[1:]
        sizes = {len(text) for _offset, text in groups}
        digits = "".join(text for _offset, text in groups)
        start = match.start() - (1 if has_prefix else 0)
        # The shape first: the keyword look-up is the expensive part.
        if len(digits) == 10 and sizes in ({1}, {2}) and is_cpr_date_valid(digits):
            if _is_trivial(digits):
                continue
            keyword = _nearest_keyword(norm, match.start())
            if keyword in ("other", "amount") and not passes_modulus_11(digits):
                continue
            found.append((start, match.end(), "cpr"))
        elif (
            len(digits) == 8
            and sizes == {1}
            and digits[0] != "0"
            and not _is_trivial(digits)
            and (has_prefix or _nearest_keyword(norm, match.start()) == "phone")
        ):
            found.append((start, match.end(), "phone"))
    return tuple(found)


def _find_cpr_spaced(norm: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end, kind in _find_spaced(norm) if kind == "cpr"]


def _find_phones_spaced(norm: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end, kind in _find_spaced(norm) if kind == "phone"]


# --- e-mail ----------------------------------------------------------------------------------


def _find_emails(norm: str) -> list[tuple[int, int]]:
    if _EMAIL_PREFILTER.search(norm) is None:
        return []
    return [
        match.span()
        for match in _EMAIL.finditer(norm)
        if match.group().rsplit(".", 1)[-1].lower() not in _FILE_EXTENSIONS
    ]


# --- public API ------------------------------------------------------------------------------


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    # `taken` is sorted and non-overlapping, so only the neighbours can overlap (a text with
    # thousands of hits must not take quadratic time).
    index = bisect.bisect_left(taken, span)
    before = taken[index - 1] if index else None
    after = taken[index] if index < len(taken) else None
    return (before is not None and before[1] > span[0]) or (
        after is not None and after[0] < span[1]
    )


def screen_text(text: str) -> list[Hit]:
    """All CPR numbers, phone numbers and e-mail addresses in `text`, sorted and non-overlapping.

    Offsets refer to `text` itself, even when the match needed folding (full-width digits,
    zero-width characters, typographic dashes).
    """
    folded: NormalisedText = normalise(text)
    norm = folded.text
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, HitKind]] = []
    # E-mail first (its local part may hold digits), then CPR (ten digits beat eight).
    finders: tuple[tuple[HitKind, Callable[[str], list[tuple[int, int]]]], ...] = (
        ("email", _find_emails),
        ("cpr", _find_cpr),
        ("cpr", _find_cpr_spaced),
        ("phone", _find_phones),
        ("phone", _find_phones_spaced),
    )
    for kind, finder in finders:
        for span in finder(norm):
            if not _overlaps(span, taken):
                bisect.insort(taken, span)
                found.append((span[0], span[1], kind))
    hits: list[Hit] = []
    for start, end, kind in sorted(found):
        original_start, original_end = folded.span_in_original(start, end)
        hits.append(Hit(kind, original_start, original_end, text[original_start:original_end]))
    return hits


def redact(text: str, hits: Sequence[Hit], replacement: str = REDACTION) -> str:
    """`text` with every hit replaced by `replacement`; overlapping hits are merged."""
    pieces: list[str] = []
    cursor = 0
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        if hit.end <= cursor:
            continue
        if hit.start >= cursor:
            pieces.append(text[cursor : hit.start])
            pieces.append(replacement)
        cursor = max(cursor, hit.end)
    pieces.append(text[cursor:])
    return "".join(pieces)
