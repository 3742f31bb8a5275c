"""The access log moves to `accounts.AccessLog` (every app writes it, so it lives below them all)
and the retention log to `privacy.RetentionRun` (same table, state only; see privacy/0001). The
contact-data and data-subject permissions move to `accounts`."""

from django.db import migrations


def copy_access_log(apps, schema_editor):
    old = apps.get_model("moderation", "AccessLog")
    new = apps.get_model("accounts", "AccessLog")
    rows = [
        new(
            user_id=row.user_id,
            username=row.username,
            kind=row.kind,
            object_type="inputs.input" if row.input_id else "",
            object_id=row.input_id,
            subject_digest=row.subject_digest,
            detail=row.detail,
            accessed_at=row.accessed_at,
        )
        for row in old.objects.order_by("pk").iterator()
    ]
    new.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("accounts", "0003_accesslog"),
    ]

    operations = [
        migrations.RunPython(copy_access_log, migrations.RunPython.noop),
        migrations.DeleteModel(name="AccessLog"),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RetentionRun")],
            database_operations=[],
        ),
        migrations.AlterModelOptions(
            name="moderationdecision",
            options={
                "ordering": ["decided_at", "id"],
                "permissions": [
                    (
                        "moderate_input",
                        "Kan moderere input (kø, beslutninger, redigering, historik)",
                    )
                ],
                "verbose_name": "moderationsbeslutning",
                "verbose_name_plural": "moderationsbeslutninger",
            },
        ),
    ]
