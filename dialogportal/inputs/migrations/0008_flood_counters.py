"""The flood-limit counters get a table of their own, counted in the submission's transaction
(docs/decisions/0011-flood-counters-in-the-submission-transaction.md). On PostgreSQL it is
UNLOGGED, and so is the "limits" cache table when it is the database cache (DRF's throttles):
counters of a window need no durability, and a write to an unlogged table alone does not wait
for a WAL flush. A crash empties them, which only restarts the windows."""

from django.conf import settings
from django.db import migrations, models


def unlogged(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    tables = ["inputs_floodcounter"]
    limits = settings.CACHES.get("limits", {})
    if limits.get("BACKEND") == "django.core.cache.backends.db.DatabaseCache":
        tables.append(limits["LOCATION"])
    existing = set(connection.introspection.table_names())
    for table in tables:
        if table in existing:
            schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(table)} SET UNLOGGED")


def logged(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    limits = settings.CACHES.get("limits", {})
    if limits.get("BACKEND") == "django.core.cache.backends.db.DatabaseCache":
        table = limits["LOCATION"]
        if table in connection.introspection.table_names():
            schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(table)} SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [("inputs", "0007_public_version_in_core")]

    operations = [
        migrations.CreateModel(
            name="FloodCounter",
            fields=[
                ("key", models.CharField(max_length=255, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField()),
                ("expires_at", models.DateTimeField(db_index=True)),
            ],
            options={
                "verbose_name": "tæller for indsendelsesgrænse",
                "verbose_name_plural": "tællere for indsendelsesgrænser",
            },
        ),
        migrations.RunPython(unlogged, logged),
    ]
