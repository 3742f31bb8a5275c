"""Who may do what with personal data: the permission matrix (role × data × action), written
once. `permissions.ROLE_PERMISSIONS` is derived from it, `docs/privacy.md` prints it, and
`tests/privacy/test_permission_matrix.py` checks every cell over real HTTP.

The rule (GDPR art. 5(1)(c) and 32, `danish-municipal-conventions.md` §8.7 G3): contact data,
IP addresses and the text of inputs that are not published are for process managers and
administrators. A moderator sees the text of what awaits moderation with the screening hits
marked – never who wrote it. Committee roles see the inputs their committee sent; what their
committee received is its public feedback report. Chairs and vice-chairs run their committee's
meetings and see no contributor's data."""

from dataclasses import dataclass
from enum import StrEnum

from dialogportal.accounts.models import Role


class Audience(StrEnum):
    """Who asks: a role, or a visitor without a staff account."""

    ANONYMOUS = "anonymous"
    CONTRIBUTOR = "contributor"  # holds the private receipt or registration link
    COMMITTEE_CHAIR = Role.COMMITTEE_CHAIR.value
    COMMITTEE_SECRETARY = Role.COMMITTEE_SECRETARY.value
    MODERATOR = Role.MODERATOR.value
    PROCESS_MANAGER = Role.PROCESS_MANAGER.value
    ADMINISTRATOR = Role.ADMINISTRATOR.value


class Data(StrEnum):
    PUBLISHED_TEXT = "published_text"
    SCREENING = "screening"  # pending text with hits marked, in the moderation pages
    NONPUBLIC_TEXT = "nonpublic_text"  # every non-published input's text, anywhere
    COMMITTEE_INPUTS = "committee_inputs"  # inputs the user's committee sent (no contact data)
    CONTACT_DATA = "contact_data"  # contributor's name, e-mail, phone, IP address
    REGISTRANTS = "registrants"  # dialog-meeting registrations (name, e-mail, postcode)
    INPUT_EXPORT = "input_export"  # CSV/XLSX with contact data
    STAFF_API = "staff_api"  # token for the staff input API
    SUBJECT_REQUEST = "subject_request"  # data-subject search, export, erasure
    ACCESS_LOG = "access_log"
    RETENTION_LOG = "retention_log"


class Action(StrEnum):
    VIEW = "view"
    EXPORT = "export"
    ERASE = "erase"
    REGISTER = "register"  # type in input on someone's behalf


@dataclass(frozen=True)
class Cell:
    data: Data
    action: Action
    audiences: frozenset[Audience]
    # The Django permissions that grant it to roles ("" = not a role's permission: the public,
    # or the holder of a private link).
    permissions: tuple[str, ...]
    where: str


A = Audience
EVERYONE = frozenset(Audience)
MANAGERS = frozenset({A.PROCESS_MANAGER, A.ADMINISTRATOR})
MODERATORS = MANAGERS | {A.MODERATOR}
COMMITTEES = frozenset({A.COMMITTEE_SECRETARY})

MATRIX: tuple[Cell, ...] = (
    Cell(
        Data.PUBLISHED_TEXT,
        Action.VIEW,
        EVERYONE,
        (),
        "public pages and API (`Input.objects.public()`)",
    ),
    Cell(
        Data.SCREENING,
        Action.VIEW,
        MODERATORS,
        ("moderation.moderate_input",),
        "/moderering/ and the moderation API: text with hits marked, no contact data",
    ),
    Cell(
        Data.NONPUBLIC_TEXT,
        Action.VIEW,
        MANAGERS | {A.CONTRIBUTOR},
        ("accounts.view_nonpublic_text", "inputs.view_input", "inputs.view_attachment"),
        "staff input list and page, feedback pages; a contributor their own (receipt link)",
    ),
    Cell(
        Data.COMMITTEE_INPUTS,
        Action.VIEW,
        COMMITTEES | MANAGERS,
        ("inputs.add_input",),
        "staff input list and page, limited to what the user typed in and what the user's "
        "committees sent (channel MED-udvalg, source = the committee)",
    ),
    Cell(
        Data.COMMITTEE_INPUTS,
        Action.REGISTER,
        COMMITTEES | MANAGERS,
        ("inputs.add_input",),
        "register on behalf, postcards, import, dialog-meeting table notes",
    ),
    Cell(
        Data.CONTACT_DATA,
        Action.VIEW,
        MANAGERS | {A.CONTRIBUTOR},
        ("accounts.view_contact_data",),
        "staff input page, contact page in moderation; a contributor sees their own",
    ),
    Cell(
        Data.REGISTRANTS,
        Action.VIEW,
        MANAGERS | {A.CONTRIBUTOR},
        ("dialogmeetings.view_registration",),
        "a dialog meeting's staff page; a registrant their own (private link by e-mail)",
    ),
    Cell(
        Data.INPUT_EXPORT,
        Action.EXPORT,
        MANAGERS,
        ("accounts.export_personal_data",),
        "?eksport=csv|xlsx on the staff list, /api/v1/staff/inputs/export.*",
    ),
    Cell(
        Data.STAFF_API,
        Action.VIEW,
        MANAGERS,
        ("accounts.use_staff_api",),
        "/api/v1/staff/token/ and /api/v1/staff/inputs/ (token with a lifetime)",
    ),
    Cell(
        Data.SUBJECT_REQUEST,
        Action.VIEW,
        MANAGERS,
        ("accounts.handle_data_subject_request",),
        "/privatliv/registrerede/: search and export (JSON, PDF)",
    ),
    Cell(
        Data.SUBJECT_REQUEST,
        Action.ERASE,
        MANAGERS,
        ("accounts.handle_data_subject_request",),
        "/privatliv/registrerede/slet/",
    ),
    Cell(
        Data.ACCESS_LOG,
        Action.VIEW,
        frozenset({A.ADMINISTRATOR}),
        ("accounts.view_accesslog",),
        "/privatliv/adgangslog/",
    ),
    Cell(
        Data.RETENTION_LOG,
        Action.VIEW,
        MANAGERS,
        ("privacy.view_retentionrun",),
        "/privatliv/sletning/",
    ),
)


def allowed(audience: Audience, data: Data, action: Action) -> bool:
    return any(
        cell.data == data and cell.action == action and audience in cell.audiences
        for cell in MATRIX
    )


def role_permissions() -> dict[Role, tuple[str, ...]]:
    """The Django permissions each role gets from the matrix (administrators get all anyway)."""
    granted: dict[Role, set[str]] = {role: set() for role in Role}
    for cell in MATRIX:
        for audience in cell.audiences:
            if audience.value in Role.values:
                granted[Role(audience.value)].update(cell.permissions)
    return {role: tuple(sorted(perms)) for role, perms in granted.items() if perms}
