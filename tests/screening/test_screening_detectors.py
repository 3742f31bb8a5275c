"""The detectors as a specification: what is personal data, what only looks like it."""

import itertools
import re
from pathlib import Path

import pytest

from dialogportal.screening import REDACTION, Hit, redact, screen_text
from dialogportal.screening.detectors import is_cpr_date_valid, passes_modulus_11

TABLE = Path(__file__).parents[2] / "benchmarks" / "data" / "screening_cases.tsv"
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[nrt\\])")


def _unescape(value: str) -> str:
    simple = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}
    return _ESCAPE.sub(lambda m: chr(int(m[1][1:], 16)) if len(m[1]) > 1 else simple[m[1]], value)


def load_table() -> list[tuple[str, list[str], str]]:
    """The rows of the evaluation table (format described in benchmarks/screening_eval.py)."""
    rows = []
    for line in TABLE.read_text(encoding="utf-8").split("\n")[1:]:
        if line:
            kind, expected, text = line.split("\t")
            wanted = [_unescape(part) for part in expected.split(" || ")] if expected else []
            rows.append((kind, wanted, _unescape(text)))
    return rows


def fullwidth(ascii_text: str) -> str:
    """The full-width form (U+FF01…) that East Asian keyboards and some PDFs produce."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in ascii_text)


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(hit.kind, hit.text) for hit in screen_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CPR numbers in their several forms
        ("Mit CPR-nr. er 010190-1234.", "010190-1234"),
        ("cpr 0101901234", "0101901234"),
        ("personnummer: 010190 1234", "010190 1234"),
        ("CPR: 010190 - 1234, bor i Randers", "010190 - 1234"),
        ("cpr 01 01 90-1234", "01 01 90-1234"),
        ("cpr 01.01.90-1234", "01.01.90-1234"),
        ("Ansøger: Karen Jensen, 070761-1006", "070761-1006"),  # passes modulus 11
        ("Min datter har cpr 010115-4567", "010115-4567"),  # born 2015, fails modulus 11
        ("Født skuddag: 290200-4123", "290200-4123"),  # 29 Feb 2000 exists
        # CPR: bad input
        ("cpr 010190-\n1234 og bor i Randers", "010190-\n1234"),
        ("cpr 010190-\r\n1234", "010190-\r\n1234"),
        ("Mit cpr er " + fullwidth("010190-1234") + ".", fullwidth("010190-1234")),
        ("https://borger.dk/sag?cpr=0101901234&x=1", "0101901234"),
        ("https://eksempel.dk/borger/0101901234/sager", "0101901234"),
        ("cpr 0101\u200b90-1234", "0101\u200b90-1234"),
        ("cpr 010190\u00ad-1234", "010190\u00ad-1234"),
        ("cpr 010190\u20131234", "010190\u20131234"),
        ("cpr 010190\u00a01234", "010190\u00a01234"),
        # CPR-shaped customer numbers: a passing modulus-11 check outweighs the context
        ("kundenr. 070761-1006", "070761-1006"),
    ],
)
def test_cpr_numbers_are_found_with_offsets_in_the_original(text: str, expected: str) -> None:
    hits = screen_text(text)
    assert [(hit.kind, hit.text) for hit in hits] == [("cpr", expected)]
    assert text[hits[0].start : hits[0].end] == expected
    assert hits[0].start == text.index(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ring på 12345678", "12345678"),
        ("tlf. 12 34 56 78", "12 34 56 78"),
        ("Tlf: 1234 5678", "1234 5678"),
        ("mobil 123 45 678", "123 45 678"),
        ("ring 1234 56 78", "1234 56 78"),
        ("tlf. 86.42.12.34", "86.42.12.34"),
        ("tlf. 86-42-12-34", "86-42-12-34"),
        ("+45 12345678", "+45 12345678"),
        ("Ring evt. på +45 12 34 56 78 eller skriv", "+45 12 34 56 78"),
        ("0045 12345678", "0045 12345678"),
        ("(+45) 12 34 56 78", "(+45) 12 34 56 78"),
        ("+4512345678", "+4512345678"),
        ("Ring 45 21 43 65 87", "45 21 43 65 87"),
        ("Du kan fange mig på 40404040 efter kl. 16", "40404040"),
        ("Mvh Hanne, 61 22 33 44", "61 22 33 44"),
        (fullwidth("tlf") + " " + fullwidth("12345678"), fullwidth("12345678")),
        ("Ring\u00a012\u00a034\u00a056\u00a078", "12\u00a034\u00a056\u00a078"),
        ("tlf 27062025", "27062025"),  # date-shaped, but the keyword says phone
        ("https://eksempel.dk/kontakt?tlf=12345678", "12345678"),
        ("Det koster 500 kr. Ring til mig på 22334455", "22334455"),
    ],
)
def test_phone_numbers_are_found(text: str, expected: str) -> None:
    assert kinds_and_texts(text) == [("phone", expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Skriv til ole@example.dk.", "ole@example.dk"),
        ("Kontakt søren.ærø@randers.dk", "søren.ærø@randers.dk"),
        ("jens@domæne.dk", "jens@domæne.dk"),
        ("jens@xn--domne-ura.dk", "jens@xn--domne-ura.dk"),
        ("Skriv til navn (at) domæne.dk", "navn (at) domæne.dk"),
        ("navn[at]randers[dot]dk", "navn[at]randers[dot]dk"),
        ("mail: navn snabel-a randers.dk", "navn snabel-a randers.dk"),
        ("'ole@example.dk'", "ole@example.dk"),
        ("12345678@sms.dk", "12345678@sms.dk"),  # an address, not a phone number
        (fullwidth("ole@example.dk"), fullwidth("ole@example.dk")),
        ("ole\u200b@example.dk", "ole\u200b@example.dk"),
    ],
)
def test_email_addresses_are_found(text: str, expected: str) -> None:
    assert kinds_and_texts(text) == [("email", expected)]


@pytest.mark.parametrize(
    "text",
    [
        # dates, times, years
        "Mødet holdes 27-06-2025 kl. 10:30.",
        "27.06.2025",
        "2025-06-27",
        "27062025",
        "20250627",
        "2024 2025",
        "i perioden 2019-2020",
        "kl. 10.00-12.00",
        "kl. 20.00-22.00",
        # postcodes and amounts
        "8900 Randers C",
        "postnumrene 8900 8920 8930",
        "1.750.000 kr.",
        "12 345 678 kr",
        "12345678 kr.",
        "DKK 1,75 mio.",
        "DKK 12345678",
        # case and journal numbers (KLE)
        "87.00.00-G01-10-24",
        "27.00.00-A00-1-25",
        "sagsnr. 2025-012345",
        # business, invoice, account numbers
        "faktura nr. 12345678",
        "kontonr. 1234 5678901234",
        "reg.nr. 3100 kontonr. 0101901234",
        "CVR 12345678",
        "CVR-nr. 12 34 56 78",
        "SE-nr. 12345678",
        "EAN 5798000123456",
        "faktura nr. 0101901234",  # CPR-shaped but fails modulus 11
        # longer digit runs
        "123456789",
        "1234567890123",
        "12 34 56 78 90",
        "1234 5678 9012 3456",
        "Telefonnummeret 01019012345 er for langt.",
        # impossible CPR dates
        "310490-1234",
        "011390-1234",
        "290201-1234",  # 1901 was no leap year
        # ids in URLs, e-mail look-alikes
        "https://www.randers.dk/nyheder/12345678",
        "Følg @RandersKommune på X",
        "Det er vigtigt at randers.dk opdateres",
        "logo@2x.png",
        "ole@localhost",
    ],
)
def test_look_alikes_are_not_hits(text: str) -> None:
    assert screen_text(text) == []


def test_every_case_in_the_evaluation_table_passes() -> None:
    rows = load_table()
    failures = []
    for kind, wanted, text in rows:
        got = {(hit.kind, hit.text) for hit in screen_text(text)}
        if got != {(kind, substring) for substring in wanted}:
            failures.append((text, sorted(got), wanted))
    assert failures == []
    assert len(rows) >= 300


def test_hits_are_sorted_non_overlapping_and_each_kind_is_found_once() -> None:
    text = "Mail søren@domæne.dk, tlf. 12 34 56 78, cpr 010190-1234 og 12345678@sms.dk"
    hits = screen_text(text)
    assert [hit.kind for hit in hits] == ["email", "phone", "cpr", "email"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(hits))
    assert all(text[hit.start : hit.end] == hit.text for hit in hits)


def test_redact_replaces_every_hit_and_keeps_the_rest() -> None:
    text = "Jeg (010190-1234) kan nås på 12 34 56 78 eller ole@example.dk."
    assert redact(text, screen_text(text)) == (
        f"Jeg ({REDACTION}) kan nås på {REDACTION} eller {REDACTION}."
    )


def test_redact_covers_invisible_characters_and_line_breaks_inside_a_hit() -> None:
    text = "cpr " + fullwidth("0101") + "\u200b" + fullwidth("90-\n1234") + " slut"
    assert redact(text, screen_text(text)) == "cpr [fjernet] slut"


def test_redact_accepts_a_custom_replacement_and_overlapping_hits() -> None:
    hits = [Hit("cpr", 0, 5, "01019"), Hit("phone", 3, 8, "19012")]
    assert redact("0101901234 x", hits, replacement="█") == "█34 x"
    assert redact("ingen hits", []) == "ingen hits"


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("0101901234", True),
        ("2902001234", False),  # serial 1: 1900, no leap year
        ("2902004123", True),  # serial 4: 2000
        ("3104901234", False),
        ("0113901234", False),
        ("2902975123", False),  # serial 5, year 97: 1897, no leap year
        ("2902565123", True),  # serial 5, year 56: 2056, a leap year
    ],
)
def test_cpr_date_validity_follows_the_century_rules(digits: str, valid: bool) -> None:
    assert is_cpr_date_valid(digits) is valid


def test_modulus_11_accepts_classic_numbers_only() -> None:
    assert passes_modulus_11("0707611006")
    assert not passes_modulus_11("0101901234")


# --- digits written one by one (issue 16: "screening misses phone numbers written with spaces
# between every digit") -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Ring på 2 0 3 0 4 0 5 0 efter kl. 16.", "phone", "2 0 3 0 4 0 5 0"),
        ("mit nummer: 2-0-3-0-4-0-5-0", "phone", "2-0-3-0-4-0-5-0"),
        ("Tlf. 8.6.4.2.1.1.9.9 (hjemme)", "phone", "8.6.4.2.1.1.9.9"),
        ("Skriv til mig på +45 2 0 3 0 4 0 5 0, tak.", "phone", "+45 2 0 3 0 4 0 5 0"),
        ("min mobil er 6 1  7 4  2 2  0 3", "phone", "6 1  7 4  2 2  0 3"),
        ("CPR: 0 1 0 1 9 0 1 2 3 4", "cpr", "0 1 0 1 9 0 1 2 3 4"),
        ("Mit personnummer 0-1-0-1-9-0-1-2-3-4 står på kortet.", "cpr", "0-1-0-1-9-0-1-2-3-4"),
        ("Fødselsnr 2.4.1.2.8.5.1.3.3.7", "cpr", "2.4.1.2.8.5.1.3.3.7"),
        ("cpr 01 01 90 12 34", "cpr", "01 01 90 12 34"),
        ("Jeg har cpr 1 5 0 3 7 2 - 1 2 3 4 her.", "cpr", "1 5 0 3 7 2 - 1 2 3 4"),
    ],
)
def test_digits_written_one_by_one_are_found(text: str, kind: str, found: str) -> None:
    hits = screen_text(text)
    assert [(hit.kind, hit.text) for hit in hits] == [(kind, found)]


@pytest.mark.parametrize(
    "text",
    [
        "Vælg et tal: 1 2 3 4 5 6 7 8 og skriv det på sedlen.",
        "Trin 1-2-3-4-5-6-7-8 står i vejledningen.",
        "Versionen er 1.2.3.4.5.6.7.8 af programmet.",
        "Holdet vandt 3 1 2 0 1 1 0 0 i serien.",  # no phone word: a score, not a number
        "Skemaet: 0 0 0 0 0 0 0 0 betyder ingen svar.",
        "Kontonr. 2 0 3 0 4 0 5 0 i banken.",
        "Rækken 3 2 1 3 9 9 9 9 9 9 er ikke en dato.",
        "Mødet er 19.00-21.00, 19.00-21.00 og 27.06.2025.",
        "Den 1. 2. og 3. juni 2025 holder vi møder.",
    ],
)
def test_look_alikes_of_spaced_digits_are_not_hits(text: str) -> None:
    assert screen_text(text) == []
