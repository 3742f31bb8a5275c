"""Curated themes for what existed before curation: one draft per group of each process's latest
finished run (drafts are not published: staff name them and mark them ready). The feedback and
strategy migrations call `curated_for_theme` to move answers, outcomes and plan links from a
machine theme onto its curated theme."""

from typing import Any

from django.db import migrations
from django.db.models import Count
from django.utils import timezone


def _free_title(CuratedTheme: Any, area_id: int, label: str) -> str:
    base = (label or "Tema").strip()[:190] or "Tema"
    title, number = base, 2
    while CuratedTheme.objects.filter(focus_area_id=area_id, title=title).exclude(
        status="merged"
    ).exists():
        title, number = f"{base} ({number})", number + 1
    return title


def curated_for_theme(apps: Any, theme: Any) -> Any:
    """The curated theme for machine theme `theme`: the one it was matched to; else the current
    curated theme in its area holding most of its inputs; else a new draft with its inputs."""
    CuratedTheme = apps.get_model("analysis", "CuratedTheme")
    Member = apps.get_model("analysis", "CuratedThemeMember")
    Membership = apps.get_model("analysis", "ThemeMembership")
    Event = apps.get_model("analysis", "CurationEvent")
    if theme.curated_id is not None:
        return CuratedTheme.objects.get(pk=theme.curated_id)
    input_ids = list(Membership.objects.filter(theme=theme).values_list("input_id", flat=True))
    best = (
        Member.objects.filter(focus_area_id=theme.focus_area_id, input_id__in=input_ids)
        .exclude(theme__status="merged")
        .values("theme_id")
        .annotate(n=Count("id"))
        .order_by("-n", "theme_id")
        .first()
    )
    if best is not None and best["n"] * 2 >= len(input_ids):
        curated = CuratedTheme.objects.get(pk=best["theme_id"])
    else:
        run = theme.run
        curated = CuratedTheme.objects.create(
            process_id=run.process_id,
            focus_area_id=theme.focus_area_id,
            title=_free_title(CuratedTheme, theme.focus_area_id, theme.label),
            machine_label=theme.label[:300],
            status="draft",
            order=theme.order,
            created_run_id=run.pk,
            last_run_id=run.pk,
        )
        taken = set(
            Member.objects.filter(
                focus_area_id=theme.focus_area_id, input_id__in=input_ids
            ).values_list("input_id", flat=True)
        )
        Member.objects.bulk_create(
            [
                Member(
                    theme=curated,
                    focus_area_id=theme.focus_area_id,
                    input_id=row.input_id,
                    is_representative=row.is_representative,
                    order=row.order,
                )
                for row in Membership.objects.filter(theme=theme).order_by("order")
                if row.input_id not in taken
            ]
        )
        Event.objects.create(
            process_id=run.process_id,
            theme=curated,
            action="created",
            run_id=run.pk,
            after={"title": curated.title},
            at=timezone.now(),
        )
    theme.curated_id = curated.pk
    theme.save(update_fields=["curated"])
    return curated


def from_latest_runs(apps: Any, schema_editor: Any) -> None:
    AnalysisRun = apps.get_model("analysis", "AnalysisRun")
    Theme = apps.get_model("analysis", "Theme")
    process_ids = set(
        AnalysisRun.objects.filter(status="done").values_list("process_id", flat=True)
    )
    for process_id in sorted(process_ids):
        run = (
            AnalysisRun.objects.filter(status="done", process_id=process_id)
            .order_by("-finished_at", "-id")
            .first()
        )
        themes = Theme.objects.filter(run=run, is_other=False).order_by(
            "focus_area_id", "order", "pk"
        )
        for theme in themes:
            curated_for_theme(apps, theme)


class Migration(migrations.Migration):
    dependencies = [("analysis", "0003_curated_themes")]

    operations = [migrations.RunPython(from_latest_runs, migrations.RunPython.noop)]
