"""The public version moves to core (from inputs): one row whose `n` and random `token` change
with every write a public page could show. The triggers are installed after each migrate by
`core.public_version.install_after_migrate`; going back removes them here."""

from django.db import migrations, models

import dialogportal.core.models


def create_row(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("core", "PublicVersion").objects.using(
        schema_editor.connection.alias
    ).get_or_create(pk=1)


def drop_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace ns ON ns.oid = c.relnamespace "
                "WHERE ns.nspname = current_schema() AND starts_with(t.tgname, 'core_pv_')"
            )
            for name, table in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER IF EXISTS {quote(name)} ON {quote(table)}")
            cursor.execute("DROP FUNCTION IF EXISTS core_bump_public_version()")
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND substr(name, 1, 8) = 'core_pv_'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER IF EXISTS {quote(name)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_worker_heartbeat_lease")]

    operations = [
        migrations.CreateModel(
            name="PublicVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("n", models.BigIntegerField(default=0)),
                (
                    "token",
                    models.CharField(
                        default=dialogportal.core.models.new_public_version_token, max_length=32
                    ),
                ),
            ],
            options={"verbose_name": "public version"},
        ),
        migrations.RunPython(create_row, drop_triggers),
    ]
