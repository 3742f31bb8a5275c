"""Outcomes made when an input or theme was linked to an initiative before feedback's outcomes
carried a link (`link_key`) keep the sentence frozen at linking time ("Indgår i indsatsen »X« …",
even after X was dropped). Give each of them the link it stands for, so it follows the
initiative's state as new ones do. An outcome is matched only when its input or theme is linked
to the initiative and its text is the one the link wrote; staff-written outcomes stay as they
are. Unlinking later leaves the outcome as it is (as for new links)."""

from typing import Any

from django.conf import settings
from django.db import migrations
from django.urls import reverse
from django.utils import translation

OLD_TEXT = "Indgår i indsatsen »{initiative}« i den strategiske plan »{plan}«."


def _link_fields(initiative: Any) -> dict[str, str]:
    plan = initiative.goal.plan
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("strategy:plan", kwargs={"slug": plan.process.slug})
    return {
        "link_key": f"initiative:{initiative.pk}",
        "link_title": initiative.title,
        "link_context": plan.title,
        "link_url": f"{url}#initiative-{initiative.pk}",
        "link_state": initiative.status,
        "link_reason": initiative.status_reason,
    }


def link_old_outcomes(apps: Any, schema_editor: Any) -> None:
    outcome_model = apps.get_model("feedback", "Outcome")
    links = (
        ("InitiativeInput", "input_id"),
        ("InitiativeTheme", "theme_id"),
    )
    for model_name, field in links:
        model = apps.get_model("strategy", model_name)
        for link in model.objects.select_related("initiative__goal__plan__process"):
            initiative = link.initiative
            text = OLD_TEXT.format(initiative=initiative.title, plan=initiative.goal.plan.title)
            outcome_model.objects.filter(
                **{field: getattr(link, field)}, link_key="", text=text
            ).update(**_link_fields(initiative))


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0002_initiatives_on_curated_themes"),
        ("feedback", "0004_outcome_links_to_initiatives"),
    ]

    operations = [migrations.RunPython(link_old_outcomes, migrations.RunPython.noop)]
