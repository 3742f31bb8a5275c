"""The council case (byrådssag) generated from the strategic plan: its text (`text`), what it
reads besides the plan (`queries`), its PDF attachments (`files`) and the service that puts
it on the agendas of its route (`services`)."""

from dialogportal.strategy.council.services import council_meetings, create_council_item
from dialogportal.strategy.council.text import Stop, council_case, format_dkk, sentence

__all__ = [
    "Stop",
    "council_case",
    "council_meetings",
    "create_council_item",
    "format_dkk",
    "sentence",
]
