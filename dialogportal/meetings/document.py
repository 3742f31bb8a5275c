"""The agenda/minutes document every output is rendered from (HTML, PDF, DOCX, API, iCal): plain
frozen dataclasses, stored whole as JSON in approved versions. Built by `publication`, which
also decides what of it a reader without full access may see."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

# Danish agendas state the item type as "Til beslutning", "Til orientering", "Til drøftelse".
KIND_PHRASES = {
    "decision": _("Til beslutning"),
    "information": _("Til orientering"),
    "discussion": _("Til drøftelse"),
}
# Section kinds beyond `SectionKind`: a decision taken earlier in the case's route.
EARLIER_DECISION = "earlier_decision"
MINUTES_STATUSES = ("minutes_draft", "minutes_approved")


@dataclass(frozen=True)
class DocAttachment:
    id: int
    title: str
    is_public: bool
    has_file: bool


@dataclass(frozen=True)
class DocRecommendation:
    order: int
    text: str
    outcome: str
    outcome_label: str


@dataclass(frozen=True)
class DocVoter:
    name: str
    count: int


@dataclass(frozen=True)
class DocVoteGroup:
    """One option of a vote: "For stemte 20: A (12), V (6), C (2)"."""

    choice: str
    label: str
    total: int
    voters: tuple[DocVoter, ...]


@dataclass(frozen=True)
class DocVote:
    motion: str
    is_adopted: bool
    groups: tuple[DocVoteGroup, ...]


@dataclass(frozen=True)
class DocNote:
    """A protokoltilførsel, mindretalsudtalelse or afvigende mening."""

    kind: str
    kind_label: str
    author: str
    text: str


@dataclass(frozen=True)
class DocAbsence:
    """A member absent from the item, or inhabil in it."""

    person: str
    kind: str
    kind_label: str
    note: str = ""


@dataclass(frozen=True)
class DocSection:
    kind: str
    heading: str
    body: str
    recommendations: tuple[DocRecommendation, ...] = ()
    # Decisions (the item's own and earlier ones in its case) carry what was recorded with them.
    votes: tuple[DocVote, ...] = ()
    notes: tuple[DocNote, ...] = ()
    absences: tuple[DocAbsence, ...] = ()
    # An earlier decision is public once that meeting's minutes are approved.
    is_public: bool = True


@dataclass(frozen=True)
class DocRouteStop:
    """A committee in the case's route (sagsgang) and the date it treats the case."""

    committee: str
    held_on: str = ""
    is_current: bool = False
    is_decided: bool = False


@dataclass(frozen=True)
class DocItem:
    id: int
    number: int | None
    title: str
    is_closed: bool
    label: str = ""
    presenter: str = ""
    journal_number: str = ""
    kind: str = ""
    kind_label: str = ""
    is_draft: bool = False
    is_standard: bool = False
    sections: tuple[DocSection, ...] = ()
    attachments: tuple[DocAttachment, ...] = ()
    public_title: str = ""
    public_decision: str = ""
    addendum: int | None = None
    addendum_published_at: str = ""
    route: tuple[DocRouteStop, ...] = ()

    @property
    def kind_phrase(self) -> str:
        """ "Til beslutning" etc.; standard items ("Eventuelt") state none."""
        if self.is_standard or not self.kind:
            return ""
        return str(KIND_PHRASES.get(self.kind, ""))

    @property
    def anchor(self) -> str:
        return f"punkt-{self.label or self.id}"


@dataclass(frozen=True)
class DocSignature:
    """One approval of the minutes (underskriftsblad); `signed_at` is ISO 8601 with offset."""

    name: str
    role_label: str = ""
    signed_at: str = ""
    dissent: str = ""


@dataclass(frozen=True)
class DocAddendum:
    number: int
    published_at: str


@dataclass(frozen=True)
class DocMeeting:
    id: int
    committee_name: str
    committee_slug: str
    held_on: str
    start_time: str
    end_time: str
    place: str
    status: str
    status_label: str
    participants: str
    excused: str
    absent: str
    remarks: str
    items: tuple[DocItem, ...]
    committee_kind: str = ""
    signatures: tuple[DocSignature, ...] = ()
    addenda: tuple[DocAddendum, ...] = ()
    numbers_are_provisional: bool = False
    version: int | None = None
    version_reason: str = ""
    is_redacted: bool = False

    @property
    def is_minutes(self) -> bool:
        return self.status in MINUTES_STATUSES

    @property
    def is_political(self) -> bool:
        return self.committee_kind == "political"

    @property
    def title_word(self) -> str:
        return str(_("Referat")) if self.is_minutes else str(_("Dagsorden"))

    @property
    def open_items(self) -> tuple[DocItem, ...]:
        return tuple(item for item in self.items if not item.is_closed)

    @property
    def closed_items(self) -> tuple[DocItem, ...]:
        return tuple(item for item in self.items if item.is_closed)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocMeeting:
        """A stored version back as a document; versions frozen before a field existed get its
        default (their approvals were stored as text)."""
        items = tuple(_item_from_json(item) for item in data["items"])
        signatures = tuple(DocSignature(**s) for s in data.get("signatures", ()))
        if not signatures:
            signatures = tuple(DocSignature(name=text) for text in data.get("approvals", ()))
        known = set(cls.__dataclass_fields__)
        plain = {key: value for key, value in data.items() if key in known}
        return cls(
            **{
                **plain,
                "items": items,
                "signatures": signatures,
                "addenda": tuple(DocAddendum(**a) for a in data.get("addenda", ())),
            }
        )


def _section_from_json(section: dict[str, Any]) -> DocSection:
    votes = tuple(
        DocVote(
            motion=vote["motion"],
            is_adopted=vote["is_adopted"],
            groups=tuple(
                DocVoteGroup(**{**group, "voters": tuple(DocVoter(**v) for v in group["voters"])})
                for group in vote["groups"]
            ),
        )
        for vote in section.get("votes", ())
    )
    return DocSection(
        **{
            **section,
            "recommendations": tuple(DocRecommendation(**r) for r in section["recommendations"]),
            "votes": votes,
            "notes": tuple(DocNote(**n) for n in section.get("notes", ())),
            "absences": tuple(DocAbsence(**a) for a in section.get("absences", ())),
        }
    )


def _item_from_json(item: dict[str, Any]) -> DocItem:
    label = item.get("label") or (str(item["number"]) if item.get("number") is not None else "")
    return DocItem(
        **{
            # Versions frozen before the cascade moved to the med app carry "cascades".
            **{key: value for key, value in item.items() if key != "cascades"},
            "label": label,
            "sections": tuple(_section_from_json(s) for s in item["sections"]),
            "attachments": tuple(DocAttachment(**a) for a in item["attachments"]),
            "route": tuple(DocRouteStop(**r) for r in item.get("route", ())),
        }
    )
