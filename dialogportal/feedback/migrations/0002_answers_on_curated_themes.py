"""Answers and outcomes given to a run's machine theme now belong to its curated theme, which
outlives runs (see analysis 0004)."""

from importlib import import_module
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

_analysis = import_module("dialogportal.analysis.migrations.0004_curated_from_latest_runs")


def to_curated(apps: Any, schema_editor: Any) -> None:
    Theme = apps.get_model("analysis", "Theme")
    for model_name in ("Answer", "Outcome"):
        model = apps.get_model("feedback", model_name)
        for row in model.objects.filter(theme__isnull=False).order_by("pk"):
            theme = Theme.objects.select_related("run").get(pk=row.theme_id)
            row.curated_theme_id = _analysis.curated_for_theme(apps, theme).pk
            row.save(update_fields=["curated_theme"])


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0004_curated_from_latest_runs"),
        ("feedback", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="curated_theme",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="analysis.curatedtheme",
            ),
        ),
        migrations.AddField(
            model_name="outcome",
            name="curated_theme",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="analysis.curatedtheme",
            ),
        ),
        migrations.RunPython(to_curated, migrations.RunPython.noop),
        migrations.RemoveField(model_name="answer", name="theme"),
        migrations.RemoveField(model_name="outcome", name="theme"),
        migrations.RenameField(model_name="answer", old_name="curated_theme", new_name="theme"),
        migrations.RenameField(model_name="outcome", old_name="curated_theme", new_name="theme"),
    ]
