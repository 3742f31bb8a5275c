"""The acceptance case of issue 7: the seed minutes of the main MED committee.

The committee is reported as written in the document's title ("MED Hovedudvalg"); mapping it
to a committee in the database is the saver's job (``--committee SLUG``).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from dialogportal.minutes import parse_minutes, to_json_dict
from dialogportal.minutes.extract import read_minutes_file


def test_seed_header(seed_path: Path) -> None:
    parsed = parse_minutes(read_minutes_file(seed_path), source_name=seed_path.name)
    assert parsed.committee == "MED Hovedudvalg"
    assert parsed.kind == "referat"
    assert parsed.date == datetime.date(2025, 6, 27)
    assert parsed.start_time == datetime.time(10, 30)
    assert parsed.location == "D.2.58"
    assert [item.number for item in parsed.items] == [40, 41]


def test_seed_item_40(seed_path: Path) -> None:
    item = parse_minutes(read_minutes_file(seed_path)).items[0]
    assert item.title.startswith("Orientering om kommunaldirektørens overvejelser")
    assert item.title.endswith("den kommunale organisation")
    assert item.presenter == "Jesper Kaas Schmidt"
    assert item.journal_number == "87.00.00-G01-10-24"
    assert not item.closed
    assert item.summary is not None
    assert item.summary.startswith("Hovedudvalget gives en orient")
    assert item.recommendation_intro == "Forvaltningen indstiller til Hovedudvalget"
    assert item.recommendations == ["at tage orienteringen til efterretning"]
    assert item.decision is not None
    assert item.decision.startswith("Der blev givet en orientering")
    assert "PP-slides" in item.decision
    assert item.case_description is not None
    assert item.case_description.startswith("I forbindelse med byrådets vedtagelse")
    assert "servicetjek" in item.case_description
    assert item.finances is None
    assert len(item.attachments) == 1
    assert item.attachments[0].title.startswith("Plancher til HMU")
    assert item.attachments[0].is_public
    assert item.extra_sections == []


def test_seed_item_41(seed_path: Path) -> None:
    item = parse_minutes(read_minutes_file(seed_path)).items[1]
    assert item.title == "Fremtidens Randers"
    assert item.presenter == "Lars Sønderby"
    assert item.journal_number == "87.00.00-G01-10-24"
    assert item.summary is not None
    assert "generationsprojekt" in item.summary
    assert len(item.recommendations) == 2
    assert item.recommendations[0] == "at drøfte hovedkonklusionerne fra Hvidbogen"
    assert item.recommendations[1].startswith("at drøfte initiativer og tiltag på tværs")
    assert item.decision is not None
    assert item.decision.startswith("Der indkaldes til et ekstra")
    assert item.case_description is not None
    assert item.case_description.startswith("Byrådet besluttede med budget 2024-2027")
    # Sub-headings stay inside the case description, as Markdown.
    assert "### *Hvidbog om Randers Kommune*" in item.case_description
    assert "En strategisk plan" in item.case_description
    # The seed's "### **Økonomi**" sub-heading is the Økonomi section.
    assert item.finances is not None
    assert "1,750 mio. kr." in item.finances
    assert "1,750 mio. kr." not in item.case_description
    assert item.attachments == []


def test_seed_json_shape(seed_path: Path) -> None:
    data = to_json_dict(parse_minutes(read_minutes_file(seed_path)))
    assert list(data) == ["committee", "date", "start_time", "location", "items"]
    assert (data["date"], data["start_time"]) == ("2025-06-27", "10:30")
    assert list(data["items"][0]) == [
        "number",
        "number_suffix",
        "title",
        "presenter",
        "journal_number",
        "closed",
        "summary",
        "recommendations",
        "decision",
        "case_description",
        "finances",
        "attachments",
    ]
    assert data["items"][0]["finances"] is None
    assert all(
        clause.startswith("at ") for item in data["items"] for clause in item["recommendations"]
    )


def test_seed_table_of_contents_is_skipped(seed_path: Path) -> None:
    parsed = parse_minutes(read_minutes_file(seed_path))
    assert "Indholdsfortegnelse" not in (parsed.committee or "")
    assert all("....." not in item.title for item in parsed.items)
