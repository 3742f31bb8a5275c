"""An initiative's themes are curated themes (they outlive runs; see analysis 0004). Two links
that now point to the same curated theme become one."""

from importlib import import_module
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

_analysis = import_module("dialogportal.analysis.migrations.0004_curated_from_latest_runs")


def to_curated(apps: Any, schema_editor: Any) -> None:
    Theme = apps.get_model("analysis", "Theme")
    InitiativeTheme = apps.get_model("strategy", "InitiativeTheme")
    seen: set[tuple[int, int]] = set()
    for link in InitiativeTheme.objects.order_by("pk"):
        theme = Theme.objects.select_related("run").get(pk=link.theme_id)
        curated = _analysis.curated_for_theme(apps, theme)
        if (link.initiative_id, curated.pk) in seen:
            link.delete()
            continue
        seen.add((link.initiative_id, curated.pk))
        link.curated_theme_id = curated.pk
        link.save(update_fields=["curated_theme"])


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0004_curated_from_latest_runs"),
        ("strategy", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="initiativetheme", name="initiative_theme_unique"),
        migrations.AddField(
            model_name="initiativetheme",
            name="curated_theme",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="analysis.curatedtheme",
            ),
        ),
        migrations.RunPython(to_curated, migrations.RunPython.noop),
        migrations.RemoveField(model_name="initiativetheme", name="theme"),
        migrations.RenameField(
            model_name="initiativetheme", old_name="curated_theme", new_name="theme"
        ),
        migrations.AlterField(
            model_name="initiativetheme",
            name="theme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="initiative_links",
                to="analysis.curatedtheme",
            ),
        ),
        migrations.AddConstraint(
            model_name="initiativetheme",
            constraint=models.UniqueConstraint(
                fields=("initiative", "theme"), name="initiative_theme_unique"
            ),
        ),
    ]
