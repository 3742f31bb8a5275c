"""One definition of when a process's personal data is due for removal:
`Process.personal_data_due_on` and its QuerySet twin `ProcessQuerySet.personal_data_due(today)`,
tested together (as `Phase.is_open_at` and `PhaseQuerySet.open_at` are). Every app's retention
uses it."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dialogportal.processes.models import PhaseKind, Process
from dialogportal.processes.services import add_phase, create_process

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


def _process(slug: str, *, last_end: datetime | None, own_date: date | None = None) -> Process:
    process = create_process(slug=slug, title=slug, summary="", is_published=True)
    if last_end is not None:
        add_phase(
            process=process,
            kind=PhaseKind.INPUT,
            title="Fase",
            starts_at=last_end - timedelta(days=30),
            ends_at=last_end,
        )
    if own_date is not None:
        process.personal_data_removed_on = own_date
        process.save(update_fields=["personal_data_removed_on"])
    return process


@pytest.mark.parametrize(
    ("last_end", "months", "due"),
    [
        (datetime(2025, 8, 31, 23, 59, tzinfo=CPH), 12, date(2026, 8, 31)),
        (datetime(2025, 1, 31, 12, 0, tzinfo=CPH), 1, date(2025, 2, 28)),  # month end clamps
        (datetime(2024, 1, 31, 12, 0, tzinfo=CPH), 1, date(2024, 2, 29)),  # leap year
        (datetime(2025, 3, 30, 12, 0, tzinfo=CPH), 11, date(2026, 2, 28)),
        # 23:30 UTC on 31 Dec is already 1 Jan in Copenhagen: the local date counts.
        (datetime(2025, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC")), 6, date(2026, 7, 1)),
    ],
)
def test_the_default_date_and_the_queryset_agree_around_it(
    settings, last_end: datetime, months: int, due: date
) -> None:
    settings.PERSONAL_DATA_RETENTION_MONTHS = months
    process = _process("p", last_end=last_end)
    assert process.personal_data_due_on() == due
    for today in (due - timedelta(days=1), due, due + timedelta(days=1)):
        in_queryset = Process.objects.personal_data_due(today).filter(pk=process.pk).exists()
        assert in_queryset == process.is_personal_data_due_on(today) == (today >= due), today


def test_method_and_queryset_agree_on_every_day_of_two_years(settings) -> None:
    settings.PERSONAL_DATA_RETENTION_MONTHS = 1
    ends = [
        datetime(2025, m, d, 12, tzinfo=CPH)
        for m in (1, 2, 3, 12)
        for d in (28, 29, 30, 31)
        if not (m == 2 and d > 28)
    ]
    processes = [_process(f"p{i}", last_end=end) for i, end in enumerate(ends)]
    day = date(2025, 1, 1)
    while day < date(2026, 6, 1):
        due = set(Process.objects.personal_data_due(day).values_list("pk", flat=True))
        assert due == {p.pk for p in processes if p.is_personal_data_due_on(day)}, day
        day += timedelta(days=1)


def test_the_process_own_date_wins_and_no_phases_means_never() -> None:
    own = _process("egen", last_end=datetime(2020, 1, 1, tzinfo=CPH), own_date=date(2030, 1, 1))
    none = _process("ingen", last_end=None)
    assert own.personal_data_due_on() == date(2030, 1, 1)
    assert none.personal_data_due_on() is None
    due = Process.objects.personal_data_due(date(2029, 12, 31))
    assert not due.filter(pk__in=[own.pk, none.pk]).exists()
    assert Process.objects.personal_data_due(date(2030, 1, 1)).filter(pk=own.pk).exists()


def test_registrations_follow_the_same_date_as_inputs(settings) -> None:
    """The bug of issue 16: registrations used only the explicit date (usually empty), so they
    were never anonymised. Now retention asks the one definition for every app."""
    from django.utils import timezone

    from dialogportal.dialogmeetings.services import REGISTRATION_CONSENT_VERSION, register
    from dialogportal.privacy.retention import apply_retention
    from tests.dialogmeetings.builders import make_meeting

    settings.PERSONAL_DATA_RETENTION_MONTHS = 12
    process = _process("moeder", last_end=timezone.now() + timedelta(days=10))
    meeting = make_meeting(process)
    registration = register(
        meeting=meeting,
        name="Åse",
        email="aase@example.dk",
        contributor_type="citizen",
        consent_text_version=REGISTRATION_CONSENT_VERSION,
    )
    due = process.personal_data_due_on()
    assert due is not None
    assert process.personal_data_removed_on is None
    apply_retention(today=due - timedelta(days=1))
    registration.refresh_from_db()
    assert registration.email == "aase@example.dk"
    run = apply_retention(today=due)
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.is_anonymised) == ("", "", True)
    assert run.registrations_anonymised == 1
