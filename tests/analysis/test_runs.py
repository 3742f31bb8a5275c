"""Analysis runs end to end: through the real worker, stored with the engine version,
reproducible, learning from a moderator's correction, and robust to odd processes."""

import pytest
from django.core.management import call_command
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.analysis.execution import execute_analysis_run, run_analysis_now
from dialogportal.analysis.models import (
    AnalysisRun,
    AreaAssignment,
    RunStatus,
    SummarySentence,
    Theme,
    ThemeMembership,
)
from dialogportal.analysis.queries import changes_since_previous
from dialogportal.analysis.services import AnalysisAlreadyRunningError, start_analysis_run
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.processes.services import create_process
from dialogportal.textanalysis.engine import ENGINE_VERSION
from tests.analysis.builders import TEXTS, add_input, make_analysable_process, staff


def run_worker() -> None:
    call_command("run_worker", "--batch", "--interval", "0")


def top_area(run: AnalysisRun, item: Input) -> int:
    return AreaAssignment.objects.get(run=run, input=item, is_top=True).focus_area_id


def themes_of(run: AnalysisRun) -> list[tuple[int, str, tuple[str, ...], list[int]]]:
    return [
        (
            theme.focus_area_id,
            theme.label,
            tuple(theme.keywords),
            list(
                ThemeMembership.objects.filter(theme=theme)
                .order_by("order")
                .values_list("input_id", flat=True)
            ),
        )
        for theme in Theme.objects.filter(run=run).order_by("focus_area_id", "is_other", "order")
    ]


def assignments_of(run: AnalysisRun) -> list[tuple[int, int, float, bool]]:
    return list(
        AreaAssignment.objects.filter(run=run)
        .order_by("input_id", "focus_area_id")
        .values_list("input_id", "focus_area_id", "score", "is_top")
    )


@pytest.mark.django_db(transaction=True)
def test_staff_start_a_run_follow_its_progress_and_a_correction_moves_the_input() -> None:
    """The acceptance of issue 5, over HTTP and through the worker."""
    process = make_analysable_process()
    client = Client()
    client.force_login(staff(Role.MODERATOR, "moderator"))

    response = client.post("/processer/analyseby/analyse/start/", follow=True)
    assert response.status_code == 200
    run = AnalysisRun.objects.get()
    assert "<progress" in response.text
    assert 'hx-trigger="every 1s"' in response.text
    run_worker()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.progress == 100
    assert run.engine_version == ENGINE_VERSION
    assert run.backend == "lexical"
    assert run.parameters["seed"] == 42
    assert run.input_count == 18
    assert run.started_at is not None
    assert run.finished_at is not None
    assert AreaAssignment.objects.filter(run=run, is_top=True).count() == 18
    fragment = client.get(f"/analyse/{run.pk}/fremskridt/", headers={"HX-Request": "true"})
    assert fragment.status_code == 286  # htmx stops polling
    assert fragment["HX-Refresh"] == "true"
    assert 'value="100"' in fragment.text
    assert "100 % færdig" in fragment.text

    for area in process.focus_areas.all():
        page = client.get(f"/analyse/{run.pk}/fokus/{area.pk}/")
        assert page.status_code == 200
        assert 'class="analysis-theme"' in page.text
        assert 'class="analysis-quote"' in page.text
        assert 'class="analysis-cite"' in page.text

    housing = process.focus_areas.get(slug="boliger")
    jobs = process.focus_areas.get(slug="erhverv")
    item = Input.objects.get(text=TEXTS["boliger"][0])
    assert top_area(run, item) == housing.pk
    response = client.post(
        f"/analyse/{run.pk}/input/{item.pk}/placering/",
        {"focus_area": jobs.pk, "next": f"/analyse/{run.pk}/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/analyse/{run.pk}/"

    client.post("/processer/analyseby/analyse/start/")
    run_worker()
    second = AnalysisRun.objects.order_by("-pk").first()
    assert second is not None
    assert second.pk != run.pk
    assert second.status == RunStatus.DONE, second.error
    assert top_area(second, item) == jobs.pk
    assert AreaAssignment.objects.get(run=second, input=item, is_top=True).is_confirmed
    assert top_area(run, item) == housing.pk  # the older run is kept as it was
    overview = client.get(f"/analyse/{second.pk}/").text
    assert f"Flyttet siden kørsel {run.pk}" in overview
    assert f'href="/analyse/{second.pk}/input/{item.pk}/"' in overview
    page = client.get(f"/analyse/{second.pk}/input/{item.pk}/")
    assert f"{jobs.title} – score 1,00 (bedst) (bekræftet)" in page.text


@pytest.mark.django_db
def test_two_runs_give_the_same_assignments_themes_and_summaries() -> None:
    process = make_analysable_process()
    first = run_analysis_now(process=process, acting_user=None)
    second = run_analysis_now(process=process, acting_user=None)
    assert first.status == second.status == RunStatus.DONE
    assert assignments_of(first) == assignments_of(second)
    changes = changes_since_previous(second)
    assert changes is not None
    assert (changes.previous.pk, changes.total) == (first.pk, 0)
    assert changes_since_previous(first) is None
    assert themes_of(first) == themes_of(second)

    def sentences(run: AnalysisRun) -> list[tuple[int, str, int]]:
        return list(
            SummarySentence.objects.filter(run=run)
            .order_by("focus_area_id", "theme__order", "order")
            .values_list("focus_area_id", "sentence", "input_id")
        )

    assert sentences(first) == sentences(second)
    assert sentences(first)


@pytest.mark.django_db
def test_every_stored_summary_sentence_occurs_verbatim_in_the_input_it_cites() -> None:
    process = make_analysable_process()
    run = run_analysis_now(process=process, acting_user=None)
    sentences = SummarySentence.objects.filter(run=run).select_related("input")
    assert sentences
    for sentence in sentences:
        assert sentence.sentence in sentence.input.text


@pytest.mark.django_db
def test_a_second_run_is_not_started_while_one_is_queued() -> None:
    process = make_analysable_process(with_inputs=False)
    start_analysis_run(process=process, acting_user=None)
    with pytest.raises(AnalysisAlreadyRunningError):
        start_analysis_run(process=process, acting_user=None)
    assert AnalysisRun.objects.count() == 1


@pytest.mark.django_db
def test_a_run_whose_worker_died_is_failed_when_a_new_one_is_started() -> None:
    process = make_analysable_process(with_inputs=False)
    lost = start_analysis_run(process=process, acting_user=None)
    AnalysisRun.objects.filter(pk=lost.pk).update(
        status=RunStatus.RUNNING, updated_at=lost.updated_at.replace(year=2020)
    )
    fresh = start_analysis_run(process=process, acting_user=None)
    lost.refresh_from_db()
    assert lost.status == RunStatus.FAILED
    assert fresh.status == RunStatus.QUEUED


@pytest.mark.django_db
def test_running_a_finished_run_again_changes_nothing() -> None:
    process = make_analysable_process()
    run = run_analysis_now(process=process, acting_user=None)
    before = (assignments_of(run), run.finished_at)
    again = execute_analysis_run(run_id=run.pk)
    assert again is not None
    assert (assignments_of(again), again.finished_at) == before
    assert execute_analysis_run(run_id=999_999) is None


@pytest.mark.django_db
def test_a_process_without_inputs_finishes_with_a_clear_note() -> None:
    process = make_analysable_process(with_inputs=False)
    run = run_analysis_now(process=process, acting_user=None)
    assert run.status == RunStatus.DONE
    assert run.input_count == 0
    assert "intet input" in run.warnings[0]


@pytest.mark.django_db
def test_a_process_without_focus_areas_fails_with_a_danish_message() -> None:
    process = create_process(slug="tom", title="Tom proces")
    run = run_analysis_now(process=process, acting_user=None)
    assert run.status == RunStatus.FAILED
    assert "ingen fokusområder" in run.error


@pytest.mark.django_db
def test_a_run_with_parameters_this_version_cannot_read_fails_cleanly() -> None:
    process = make_analysable_process(with_inputs=False)
    run = start_analysis_run(process=process, acting_user=None, in_background=False)
    AnalysisRun.objects.filter(pk=run.pk).update(parameters={"no_such_knob": 1})
    result = execute_analysis_run(run_id=run.pk)
    assert result is not None
    assert result.status == RunStatus.FAILED
    assert "parametre" in result.error


@pytest.mark.django_db
def test_one_input_is_analysed() -> None:
    process = make_analysable_process(with_inputs=False)
    user = staff(Role.PROCESS_MANAGER, "pm")
    item = add_input(
        process=process, focus_area=None, text="Flere job til unge i byen.", acting_user=user
    )
    run = run_analysis_now(process=process, acting_user=user)
    assert run.status == RunStatus.DONE, run.error
    assert AreaAssignment.objects.filter(run=run, input=item, is_top=True).exists()


@pytest.mark.django_db
def test_rejected_inputs_are_left_out_and_hidden_and_pending_ones_are_analysed() -> None:
    process = make_analysable_process()
    user = staff(Role.PROCESS_MANAGER, "pm2")
    area = process.focus_areas.get(slug="boliger")
    rejected = add_input(
        process=process,
        focus_area=area,
        text="Afvist tekst om boliger.",
        acting_user=user,
        state=ModerationState.REJECTED,
    )
    hidden = add_input(
        process=process,
        focus_area=area,
        text="Skjult tekst om slidte boliger.",
        acting_user=user,
        state=ModerationState.HIDDEN,
    )
    pending = add_input(
        process=process,
        focus_area=area,
        text="Afventende tekst om boliger.",
        acting_user=user,
        state=ModerationState.PENDING,
    )
    run = run_analysis_now(process=process, acting_user=user)
    analysed = set(AreaAssignment.objects.filter(run=run).values_list("input_id", flat=True))
    assert rejected.pk not in analysed
    assert hidden.pk in analysed
    assert pending.pk in analysed


@pytest.mark.django_db
def test_a_huge_input_and_html_in_inputs_are_analysed_and_shown_escaped(client: Client) -> None:
    process = make_analysable_process()
    user = staff(Role.MODERATOR, "mod")
    area = process.focus_areas.get(slug="boliger")
    hostile = add_input(
        process=process,
        focus_area=area,
        text="<script>alert('x')</script> Boligerne i midtbyen er slidte & kolde.",
        acting_user=user,
    )
    huge = add_input(process=process, focus_area=area, text="Boliger i byen.", acting_user=user)
    # Imported text can be far longer than the web form allows.
    Input.objects.filter(pk=huge.pk).update(
        text=" ".join(["Renovering af slidte boliger i midtbyen æøå."] * 3000)
    )
    run = run_analysis_now(process=process, acting_user=user)
    assert run.status == RunStatus.DONE, run.error
    client.force_login(user)
    for url in (
        f"/analyse/{run.pk}/fokus/{area.pk}/",
        f"/analyse/{run.pk}/input/{hostile.pk}/",
        f"/analyse/{run.pk}/input/{huge.pk}/",
        f"/analyse/{run.pk}/",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "<script>alert" not in page.text
    assert "&lt;script&gt;" in client.get(f"/analyse/{run.pk}/input/{hostile.pk}/").text


@pytest.mark.django_db
def test_only_published_inputs_may_be_quoted_publicly() -> None:
    process = make_analysable_process()
    run = run_analysis_now(process=process, acting_user=None)
    quoted = SummarySentence.objects.filter(run=run)
    first = quoted.first()
    assert first is not None
    assert quoted.public().count() == quoted.count()
    Input.objects.filter(pk=first.input_id).update(moderation_state=ModerationState.HIDDEN)
    assert first.input_id not in set(quoted.public().values_list("input_id", flat=True))
    members = ThemeMembership.objects.filter(theme__run=run)
    assert not members.public().filter(input_id=first.input_id).exists()
    assert members.filter(input_id=first.input_id).exists()
