"""PostgreSQL: the public-version triggers become deferred constraint triggers.

Bumping the counter row at the moment of each write held its lock from the first write to the
commit; two transactions updating several published inputs in different orders could then
deadlock over the counter and an input row. Deferred, the bump runs at commit, after every row
lock the transaction takes, so the counter is always the last lock and cannot close a cycle.
It still commits atomically with the write, so the cache rule (read the version before the
data) holds. SQLite has one writer at a time and keeps its plain triggers."""

from django.db import migrations

_TRIGGERS = {
    "inputs_public_input_insert": (
        "AFTER INSERT ON inputs_input",
        "NEW.moderation_state = 'published'",
    ),
    "inputs_public_input_update": (
        "AFTER UPDATE ON inputs_input",
        "(OLD.moderation_state = 'published' OR NEW.moderation_state = 'published') "
        "AND OLD.* IS DISTINCT FROM NEW.*",
    ),
    "inputs_public_input_delete": (
        "AFTER DELETE ON inputs_input",
        "OLD.moderation_state = 'published'",
    ),
    "inputs_public_attachment_insert": ("AFTER INSERT ON inputs_attachment", "NEW.is_public"),
    "inputs_public_attachment_update": (
        "AFTER UPDATE ON inputs_attachment",
        "(OLD.is_public OR NEW.is_public) AND OLD.* IS DISTINCT FROM NEW.*",
    ),
    "inputs_public_attachment_delete": ("AFTER DELETE ON inputs_attachment", "OLD.is_public"),
    "inputs_public_process_change": ("AFTER UPDATE OR DELETE ON processes_process", ""),
    "inputs_public_area_change": ("AFTER UPDATE OR DELETE ON processes_focusarea", ""),
}


def _table(event: str) -> str:
    return event.rsplit(" ", 1)[-1]


def _create(*, deferred: bool) -> str:
    statements = []
    for name, (event, when) in _TRIGGERS.items():
        kind = "CONSTRAINT TRIGGER" if deferred else "TRIGGER"
        timing = " DEFERRABLE INITIALLY DEFERRED" if deferred else ""
        condition = f" WHEN ({when})" if when else ""
        statements.append(
            f"DROP TRIGGER IF EXISTS {name} ON {_table(event)};"
            f"CREATE {kind} {name} {event}{timing} FOR EACH ROW{condition} "
            "EXECUTE FUNCTION inputs_bump_public_version();"
        )
    return "\n".join(statements)


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_create(deferred=True))


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_create(deferred=False))


class Migration(migrations.Migration):
    dependencies = [("inputs", "0004_public_version")]

    operations = [migrations.RunPython(forward, backward)]
