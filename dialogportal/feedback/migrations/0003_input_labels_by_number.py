"""Answers and outcomes on one input name it by number instead of quoting its text: a quote
would keep what moderation redacts later (personal data)."""

from django.db import migrations


def label_by_number(apps, schema_editor):
    for name in ("Answer", "Outcome"):
        model = apps.get_model("feedback", name)
        for row in model.objects.filter(input__isnull=False).only("pk", "input_id").iterator():
            model.objects.filter(pk=row.pk).update(target_label=f"Input nr. {row.input_id}")


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_answers_on_curated_themes")]

    operations = [migrations.RunPython(label_by_number, migrations.RunPython.noop)]
