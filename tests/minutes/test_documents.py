"""Parser tests on documents written for the project, one per common Danish layout."""

from __future__ import annotations

import datetime

import pytest

from dialogportal.minutes import MinutesParseError, parse_minutes, to_json_dict
from tests.minutes.conftest import document


def test_political_committee_in_plain_text() -> None:
    parsed = parse_minutes(document("teknik-miljoe-referat.txt"))
    assert parsed.committee == "Teknik- og Miljøudvalget"
    assert parsed.kind == "referat"
    assert parsed.date == datetime.date(2025, 3, 12)
    assert (parsed.start_time, parsed.end_time) == (datetime.time(16), datetime.time(18, 30))
    assert parsed.location == "Rådhuset, mødelokale 2"
    assert parsed.participants[0] == "Anne Holm (formand)"
    assert parsed.absent == ["Erik Lund"]
    assert parsed.excused == ["Fatima Yilmaz"]
    assert parsed.remarks == "Bo Friis deltog fra punkt 14."
    # The table of contents (with its own group headings) is skipped.
    assert [item.number for item in parsed.items] == [12, 13, 14, 15]
    assert [item.closed for item in parsed.items] == [False, False, False, True]

    approval, plan, winter, purchase = parsed.items
    assert approval.title == "Godkendelse af dagsorden"
    assert approval.decision == "Dagsordenen blev godkendt."
    assert approval.journal_number == "00.01.00-A00-3-25"

    assert plan.presenter == "vejchef Gitte Møller"
    assert plan.journal_number == "05.13.00-P15-7-24"
    assert plan.summary is not None
    assert plan.summary.startswith("Udvalget skal tage stilling")
    # "Det indstilles, at …, og at …" in prose, without an Indstilling heading.
    assert plan.recommendations == [
        "at udkastet til trafiksikkerhedsplan sendes i offentlig høring i otte uger",
        "at høringssvarene forelægges udvalget i juni",
    ]
    assert plan.finances is not None
    assert plan.finances.startswith("Planens første etape")
    assert "indstilles" not in plan.finances
    # A numbered list inside the case description is not taken for items 1-3.
    assert plan.case_description is not None
    assert "3. en gennemgang" in plan.case_description
    assert plan.decision is not None
    assert plan.decision.startswith("Godkendt, dog således")
    assert [a.title for a in plan.attachments] == [
        "Udkast til trafiksikkerhedsplan 2025-2028",
        "Kort over uheldsbelastede kryds",
    ]

    assert winter.journal_number == "05.01.10-G01-2-25"  # "J.nr." without colon
    assert winter.recommendation_intro == "Forvaltningen indstiller til Teknik- og Miljøudvalget"
    assert winter.recommendations == [
        "at udbuddet gennemføres som et offentligt udbud med to delkontrakter"
    ]

    assert purchase.recommendations == [
        "at købet godkendes",
        "at udgiften finansieres af puljen til strategiske opkøb",
    ]
    # The signature page after the last item is not part of its decision.
    assert purchase.decision == "Godkendt."


def test_local_med_minutes_in_markdown() -> None:
    parsed = parse_minutes(document("lokal-med-referat.md"))
    assert parsed.committee == "Lokal MED Bøgevejens Skole"
    assert parsed.date == datetime.date(2025, 6, 4)
    assert parsed.start_time == datetime.time(14)
    assert parsed.location == "Personalerummet, Bøgevej 3"
    assert parsed.excused == ["Kirsten Vang", "Ole Dahl"]
    first, info, closed = parsed.items
    assert first.decision == "Godkendt uden bemærkninger."
    assert info.presenter == "skoleleder Maja Berg"
    assert info.journal_number == "87.00.00-G01-3-25"
    assert info.summary is not None
    assert info.summary.startswith("Sektor MED for Børn og Skole")
    assert info.recommendation_intro == "Ledelsen indstiller til Lokal MED"
    assert info.recommendations == [
        "at der tages stilling til, om skolen vil invitere til et fælles dialogmøde med "
        "børnehaven og plejecentret",
        "at input fra mødet sendes videre til Sektor MED",
    ]
    assert info.case_description is not None
    assert "### Tidsplan" in info.case_description
    assert [a.title for a in info.attachments] == [
        "Orientering fra Sektor MED, maj 2025",
        "Forslag til drejebog for dialogmødet",
    ]
    assert (closed.number, closed.closed) == (3, True)
    assert closed.decision == "Drøftet. Sagen følges op på næste møde."


def test_sector_med_agenda_with_level_two_items() -> None:
    parsed = parse_minutes(document("sektor-med-dagsorden.md"))
    assert parsed.kind == "dagsorden"
    assert parsed.committee == "Sektor MED Sundhed og Omsorg"
    assert parsed.date == datetime.date(2025, 6, 27)
    assert parsed.start_time == datetime.time(10, 30)
    assert parsed.location == "Omsorgscentret, lokale 1.14"
    absence, other = parsed.items
    assert (absence.number, absence.title) == (7, "Sygefravær første kvartal")
    assert absence.presenter == "HR-konsulent Ida Kjær"
    assert absence.journal_number == "81.12.00-P23-41-25"
    assert absence.recommendations == [
        "at tage status til efterretning",
        "at drøfte, hvilke indsatser der skal fortsætte i efteråret",
    ]
    assert absence.decision is None
    assert absence.case_description is not None
    assert absence.case_description.startswith("#### Baggrund")
    assert "#### Videre proces" in absence.case_description
    assert absence.extra_sections == [("Tidsplan", "Opfølgning i oktober og december.")]
    assert absence.finances == "Ingen økonomiske konsekvenser."
    assert (other.number, other.title, other.decision) == (8, "Eventuelt", None)
    data = to_json_dict(parsed)
    assert data["items"][1]["recommendations"] == []
    assert data["items"][1]["attachments"] == []


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("broken-heading.md", 9, "Diverse bemærkninger"),
        ("broken-no-number.md", 9, "uden nummer"),
    ],
)
def test_broken_documents_name_the_line(name: str, line: int, words: str) -> None:
    with pytest.raises(MinutesParseError) as caught:
        parse_minutes(document(name), source_name=name)
    assert caught.value.line == line
    assert f"{name}, linje {line}:" in str(caught.value)
    assert words in str(caught.value)


PLAIN_VARIANTS = """\
Referat
Børne- og Skoleudvalget
Dato: 27/6 2025, kl. 8.15

Punkt 3: Skolestruktur v. skolechef Hans Ravn

Sagsnr. 17.01.00-A00-2-25
Lukket punkt

Resumé:
Status på arbejdet med skolestrukturen.

Indstilling:
Direktionen indstiller, at
1) udvalget tager status til efterretning;
2) den videre proces godkendes.

Referat: Taget til efterretning.

Økonomiske konsekvenser
Ingen.

Punkt 4: Eventuelt

Beslutning
Intet.
"""


def test_plain_text_variants() -> None:
    parsed = parse_minutes(PLAIN_VARIANTS)
    assert parsed.committee == "Børne- og Skoleudvalget"
    assert (parsed.date, parsed.start_time) == (datetime.date(2025, 6, 27), datetime.time(8, 15))
    structure, other = parsed.items
    assert structure.presenter == "skolechef Hans Ravn"
    assert structure.closed
    assert structure.summary == "Status på arbejdet med skolestrukturen."
    assert structure.recommendations == [
        "at udvalget tager status til efterretning",
        "at den videre proces godkendes",
    ]
    assert structure.decision == "Taget til efterretning."
    assert structure.finances == "Ingen."
    assert other.decision == "Intet."


def test_numbered_headings_and_group_headings_in_markdown() -> None:
    text = (
        "# Dagsorden for Hovedudvalget 02.09.2025\n\n"
        "## SAGER TIL BESLUTNING\n\n"
        "## 44. Retningslinje for hjemmearbejde\n\n### Beslutningstema\n\nNy retningslinje.\n\n"
        "### Indstilling\n\nHR indstiller til Hovedudvalget, at retningslinjen godkendes.\n\n"
        "## LUKKEDE SAGER\n\n"
        "## 45. Personalesag\n\n### Indstilling\n\n- Sagen drøftes\n"
    )
    parsed = parse_minutes(text)
    assert parsed.committee == "Hovedudvalget"
    assert parsed.kind == "dagsorden"
    assert [(i.number, i.closed) for i in parsed.items] == [(44, False), (45, True)]
    assert parsed.items[0].summary == "Ny retningslinje."
    assert parsed.items[0].recommendations == ["at retningslinjen godkendes"]
    assert parsed.items[1].recommendations == ["at Sagen drøftes"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", None, "dokumentet er tomt"),
        ("   \n\n\t\n", None, "dokumentet er tomt"),
        ("Referat\n\nDer blev drøftet mange ting.\n", 1, "intet dagsordenspunkt"),
        ("# Referat\n\n## Resumé\n\nTekst\n", 3, "før det første dagsordenspunkt"),
        ("# Punkt 2: A\n\nTekst\n\n# Punkt 1: B\n", 5, "stigende nummerorden"),
        ("# Punkt 2: A\n\nTekst\n\n# Punkt 2: B\n", 5, "står to gange (linje 1 og linje 5)"),
        ("# Punkt 2:\n\n## Resumé\n\nTekst\n", 1, "har ingen titel"),
        ("# Punkt 1: A\n\n# Lukkede punkter\n\nLøs tekst\n\n# Punkt 2: B\n", 5, "hører ikke til"),
    ],
)
def test_refusals(text: str, line: int | None, words: str) -> None:
    with pytest.raises(MinutesParseError) as caught:
        parse_minutes(text)
    assert caught.value.line == line
    assert words in str(caught.value)
