"""Every model field that can hold personal data is covered by an app's handler (named in its
COVERED_FIELDS) or declared not personal in `privacy.handlers.NOT_PERSONAL_DATA`, with a reason.
A new text, e-mail, IP, JSON, file or binary field anywhere fails here until someone decides."""

from django.apps import apps
from django.db import models

from dialogportal.privacy.handlers import HANDLERS, NOT_PERSONAL_DATA, covered_fields

CAN_HOLD_PERSONAL_DATA = (
    models.CharField,  # incl. EmailField, SlugField
    models.TextField,
    models.GenericIPAddressField,
    models.JSONField,
    models.FileField,
    models.BinaryField,
)


def _fields() -> set[str]:
    found = set()
    for model in apps.get_models():
        if not model.__module__.startswith("dialogportal."):
            continue
        for field in model._meta.concrete_fields:
            # A field with choices holds one of a fixed list of codes, never free text.
            if isinstance(field, CAN_HOLD_PERSONAL_DATA) and not field.choices:
                found.add(f"{model._meta.label}.{field.name}")
    return found


def _exempt(name: str) -> bool:
    app_label, model, _field = name.split(".")
    return (
        name in NOT_PERSONAL_DATA
        or f"{app_label}.*" in NOT_PERSONAL_DATA
        or f"{app_label}.{model}.*" in NOT_PERSONAL_DATA
    )


def test_every_field_that_can_hold_personal_data_is_covered_or_declared_not_personal() -> None:
    covered = covered_fields()
    undecided = sorted(name for name in _fields() if name not in covered and not _exempt(name))
    assert undecided == [], (
        "Cover these in the app's personal_data.COVERED_FIELDS (and its handler), or add them "
        "to privacy.handlers.NOT_PERSONAL_DATA with the reason they hold no personal data."
    )


def test_every_covered_field_exists_and_is_not_also_declared_not_personal() -> None:
    fields = _fields()
    for name in covered_fields():
        assert name in fields, f"{name} is covered but is no such field"
        assert not _exempt(name), f"{name} is both covered and declared not personal"


def test_each_handler_is_named_once_and_covers_only_its_own_app() -> None:
    names = [name for name, _handler in HANDLERS]
    assert len(names) == len(set(names))
    for name, handler in HANDLERS:
        assert all(field.startswith(f"{name}.") for field in handler.COVERED_FIELDS), name


def test_the_contributor_and_registrant_fields_are_covered() -> None:
    covered = covered_fields()
    for name in (
        "inputs.Input.email",
        "inputs.Input.phone",
        "inputs.Input.submitted_ip",
        "inputs.Input.text",
        "inputs.Attachment.file",
        "dialogmeetings.Registration.email",
        "dialogmeetings.Registration.name",
        "feedback.NotificationPreference.email",
        "analysis.SummarySentence.sentence",
        "moderation.ScreeningHit.text",
    ):
        assert name in covered, name
