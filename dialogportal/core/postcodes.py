"""Danish postcodes shipped with the project (`core/data/danish-postcodes.csv`).

Source: the public list `postnumre.csv` of the repository nicklasanielsen/python-eksamen,
commit 73be468b, as copied into the project in November 2026 (list date: the commit's state;
postcodes change rarely – replace the file with PostNord's current list when it does).

The file has 1,291 rows and 1,197 distinct codes: central Copenhagen's street-level codes repeat
(e.g. 1218 six times), so rows are deduplicated on load. A contributor may give a postcode where
people live or work. NOT allowed are the special business and service codes that no address has:
every code below 1000 (0555 Scanning, 0800 Høje Taastrup business code, 0900–0999 …) and the
service codes in ``SERVICE_CODES`` (USF, parcel centres, invoice scanning, returns)."""

import csv
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "danish-postcodes.csv"
LIST_DATE = "2026-11 (nicklasanielsen/python-eksamen@73be468b)"

SERVICE_CODES: frozenset[str] = frozenset(
    {
        "1512",  # Returpost
        "4992",  # Midtsjælland USF P
        "7017",  # Taulov Pakkecenter
        "7018",  # Pakker TLP
        "7992",  # Sydjylland/Fyn USF P
        "7993",  # Sydjylland/Fyn USF B
        "7996",  # Fakturaservice
        "7997",  # Fakturascanning
        "7998",  # Statsservice
        "9992",  # Jylland USF P
        "9993",  # Jylland USF B
        "9996",  # Fakturaservice
        "9997",  # Fakturascanning
        "9998",  # Borgerservice
    }
)


@cache
def all_postcodes() -> dict[str, str]:
    """Every code in the file (deduplicated, first town name wins), including special codes."""
    codes: dict[str, str] = {}
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            code = (row.get("POSTNR") or "").strip()
            town = (row.get("BYNAVN") or "").strip()
            if len(code) == 4 and code.isdigit() and town:
                codes.setdefault(code, town)
    return codes


@cache
def allowed_postcodes() -> dict[str, str]:
    """The codes a contributor may give, with their town."""
    return {
        code: town
        for code, town in all_postcodes().items()
        if int(code) >= 1000 and code not in SERVICE_CODES
    }


def normalise(value: str) -> str:
    """Strip spaces (also non-breaking) and a leading 'DK-'."""
    cleaned = "".join(value.split()).upper()
    if cleaned.startswith("DK-"):
        cleaned = cleaned[3:]
    return cleaned


def is_valid(value: str) -> bool:
    return normalise(value) in allowed_postcodes()


def town_for(value: str) -> str:
    return allowed_postcodes().get(normalise(value), "")
