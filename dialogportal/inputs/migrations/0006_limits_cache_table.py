"""The table of the "limits" cache (flood limits, API throttles) when it is the database cache,
the default: Django's `createcachetable`, run with the migrations so no deploy step is missed.
It does nothing for a cache that is not in the database (Redis, the tests' local memory)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("inputs", "0005_public_version_deferred")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
