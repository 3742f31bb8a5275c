"""One analysis of the demo process, run here and now (no worker needed), so the staff pages
show results as soon as the demo starts; then the demo's process manager publishes the three
largest themes of each focus area (the rest stay drafts, to curate in the demo). Runs only
while the process has no finished run, so loading the demo again changes nothing."""

import time
from collections.abc import Callable

from django.db.models import Count

from dialogportal.accounts.models import User
from dialogportal.analysis.execution import run_analysis_now
from dialogportal.analysis.models import AnalysisRun, CuratedTheme
from dialogportal.analysis.queries.inputs import analysed_inputs
from dialogportal.analysis.services import AnalysisAlreadyRunningError, mark_ready
from dialogportal.processes.demo import DEMO_PROCESS_SLUG
from dialogportal.processes.models import Process

DEMO_ANALYST = "moderator"  # an account from accounts.demo
DEMO_CURATOR = "proces"
PUBLISHED_PER_AREA = 3


def load(*, log: Callable[[str], None]) -> None:
    process = Process.objects.filter(slug=DEMO_PROCESS_SLUG).first()
    if process is None:
        return
    if AnalysisRun.objects.filter(process=process).done().exists():
        return
    if not analysed_inputs(process).exists():
        log("Analysis: the demo process has no inputs yet; no analysis run.")
        return
    clock = time.perf_counter()
    try:
        # Without the language model: the demo loader runs before the server and the worker
        # start, and must not load a model in a process that could fork; the worker embeds
        # the demo inputs afterwards (scheduled task), and the next run uses the vectors.
        run = run_analysis_now(
            process=process,
            acting_user=User.objects.filter(username=DEMO_ANALYST).first(),
            lexical_only=True,
        )
    except AnalysisAlreadyRunningError:
        log("Analysis: a run of the demo process is queued already; the worker will do it.")
        return
    seconds = time.perf_counter() - clock
    log(
        f"Analysis: run {run.pk} of the demo process {run.status} "
        f"({run.input_count} inputs, {seconds:.1f} s)."
    )
    curator = User.objects.filter(username=DEMO_CURATOR).first()
    published = 0
    for area in process.focus_areas.all():
        themes = (
            CuratedTheme.objects.filter(process=process, focus_area=area)
            .current()
            .annotate(n=Count("members"))
            .filter(n__gt=0)
            .order_by("-n", "pk")
        )
        for theme in themes[:PUBLISHED_PER_AREA]:
            mark_ready(theme=theme, acting_user=curator)
            published += 1
    log(f"Analysis: {published} themes of the demo process published.")
