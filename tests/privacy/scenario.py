"""One process with every kind of personal data, built through the real services, and a client
per audience of `privacy.matrix`. Known e-mails and phone numbers are planted so a test can see
exactly where they show."""

import io
from dataclasses import dataclass
from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from dialogportal.accounts.models import Role, User
from dialogportal.dialogmeetings.models import DialogMeeting, Registration
from dialogportal.dialogmeetings.services import REGISTRATION_CONSENT_VERSION, register
from dialogportal.inputs.models import Channel, Input
from dialogportal.inputs.services import CONSENT_TEXT_VERSION, submit_input
from dialogportal.moderation.execution import screen_input_now
from dialogportal.moderation.services import publish_input
from dialogportal.organisation.models import (
    Committee,
    CommitteeKind,
    CommitteeLevel,
    MembershipRole,
)
from dialogportal.organisation.services import add_membership, save_committee
from dialogportal.privacy.matrix import Audience
from tests.dialogmeetings.builders import make_meeting
from tests.factories import first_area, make_process
from tests.moderation import builders

PENDING_EMAIL, PENDING_PHONE = "karen.blixen@example.dk", "86 42 00 11"
PUBLISHED_EMAIL = "offentlig.afsender@example.dk"
COMMITTEE_EMAIL, COMMITTEE_PHONE = "tillidsmand@example.dk", "40 11 22 33"
REGISTRANT_EMAIL = "deltager.aase@example.dk"
SUBMITTER_IP = "192.0.2.77"
CPR_IN_TEXT = "010190-1234"
PENDING_TEXT = f"Mit CPR-nummer er {CPR_IN_TEXT}, og jeg ønsker flere busser til Assentoft."
# Strings that must never show to a role without the matching permission.
CONTACT_DATA = (
    PENDING_EMAIL,
    PENDING_PHONE,
    PUBLISHED_EMAIL,
    COMMITTEE_EMAIL,
    COMMITTEE_PHONE,
    REGISTRANT_EMAIL,
    SUBMITTER_IP,
)


@dataclass
class Scenario:
    pending: Input
    published: Input
    committee_input: Input
    committee: Committee
    meeting: DialogMeeting
    registration: Registration
    users: dict[Audience, User]

    def ids(self) -> dict[str, object]:
        return {
            "pending": self.pending.pk,
            "published": self.published.pk,
            "committee_input": self.committee_input.pk,
            "attachment": self.pending.attachments.get().pk,
            "meeting": self.meeting.pk,
            "slug": self.pending.process.slug,
        }


STAFF_ROLES = {
    Audience.COMMITTEE_CHAIR: Role.COMMITTEE_CHAIR,
    Audience.COMMITTEE_SECRETARY: Role.COMMITTEE_SECRETARY,
    Audience.MODERATOR: Role.MODERATOR,
    Audience.PROCESS_MANAGER: Role.PROCESS_MANAGER,
    Audience.ADMINISTRATOR: Role.ADMINISTRATOR,
}


def build() -> Scenario:
    process = make_process(slug="privatliv")
    users = {
        audience: builders.staff(audience.value, role) for audience, role in STAFF_ROLES.items()
    }
    committee = save_committee(
        slug="sektor-med-test",
        name="Sektor MED Test",
        kind=CommitteeKind.MED,
        level=CommitteeLevel.SECTOR,
    )
    start = date(2025, 1, 1)
    add_membership(
        committee=committee,
        person_name="Sekretær",
        role=MembershipRole.SECRETARY,
        starts_on=start,
        user=users[Audience.COMMITTEE_SECRETARY],
    )
    add_membership(
        committee=committee,
        person_name="Formand",
        role=MembershipRole.CHAIR,
        starts_on=start,
        user=users[Audience.COMMITTEE_CHAIR],
    )
    pending = submit_input(
        process=process,
        focus_area=first_area(process),
        text=PENDING_TEXT,
        contributor_type="citizen",
        name="Karen Blixen",
        email=PENDING_EMAIL,
        phone=PENDING_PHONE,
        consent_text_version=CONSENT_TEXT_VERSION,
        attachments=[("bilag.pdf", io.BytesIO(builders.pdf_with_text("Mit bilag")))],
        submitted_ip=SUBMITTER_IP,
    )
    screen_input_now(input_id=pending.pk)
    published = submit_input(
        process=process,
        focus_area=first_area(process),
        text="Flere cykelstier langs Gudenåen, tak. Det gør byen bedre.",
        contributor_type="citizen",
        email=PUBLISHED_EMAIL,
        consent_text_version=CONSENT_TEXT_VERSION,
    )
    publish_input(item=published, acting_user=users[Audience.MODERATOR])
    # Typed in by the process manager for the committee (channel MED, source = the committee).
    committee_input = submit_input(
        process=process,
        focus_area=first_area(process),
        text="Udvalget ønsker bedre introduktion af nye kolleger i sektoren.",
        contributor_type="employee",
        email=COMMITTEE_EMAIL,
        phone=COMMITTEE_PHONE,
        channel=Channel.MED_COMMITTEE,
        source=committee.name,
        acting_user=users[Audience.PROCESS_MANAGER],
    )
    meeting = make_meeting(process, starts_at=timezone.now() + timedelta(days=5))
    registration = register(
        meeting=meeting,
        name="Åse Deltager",
        email=REGISTRANT_EMAIL,
        contributor_type="citizen",
        consent_text_version=REGISTRATION_CONSENT_VERSION,
    )
    return Scenario(
        pending=pending,
        published=published,
        committee_input=committee_input,
        committee=committee,
        meeting=meeting,
        registration=registration,
        users=users,
    )


def client_for(audience: Audience, made: Scenario) -> Client:
    # Reused clients without cookies: a new Client costs half a second (WhiteNoise's scan).
    client = builders.client(20 + list(Audience).index(audience))
    if audience == Audience.CONTRIBUTOR:
        client.get(made.pending.get_receipt_url())  # holds only the private link
    elif audience in made.users:
        client.force_login(made.users[audience])
    return client
