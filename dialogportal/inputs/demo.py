"""About 300 realistic Danish demo inputs for the demo process, from a deterministic generator of
sentence parts written for the demo (no real person's words). Includes near-duplicates and one
small campaign of copies, every channel and contributor type, and all seven focus areas plus
"other". The demo process's inputs are published so the public pages have something to show."""

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dialogportal.accounts.models import User
from dialogportal.core.workdays import previous_meeting_day
from dialogportal.inputs.models import Channel, ContributorType, Input, ModerationState
from dialogportal.inputs.services import CONSENT_TEXT_VERSION, submit_input
from dialogportal.processes.demo import DEMO_PROCESS_SLUG
from dialogportal.processes.models import FocusArea, Process

SEED = 20250603
TOTAL = 300
_TZ = ZoneInfo("Europe/Copenhagen")
FIRST_DAY = date(2025, 6, 3)
LAST_DAY = date(2025, 8, 31)

OPENERS = (
    "Jeg synes,",
    "Som borger i kommunen oplever jeg, at",
    "Vi har i vores afdeling drøftet hvidbogen, og",
    "Efter mødet i forsamlingshuset står det klart for os, at",
    "Min erfaring er, at",
    "Det er vigtigt for mig at sige, at",
    "Jeg har boet her i tyve år, og",
    "Som forening vil vi gerne pege på, at",
    "Set fra vores virksomhed er det tydeligt, at",
    "Tillidsrepræsentanterne er enige om, at",
)

PROPOSALS: dict[str, tuple[str, ...]] = {
    "hoejere-niveau": (
        "sagsbehandlingen skal gå hurtigere, og borgerne skal have én indgang til kommunen",
        "forvaltningerne bør dele data, så man ikke skal fortælle sin historie flere gange",
        "medarbejderne skal have mere tid til kerneopgaven og mindre dokumentation",
        "digitale løsninger kun må indføres, når de virker for de ældre borgere",
        "ledere og medarbejdere skal have fælles mål på tværs af afdelingerne",
    ),
    "udsatte-borgere": (
        "små fleksible job i lokale virksomheder kan være vejen ind for mange ledige",
        "jobcentret skal samarbejde tættere med misbrugsbehandlingen og psykiatrien",
        "udsatte borgere skal have én fast kontaktperson i stedet for mange skiftende",
        "der skal være flere værested med åbent om aftenen og i weekenden",
        "frivillige mentorer kan hjælpe ledige med at holde fast i et job",
    ),
    "erhverv": (
        "kommunen skal gøre det lettere at starte virksomhed med en hurtig erhvervsservice",
        "vi mangler erhvervsgrunde tæt på motorvejen til nye private arbejdspladser",
        "lokale virksomheder skal inddrages, når kommunen køber ind",
        "uddannelserne skal matche de job, virksomhederne i området faktisk har brug for",
        "midtbyen trænger til flere butikker og mindre tomgang i stueetagerne",
    ),
    "boliger": (
        "de slidte boliger i midtbyen skal renoveres, før der bygges nyt i udkanten",
        "der skal bygges flere billige boliger til unge og studerende",
        "boligforeningerne og kommunen bør lave en fælles plan for de udsatte boligområder",
        "ældre skal have mulighed for at flytte i mindre boliger i deres eget lokalområde",
        "byggesagsbehandlingen tager for lang tid og bremser nye boligprojekter",
    ),
    "boern-og-unge": (
        "der skal sættes tidligere ind, når et barn mistrives i skolen",
        "de unge uden uddannelse skal have en voksen, der følger dem hele vejen",
        "fritidsjob og foreningsliv er afgørende for, at unge kommer godt videre",
        "skolerne skal have flere lærere og færre elever i klasserne",
        "familier med problemer skal hjælpes samlet i stedet for af fem forskellige afdelinger",
    ),
    "civilsamfund": (
        "foreningerne skal have lettere adgang til kommunens lokaler",
        "lokalsamfundene skal have en pulje, de selv kan søge til fælles projekter",
        "frivillige skal anerkendes og have en fast kontakt i kommunen",
        "forsamlingshusene kan blive lokale mødesteder for alle generationer",
        "kommunen bør hjælpe med at koordinere de mange frivillige tilbud",
    ),
    "faelles-plan": (
        "planen skal have få klare mål, som alle kan forstå og måle på",
        "politikerne skal følge op på planen hvert år og fortælle, hvad der er nået",
        "samarbejdspartnerne skal være med til at skrive planen fra starten",
        "planen skal hænge sammen med budgettet, ellers bliver den ikke til noget",
        "borgerne skal kunne følge planens fremdrift på hjemmesiden",
    ),
}
OTHER_PROPOSALS = (
    "busserne til landsbyerne kører for sjældent om aftenen",
    "der mangler cykelstier mellem byerne, især til skolerne",
    "kommunens hjemmeside er svær at finde rundt på",
    "vejene i landdistrikterne trænger til at blive vedligeholdt",
)
REASONS = (
    "Det vil gøre en stor forskel i hverdagen.",
    "Ellers mister vi de unge til de større byer.",
    "Det har vi set virke i andre kommuner.",
    "Det koster mindre på lang sigt.",
    "Så får flere lyst til at blive boende.",
    "Det vil give mere tryghed for de mest sårbare.",
    "",
)
CLOSERS = ("Tak fordi I lytter.", "Held og lykke med arbejdet.", "", "", "Mvh.")
TITLES = ("Forslag", "Min idé", "Et ønske", "Vigtigt", "")
NAMES = (
    "Anne Sørensen",
    "Bo Mikkelsen",
    "Camilla Østergaard",
    "Dorthe Holm",
    "Erik Ravn",
    "Fatima Hassan",
    "Gitte Lund",
    "Hans Kjær",
    "Ida Bech",
    "Jens Å. Pedersen",
)
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    ContributorType.BUSINESS: ("Randers Maskinfabrik ApS", "Café Gudenå", "Tømrer Hansen"),
    ContributorType.UNION: ("FOA Randers", "3F Randers", "Danmarks Lærerforening, kreds 133"),
    ContributorType.ASSOCIATION: ("Havndal Borgerforening", "Randers Ungdomsklub", "Ældresagen"),
    ContributorType.EMPLOYEE: ("Hjemmeplejen Nord", "Jobcenter Randers", "Vestervangskolen"),
}
POSTCODES = ("8900", "8920", "8930", "8940", "8950", "8960", "8970", "8981", "8983", "8870", "")
SOURCES: dict[str, tuple[str, ...]] = {
    Channel.MED_COMMITTEE: ("Hoved-MED", "Sektor-MED Sundhed og Omsorg", "Lokal-MED Jobcenter"),
    Channel.DIALOG_MEETING: ("Dialogmøde i Havndal Forsamlingshus", "Dialogmøde i Langå Hallen"),
    Channel.POSTCARD: ("Udstillingsvognen, Rådhustorvet", "Udstillingsvognen, Assentoft"),
    Channel.LETTER: ("Brev til borgmesteren",),
    Channel.EMAIL: ("Mail til hvidbog@randers.invalid",),
    Channel.PHONE: ("Opkald til Borgerservice",),
    Channel.OTHER: ("Facebook-opslag, afskrevet",),
}
# Input said at a meeting is dated the meeting's day (weekdays; the citizens' meetings in the
# evening); a letter or a phone call reaches the town hall on a working day. Web, e-mail,
# postcards from the exhibition wagon and Facebook come any day.
MEETING_DAYS: dict[str, date] = {
    "Hoved-MED": date(2025, 6, 20),
    "Sektor-MED Sundhed og Omsorg": date(2025, 8, 13),
    "Lokal-MED Jobcenter": date(2025, 6, 11),
    "Dialogmøde i Havndal Forsamlingshus": date(2025, 6, 24),
    "Dialogmøde i Langå Hallen": date(2025, 8, 26),
}
OFFICE_CHANNELS = frozenset({Channel.LETTER, Channel.PHONE})
CAMPAIGN_TEXT = (
    "Bevar biblioteksfilialen i Langå! Biblioteket er byens mødested for børn, ældre og "
    "foreninger, og uden det mister vi endnu et fællesskab i landdistriktet."
)
CAMPAIGN_SIZE = 12
NEAR_DUPLICATES = 15


def generate(rng: random.Random, area_slugs: list[str]) -> list[dict[str, object]]:
    """The demo inputs as plain values, the same every time for the same seed."""
    days = (LAST_DAY - FIRST_DAY).days
    channels = list(Channel.values)
    types = list(ContributorType.values)
    rows: list[dict[str, object]] = []
    base_count = TOTAL - CAMPAIGN_SIZE - NEAR_DUPLICATES
    for index in range(base_count):
        area = [*area_slugs, ""][index % (len(area_slugs) + 1)]
        proposal = rng.choice(PROPOSALS.get(area, OTHER_PROPOSALS))
        parts = [rng.choice(OPENERS), proposal + ".", rng.choice(REASONS), rng.choice(CLOSERS)]
        text = " ".join(part for part in parts if part)
        contributor = types[index % len(types)]
        channel = channels[(index * 7 + index // len(types)) % len(channels)]
        has_name = rng.random() < 0.5
        rows.append(
            {
                "area": area,
                "title": rng.choice(TITLES),
                "text": text,
                "contributor_type": contributor,
                "organisation": rng.choice(ORGANISATIONS.get(contributor, ("",))),
                "name": rng.choice(NAMES) if has_name else "",
                "consent_publish_name": has_name and rng.random() < 0.6,
                "postcode": rng.choice(POSTCODES),
                "channel": channel,
                "source": rng.choice(SOURCES.get(channel, ("",))),
                "given_on": FIRST_DAY + timedelta(days=rng.randrange(days)),
            }
        )
    for _copy in range(NEAR_DUPLICATES):
        original = dict(rng.choice(rows[:base_count]))
        text = str(original["text"])
        original["text"] = rng.choice(
            (
                text.replace(".", "!", 1),
                text.lower(),
                text + " Det er virkelig vigtigt.",
                "Enig med mange andre: " + text,
            )
        )
        rows.append(original)
    for copy in range(CAMPAIGN_SIZE):
        rows.append(
            {
                "area": "civilsamfund",
                "title": "Bevar biblioteket",
                "text": CAMPAIGN_TEXT,
                "contributor_type": ContributorType.CITIZEN,
                "organisation": "",
                "name": NAMES[copy % len(NAMES)],
                "consent_publish_name": copy % 2 == 0,
                "postcode": "8870",
                "channel": Channel.WEB if copy < 8 else Channel.POSTCARD,
                "source": "" if copy < 8 else "Udstillingsvognen, Langå",
                "given_on": date(2025, 7, 1) + timedelta(days=copy % 5),
            }
        )
    for row in rows:
        row["given_on"] = _plausible_day(row)
    return rows


def _plausible_day(row: dict[str, object]) -> date:
    given_on = row["given_on"]
    assert isinstance(given_on, date)
    meeting_day = MEETING_DAYS.get(str(row["source"]))
    if meeting_day is not None:
        return meeting_day
    if row["channel"] in OFFICE_CHANNELS:
        return previous_meeting_day(given_on)  # stays inside the input phase
    return given_on


def load(*, log: Callable[[str], None]) -> None:
    process = Process.objects.filter(slug=DEMO_PROCESS_SLUG).first()
    if process is None:
        log("Demo inputs skipped: the demo process is missing.")
        return
    if process.inputs.exists():  # this step is the first to add inputs to the demo process
        log("Demo inputs already present – left unchanged.")
        return
    staff = User.objects.filter(username="sekretaer").first()
    areas: dict[str, FocusArea] = {area.slug: area for area in process.focus_areas.all()}
    rows = generate(random.Random(SEED), list(areas))  # noqa: S311 - demo text, not secrets
    rows.sort(key=lambda row: str(row["given_on"]))  # stored in the order they were given
    created: list[int] = []
    for number, row in enumerate(rows, start=1):
        given_on = row["given_on"]
        assert isinstance(given_on, date)
        is_web = row["channel"] == Channel.WEB
        obj = submit_input(
            process=process,
            focus_area=areas.get(str(row["area"])),
            title=str(row["title"]),
            text=str(row["text"]),
            contributor_type=str(row["contributor_type"]),
            organisation=str(row["organisation"]),
            name=str(row["name"]),
            postcode=str(row["postcode"]),
            consent_publish_name=bool(row["consent_publish_name"]),
            consent_text_version=CONSENT_TEXT_VERSION if is_web else "",
            channel=str(row["channel"]),
            source=str(row["source"]),
            given_on=given_on,
            phase_at=datetime.combine(given_on, time(12), tzinfo=_TZ),
            idempotency_key=f"demo:{number}",
            acting_user=None if is_web or staff is None else staff,
        )
        created.append(obj.pk)
    # Moderation is another step; the demo shows its inputs as already published.
    published = Input.objects.filter(pk__in=created).update(
        moderation_state=ModerationState.PUBLISHED
    )
    log(f"Demo inputs: {published} created and published in '{process.title}'.")
