"""The retention task, run on a frozen clock past a process's date, leaves no personal data of
that process in the database or on disk, keeps the text and the statistics, and logs it."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.db import models
from django.utils import timezone

from dialogportal.accounts.models import Role
from dialogportal.inputs.models import Attachment, Input, ModerationState
from dialogportal.moderation.execution import screen_input_now
from dialogportal.moderation.models import ReportReason
from dialogportal.moderation.services import (
    publish_input,
    publish_input_redacted,
    reject_input,
    report_input,
)
from dialogportal.privacy.models import RetentionRun
from dialogportal.privacy.retention import apply_retention
from dialogportal.privacy.tasks import apply_retention_daily
from dialogportal.processes.models import Process
from tests.moderation import builders

NAME, EMAIL, PHONE_FIELD, IP = "Karen Blixen", "karen@example.dk", "86 42 00 00", "192.0.2.7"
CPR, PHONE = "010190-1234", "20 30 40 50"
PERSONAL = (NAME, EMAIL, PHONE_FIELD, IP, CPR, "0101901234", PHONE, "20304050")
OTHER_EMAIL = "bevares@example.dk"


def _text_fields(model: type[models.Model]) -> list[str]:
    kinds = (models.CharField, models.TextField, models.JSONField, models.GenericIPAddressField)
    return [f.name for f in model._meta.concrete_fields if isinstance(f, kinds)]


def _rows_mentioning(value: str) -> list[str]:
    """Every row of every table (all apps) with `value` in a text column."""
    found = []
    for model in apps.get_models():
        for name in _text_fields(model):
            lookup = {f"{name}__icontains": value}
            if model._default_manager.filter(**lookup).exists():
                found.append(f"{model._meta.label}.{name}")
    return found


def _files_under(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def _populate() -> tuple[Process, Input, Attachment, Attachment]:
    moderator = builders.staff("moderator", Role.MODERATOR)
    due = builders.process(slug="udloebet")
    due.personal_data_removed_on = timezone.localdate() + timedelta(days=30)
    due.save(update_fields=["personal_data_removed_on"])
    kept = builders.process(slug="igangvaerende")
    kept.personal_data_removed_on = timezone.localdate() + timedelta(days=400)
    kept.save(update_fields=["personal_data_removed_on"])

    text = f"Mit CPR-nummer er {CPR}, ring på {PHONE}. Hilsen {NAME}"
    common: dict[str, Any] = {"name": NAME, "email": EMAIL, "phone": PHONE_FIELD, "ip": IP}
    waiting = builders.submit(
        due,
        text,
        attachments=[("underskrift.pdf", builders.pdf_with_text(f"CPR {CPR}"))],
        **common,
    )
    redacted = builders.submit(due, text, **common)
    public = builders.submit(
        due,
        attachments=[("plan.pdf", builders.pdf_with_text("Offentlig plan"))],
        **common,
    )
    rejected = builders.submit(due, text, **common)
    for item in (waiting, redacted, public, rejected):
        screen_input_now(input_id=item.pk)
    publish_input_redacted(item=redacted, acting_user=moderator)
    publish_input(item=public, acting_user=moderator)
    reject_input(item=rejected, acting_user=moderator, reason="Uden for emnet")
    report_input(item=public, reason=ReportReason.PERSONAL_DATA, comment=f"Ring {PHONE}")
    other = builders.submit(kept, email=OTHER_EMAIL, name="Anden Person", ip="192.0.2.99")
    screen_input_now(input_id=other.pk)
    return due, other, waiting.attachments.get(), public.attachments.get()


@pytest.mark.django_db
def test_retention_past_the_date_leaves_no_personal_data_in_the_database_or_on_disk(
    settings, django_capture_on_commit_callbacks
) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    due, other, private_attachment, public_attachment = _populate()
    private_file = private_attachment.file.name
    public_file = public_attachment.file.name
    assert private_file in _files_under(media_root)
    assert _rows_mentioning(CPR), "the test data really holds personal data before the run"

    with (
        time_machine.travel(timezone.now() + timedelta(days=31), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run = apply_retention()

    for value in PERSONAL:
        assert _rows_mentioning(value) == [], value
    files = _files_under(media_root)
    assert private_file not in files
    assert public_file in files  # a published attachment is public record, it stays
    assert not Attachment.objects.filter(pk=private_attachment.pk).exists()

    inputs = Input.objects.filter(process=due)
    assert inputs.count() == 4  # texts and statistics stay
    assert all(item.is_anonymised for item in inputs)
    assert all("[fjernet]" in item.text for item in inputs if item.text != builders.CLEAN_TEXT)
    assert inputs.get(moderation_state=ModerationState.REJECTED).rejection_reason
    assert set(inputs.values_list("postcode", flat=True)) == {"8900"}  # not configured away

    assert run.inputs_anonymised == 4
    assert run.attachments_deleted == 1
    assert run.files_deleted == 1
    assert run.originals_removed >= 1
    assert list(run.processes.all()) == [due]
    assert run.details[0]["process"] == "udloebet"

    other.refresh_from_db()
    assert other.email == OTHER_EMAIL
    assert not other.is_anonymised


@pytest.mark.django_db
def test_retention_run_again_removes_nothing_more_and_logs_zeros() -> None:
    _populate()
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        apply_retention()
        second = apply_retention()
    assert (second.inputs_anonymised, second.attachments_deleted, second.files_deleted) == (
        0,
        0,
        0,
    )
    assert RetentionRun.objects.count() == 2


@pytest.mark.django_db
def test_retention_does_nothing_before_the_date() -> None:
    _populate()
    with time_machine.travel(timezone.now() + timedelta(days=29), tick=False):
        run = apply_retention()
    assert run.inputs_anonymised == 0
    assert Input.objects.filter(email=EMAIL).count() == 4


@pytest.mark.django_db
def test_exact_postcodes_go_too_when_configured(settings) -> None:
    settings.RETENTION_REMOVES_POSTCODE = True
    _populate()
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        apply_retention()
    assert set(
        Input.objects.filter(process__slug="udloebet").values_list("postcode", flat=True)
    ) == {""}


@pytest.mark.django_db
def test_the_default_date_is_the_configured_months_after_the_last_phase(settings) -> None:
    settings.PERSONAL_DATA_RETENTION_MONTHS = 6
    made = builders.process()
    last_end = timezone.localdate(made.phases.get().ends_at)
    due = made.personal_data_due_on()
    assert due is not None
    assert (due.year * 12 + due.month) - (last_end.year * 12 + last_end.month) == 6


@pytest.mark.django_db(transaction=True)
def test_the_daily_task_runs_through_the_worker_and_logs_the_run() -> None:
    _populate()
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        apply_retention_daily.enqueue()
        builders.run_worker()
    run = RetentionRun.objects.get()
    assert run.inputs_anonymised == 4
    assert run.finished_at is not None
