"""Area codes: DST's municipality codes (OMRÅDE), the country and the regions.

A static list on purpose: runtime look-ups must not depend on an outside service (DAWA is
closing). Codes are strings and keep their leading zeros ("000", "081").
"""

from __future__ import annotations

COUNTRY = "000"
RANDERS = "730"

# The 99 codes valid since the 2007 reform (98 municipalities + 411 Christiansø).
MUNICIPALITY_CODES: frozenset[str] = frozenset(
    {
        "101",
        "147",
        "151",
        "153",
        "155",
        "157",
        "159",
        "161",
        "163",
        "165",
        "167",
        "169",
        "173",
        "175",
        "183",
        "185",
        "187",
        "190",
        "201",
        "210",
        "217",
        "219",
        "223",
        "230",
        "240",
        "250",
        "253",
        "259",
        "260",
        "265",
        "269",
        "270",
        "306",
        "316",
        "320",
        "326",
        "329",
        "330",
        "336",
        "340",
        "350",
        "360",
        "370",
        "376",
        "390",
        "400",
        "410",
        "411",
        "420",
        "430",
        "440",
        "450",
        "461",
        "479",
        "480",
        "482",
        "492",
        "510",
        "530",
        "540",
        "550",
        "561",
        "563",
        "573",
        "575",
        "580",
        "607",
        "615",
        "621",
        "630",
        "657",
        "661",
        "665",
        "671",
        "706",
        "707",
        "710",
        "727",
        "730",
        "740",
        "741",
        "746",
        "751",
        "756",
        "760",
        "766",
        "773",
        "779",
        "787",
        "791",
        "810",
        "813",
        "820",
        "825",
        "840",
        "846",
        "849",
        "851",
        "860",
    }
)

REGION_CODES: dict[str, str] = {
    "081": "Region Nordjylland",
    "082": "Region Midtjylland",
    "083": "Region Syddanmark",
    "084": "Region Hovedstaden",
    "085": "Region Sjælland",
}

# Names of the areas the white paper compares; the full list comes from FOLK1A's tableinfo.
KNOWN_NAMES: dict[str, str] = {
    "000": "Hele landet",
    "101": "København",
    "147": "Frederiksberg",
    "153": "Brøndby",
    "185": "Tårnby",
    "461": "Odense",
    "561": "Esbjerg",
    "730": "Randers",
    "751": "Aarhus",
    "787": "Thisted",
    "791": "Viborg",
    "851": "Aalborg",
}

# The "6-by" comparison group (Copenhagen, Aarhus, Odense, Aalborg, Esbjerg, Randers).
SIX_CITIES: tuple[str, ...] = ("101", "751", "461", "851", "561", "730")

AREA_CODES: frozenset[str] = MUNICIPALITY_CODES | {COUNTRY} | frozenset(REGION_CODES)
