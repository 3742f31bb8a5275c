"""The public version is now `core.PublicVersion`, bumped by triggers that core installs on
every table after each migrate (the input and attachment conditions are kept there). This
removes the inputs app's own counter and triggers, carrying its count over so the version never
goes back."""

import importlib

from django.db import migrations

PG_TRIGGERS = {
    "inputs_public_input_insert": "inputs_input",
    "inputs_public_input_update": "inputs_input",
    "inputs_public_input_delete": "inputs_input",
    "inputs_public_attachment_insert": "inputs_attachment",
    "inputs_public_attachment_update": "inputs_attachment",
    "inputs_public_attachment_delete": "inputs_attachment",
    "inputs_public_process_change": "processes_process",
    "inputs_public_area_change": "processes_focusarea",
}
SQLITE_TRIGGERS = (
    "inputs_public_input_insert",
    "inputs_public_input_update",
    "inputs_public_input_delete",
    "inputs_public_attachment_insert",
    "inputs_public_attachment_update",
    "inputs_public_attachment_delete",
    "inputs_public_process_update",
    "inputs_public_process_delete",
    "inputs_public_area_update",
    "inputs_public_area_delete",
)


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    alias = schema_editor.connection.alias
    old = apps.get_model("inputs", "PublicVersion").objects.using(alias).filter(pk=1).first()
    new, _created = apps.get_model("core", "PublicVersion").objects.using(alias).get_or_create(
        pk=1
    )
    if old is not None and new.n <= old.n:
        new.n = old.n + 1
        new.save(update_fields=["n"])
    if schema_editor.connection.vendor == "postgresql":
        for name, table in PG_TRIGGERS.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS inputs_bump_public_version()")
    elif schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    first = importlib.import_module("dialogportal.inputs.migrations.0004_public_version")
    deferred = importlib.import_module("dialogportal.inputs.migrations.0005_public_version_deferred")
    first.create_triggers(apps, schema_editor)
    deferred.forward(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("inputs", "0006_limits_cache_table"),
        ("core", "0003_public_version"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="PublicVersion"),
    ]
