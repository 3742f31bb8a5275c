"""Demo step: a few inputs with personal data waiting in the moderation queue (a CPR number in a
letter, a phone number, an e-mail address, a scanned signature), one visitor's report, and every
demo input screened. Idempotent: keys and existence checks make a second run change nothing."""

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dialogportal.accounts.models import User
from dialogportal.inputs.models import Channel, Input, ModerationState
from dialogportal.inputs.services import submit_input
from dialogportal.moderation.execution import screen_input_now
from dialogportal.moderation.models import Report, ReportReason
from dialogportal.moderation.services import report_input
from dialogportal.processes.demo import DEMO_PROCESS_SLUG
from dialogportal.processes.models import Process

_TZ = ZoneInfo("Europe/Copenhagen")

# Invented people and numbers (the CPR number has a valid date but belongs to no one we know).
WAITING = (
    (
        "Brev om busruterne",
        "Jeg skriver angående busruterne i Assentoft. Mit CPR-nr. er 150372-1235, hvis I skal "
        "finde min sag. Bussen kører for sjældent om aftenen.",
        Channel.LETTER,
    ),
    (
        "Ring gerne",
        "Vi mangler en legeplads i Kristrup. Ring gerne på 21 43 65 87, hvis I vil høre mere "
        "om, hvad forældrene i området ønsker.",
        Channel.EMAIL,
    ),
    (
        "Foreningens høringssvar",
        "Foreningen bakker op om flere cykelstier. Kontakt formanden på formand(at)cykelklub.dk "
        "eller +45 86 12 34 56.",
        Channel.EMAIL,
    ),
    (
        "Idé til bymidten",
        "Flere bænke og træer i bymidten ville gøre en stor forskel for de ældre.",
        Channel.LETTER,
    ),
)


def load(*, log: Callable[[str], None]) -> None:
    process = Process.objects.filter(slug=DEMO_PROCESS_SLUG).first()
    if process is None:
        log("Demo moderation skipped: the demo process is missing.")
        return
    staff = User.objects.filter(username="sekretaer").first()
    given_on = date(2025, 8, 20)
    for number, (title, text, channel) in enumerate(WAITING, start=1):
        submit_input(
            process=process,
            focus_area=process.focus_areas.order_by("order").first(),
            title=title,
            text=text,
            contributor_type="citizen",
            channel=channel,
            given_on=given_on,
            phase_at=datetime.combine(given_on, time(12), tzinfo=_TZ),
            idempotency_key=f"demo-moderation:{number}",
            acting_user=staff,
        )
    Input.objects.filter(
        process=process, idempotency_key__startswith="demo-moderation:", decisions__isnull=True
    ).update(moderation_state=ModerationState.PENDING)
    screened = 0
    for input_id in Input.objects.filter(process=process, screening__isnull=True).values_list(
        "pk", flat=True
    ):
        screen_input_now(input_id=input_id)
        screened += 1
    if not Report.objects.filter(input__process=process).exists():
        published = Input.objects.public().filter(process=process).order_by("pk").first()
        if published is not None:
            report_input(
                item=published,
                reason=ReportReason.OFFENSIVE,
                comment="Tonen er for hård over for medarbejderne.",
            )
    waiting = Input.objects.filter(process=process, moderation_state=ModerationState.PENDING)
    log(f"Demo moderation: {screened} screened, {waiting.count()} waiting in the queue.")
