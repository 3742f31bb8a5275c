"""`RetentionRun` moves here from moderation (same table, `moderation_retentionrun`), and counts
the dialog-meeting registrations retention anonymises."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("moderation", "0002_access_log_and_retention_move"),
        ("processes", "0002_process_personal_data_removed_on_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RetentionRun",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("started_at", models.DateTimeField(verbose_name="startet")),
                        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="færdig")),
                        ("as_of", models.DateField(verbose_name="dato")),
                        ("inputs_anonymised", models.PositiveIntegerField(default=0, verbose_name="input anonymiseret")),
                        ("attachments_deleted", models.PositiveIntegerField(default=0, verbose_name="bilag slettet")),
                        ("files_deleted", models.PositiveIntegerField(default=0, verbose_name="filer slettet")),
                        ("hits_removed", models.PositiveIntegerField(default=0, verbose_name="fund redigeret ud af teksten")),
                        ("originals_removed", models.PositiveIntegerField(default=0, verbose_name="oprindelige tekster slettet")),
                        ("details", models.JSONField(blank=True, default=list, verbose_name="detaljer")),
                        ("processes", models.ManyToManyField(blank=True, related_name="+", to="processes.process")),
                    ],
                    options={
                        "db_table": "moderation_retentionrun",
                        "verbose_name": "sletningskørsel",
                        "verbose_name_plural": "sletningskørsler",
                        "ordering": ["-started_at", "-id"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="retentionrun",
            name="registrations_anonymised",
            field=models.PositiveIntegerField(default=0, verbose_name="tilmeldinger anonymiseret"),
        ),
    ]
