"""One process with everything the public outputs must handle: published inputs with and without
consent to show the name, a hidden input with personal data, a pending and a rejected one, a MED
committee's input, themes, a theme answer, an individual answer and an outcome."""

from dataclasses import dataclass

from dialogportal.analysis.models import AnalysisRun
from dialogportal.feedback import services
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.organisation.models import Committee
from dialogportal.processes.models import Process
from tests.feedback import builders

SECRET_EMAIL = "hemmelig.person@example.dk"
SECRET_PHONE = "20 30 40 50"
HIDDEN_TEXT = "Min nabo Jens på Vestergade 7 har et misbrug, ring til mig på 20 30 40 50."
PENDING_TEXT = "Dette input venter stadig på moderation og må ikke vises."
REJECTED_TEXT = "Køb billige ure på nettet nu."
THEME_ANSWER = "Vi renoverer 400 boliger i midtbyen fra 2027 <script>alert(1)</script>."
OWN_ANSWER = "Dit forslag om ældreboliger er sendt videre til boligforeningen."
OUTCOME = "Indsats 3.1: renoveringsplan for midtbyen."
COMMITTEE = "Sektor MED Social og Arbejdsmarked"


@dataclass
class Scenario:
    process: Process
    run: AnalysisRun
    named: Input
    anonymous: Input
    hidden: Input
    pending: Input
    committee_input: Input
    committee: Committee


def build() -> Scenario:
    process = builders.small_process("fremtiden")
    named = builders.contributed(
        process,
        text="Boligerne i midtbyen er slidte og skal renoveres.",
        area_slug="omraade-1",
        email=SECRET_EMAIL,
        phone=SECRET_PHONE,
        name="Karen Blixen",
        consent_publish_name=True,
    )
    anonymous = builders.contributed(
        process,
        text="Der mangler ældreboliger i landsbyerne.",
        area_slug="omraade-1",
        email=SECRET_EMAIL,
        name="Hemmelig Hansen",
    )
    hidden = builders.contributed(
        process,
        text=HIDDEN_TEXT,
        area_slug="omraade-1",
        state=ModerationState.HIDDEN,
        name="Skjult Person",
    )
    pending = builders.contributed(
        process, text=PENDING_TEXT, area_slug="omraade-2", state=ModerationState.PENDING
    )
    builders.contributed(
        process, text=REJECTED_TEXT, area_slug="omraade-2", state=ModerationState.REJECTED
    )
    committee = Committee.objects.create(
        slug="sektor-med-social", name=COMMITTEE, kind="med", level="sector"
    )
    committee_input = builders.contributed(
        process,
        text="Medarbejderne ønsker færre skift mellem kontaktpersoner for borgerne.",
        area_slug="omraade-2",
        channel="med_committee",
        source=COMMITTEE,
        email="",
        consent_contact=False,
        name="",
    )
    run = builders.themed_run(
        process,
        {
            "Renovering af boliger": [named, hidden, anonymous],
            "Faste kontaktpersoner": [committee_input, pending],
        },
    )
    services.answer_theme(
        theme=builders.curated(run, "Renovering af boliger"),
        status="used",
        explanation="Indgår i planen.",
        text=THEME_ANSWER,
        acting_user=None,
    )
    services.answer_input(
        item=anonymous, status="answered_elsewhere", text=OWN_ANSWER, acting_user=None
    )
    services.add_outcome(
        theme=builders.curated(run, "Renovering af boliger"), text=OUTCOME, acting_user=None
    )
    return Scenario(
        process=process,
        run=run,
        named=named,
        anonymous=anonymous,
        hidden=hidden,
        pending=pending,
        committee_input=committee_input,
        committee=committee,
    )


NEVER_PUBLIC = (
    SECRET_EMAIL,
    SECRET_PHONE,
    "Hemmelig Hansen",
    "Skjult Person",
    "Vestergade",
    PENDING_TEXT,
    REJECTED_TEXT,
)
