"""The staff pages over HTTP: who may see and do what, the progress fragment, the results
pages, and hostile form values."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from dialogportal.accounts.models import Role, User
from dialogportal.analysis.execution import run_analysis_now
from dialogportal.analysis.models import AnalysisRun, AreaLabel, Misplaced, RunStatus
from dialogportal.analysis.services import confirm_area_label, start_analysis_run
from dialogportal.inputs.models import Input
from dialogportal.processes.services import add_focus_area
from tests.analysis.builders import TEXTS, add_input, make_analysable_process, staff

pytestmark = pytest.mark.django_db


def login(client: Client, role: Role, username: str) -> Client:
    client.force_login(staff(role, username))
    return client


@pytest.fixture(scope="module")
def shared_run(django_db_setup: None, django_db_blocker: Any) -> Iterator[AnalysisRun]:
    """One analysed process for the whole module (each test's changes are rolled back): an
    analysis per test would make this folder slow."""
    with django_db_blocker.unblock():
        process = make_analysable_process(slug="delt-by")
        run = run_analysis_now(process=process, acting_user=None)
    assert run.status == RunStatus.DONE, run.error
    yield run
    with django_db_blocker.unblock():
        Input.objects.filter(process=process).delete()
        process.delete()
        User.objects.filter(username="registrator").delete()


@pytest.fixture
def done_run(shared_run: AnalysisRun, db: None) -> AnalysisRun:
    return AnalysisRun.objects.select_related("process").get(pk=shared_run.pk)


def page_urls(run: AnalysisRun) -> list[str]:
    area = run.process.focus_areas.first()
    item = Input.objects.filter(process=run.process).first()
    assert area is not None
    assert item is not None
    return [
        f"/processer/{run.process.slug}/analyse/",
        f"/analyse/{run.pk}/",
        f"/analyse/{run.pk}/fremskridt/",
        f"/analyse/{run.pk}/fokus/{area.pk}/",
        f"/analyse/{run.pk}/input/{item.pk}/",
    ]


def test_visitors_are_sent_to_the_login_page(client: Client, done_run: AnalysisRun) -> None:
    for url in page_urls(done_run):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/konto/" in response["Location"]
    assert client.post(f"/processer/{done_run.process.slug}/analyse/start/").status_code == 302


def test_staff_without_the_analysis_permission_are_refused(
    client: Client, done_run: AnalysisRun
) -> None:
    login(client, Role.COMMITTEE_SECRETARY, "secretary")
    for url in page_urls(done_run):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/processer/{done_run.process.slug}/analyse/start/").status_code == 403
    assert AnalysisRun.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "username"), [(Role.PROCESS_MANAGER, "pm"), (Role.MODERATOR, "m")]
)
def test_process_managers_and_moderators_see_results_and_may_start_a_run(
    client: Client, done_run: AnalysisRun, role: Role, username: str
) -> None:
    login(client, role, username)
    for url in page_urls(done_run):
        assert client.get(url).status_code == 200, url
    assert "Start analyse" in client.get(page_urls(done_run)[0]).text
    response = client.post(f"/processer/{done_run.process.slug}/analyse/start/")
    assert response.status_code == 302
    assert AnalysisRun.objects.filter(status=RunStatus.QUEUED).count() == 1


def test_a_second_click_on_start_shows_the_running_analysis(client: Client) -> None:
    process = make_analysable_process(with_inputs=False)
    login(client, Role.MODERATOR, "m")
    client.post("/processer/analyseby/analyse/start/")
    response = client.post("/processer/analyseby/analyse/start/", follow=True)
    assert "Der kører allerede en analyse" in response.text
    assert AnalysisRun.objects.filter(process=process).count() == 1


def test_starting_needs_a_post(client: Client) -> None:
    make_analysable_process(with_inputs=False)
    login(client, Role.MODERATOR, "m")
    assert client.get("/processer/analyseby/analyse/start/").status_code == 405


def test_only_moderators_confirm_an_inputs_focus_area(
    client: Client, done_run: AnalysisRun
) -> None:
    item = Input.objects.get(text=TEXTS["boliger"][0])
    jobs = done_run.process.focus_areas.get(slug="erhverv")
    url = f"/analyse/{done_run.pk}/input/{item.pk}/placering/"
    login(client, Role.PROCESS_MANAGER, "pm")
    assert "Placér i" not in client.get(f"/analyse/{done_run.pk}/input/{item.pk}/").text
    assert client.post(url, {"focus_area": jobs.pk}).status_code == 403
    assert not AreaLabel.objects.exists()
    login(client, Role.MODERATOR, "m")
    page = client.get(f"/analyse/{done_run.pk}/input/{item.pk}/")
    assert "Placér i »Flere private arbejdspladser«" in page.text
    assert "Bekræft »Boliger i bedre kvalitet«" in page.text  # where the run put it
    response = client.post(url, {"focus_area": jobs.pk}, follow=True)
    assert "Næste analyse bruger placeringen" in response.text
    label = AreaLabel.objects.get()
    assert (label.input_id, label.focus_area_id) == (item.pk, jobs.pk)
    assert label.confirmed_by is not None
    page = client.get(f"/analyse/{done_run.pk}/input/{item.pk}/")
    assert "Bekræftet: Flere private arbejdspladser" in page.text
    assert "Tilføj også »Udsatte børn og unge«" in page.text
    children = done_run.process.focus_areas.get(slug="boern")
    client.post(url, {"focus_area": children.pk, "keep_others": "on"})
    assert set(AreaLabel.objects.values_list("focus_area_id", flat=True)) == {jobs.pk, children.pk}


def test_a_correction_replaces_the_earlier_confirmation(done_run: AnalysisRun) -> None:
    item = Input.objects.get(text=TEXTS["boliger"][0])
    housing = done_run.process.focus_areas.get(slug="boliger")
    jobs = done_run.process.focus_areas.get(slug="erhverv")
    confirm_area_label(item=item, focus_area=housing, acting_user=None)
    confirm_area_label(item=item, focus_area=jobs, acting_user=None)
    assert list(AreaLabel.objects.values_list("focus_area_id", flat=True)) == [jobs.pk]
    confirm_area_label(item=item, focus_area=housing, acting_user=None, keep_others=True)
    assert AreaLabel.objects.count() == 2


def test_bad_focus_area_values_give_a_danish_message_and_change_nothing(
    client: Client, done_run: AnalysisRun
) -> None:
    item = Input.objects.filter(process=done_run.process).first()
    assert item is not None
    login(client, Role.MODERATOR, "m")
    for value in ("", "abc", "<script>alert(1)</script>", "1 OR 1=1", "999999", "æøå", "\x00"):
        response = client.post(
            f"/analyse/{done_run.pk}/input/{item.pk}/placering/",
            {"focus_area": value},
            follow=True,
        )
        assert response.status_code == 200, value
        assert "fokusområde" in response.text.lower(), value
        assert 'class="alert alert-error"' in response.text, value
        assert "<script>alert" not in response.text
    assert not AreaLabel.objects.exists()


def test_an_area_of_another_process_cannot_be_confirmed(
    client: Client, done_run: AnalysisRun
) -> None:
    other = make_analysable_process(slug="andenby", with_inputs=False)
    item = Input.objects.filter(process=done_run.process).first()
    assert item is not None
    login(client, Role.MODERATOR, "m")
    foreign = other.focus_areas.first()
    assert foreign is not None
    client.post(f"/analyse/{done_run.pk}/input/{item.pk}/placering/", {"focus_area": foreign.pk})
    assert not AreaLabel.objects.exists()


def test_confirming_never_redirects_to_another_site(client: Client, done_run: AnalysisRun) -> None:
    item = Input.objects.filter(process=done_run.process).first()
    area = done_run.process.focus_areas.first()
    assert item is not None
    assert area is not None
    login(client, Role.MODERATOR, "m")
    response = client.post(
        f"/analyse/{done_run.pk}/input/{item.pk}/placering/",
        {"focus_area": area.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/analyse/{done_run.pk}/input/{item.pk}/"


def test_unknown_runs_areas_and_inputs_of_other_processes_are_not_found(
    client: Client, done_run: AnalysisRun
) -> None:
    other = make_analysable_process(slug="andenby", with_inputs=False)
    foreign_area = other.focus_areas.first()
    assert foreign_area is not None
    foreign_input = add_input(
        process=other,
        focus_area=foreign_area,
        text="Et input i en anden proces.",
        acting_user=staff(Role.PROCESS_MANAGER, "pm"),
    )
    login(client, Role.MODERATOR, "m")
    for url in (
        "/analyse/999999/",
        "/analyse/999999/fremskridt/",
        f"/analyse/{done_run.pk}/fokus/{foreign_area.pk}/",
        f"/analyse/{done_run.pk}/input/{foreign_input.pk}/",
        "/processer/ukendt/analyse/",
    ):
        assert client.get(url).status_code == 404, url


def test_progress_fragment_of_a_queued_run_keeps_polling(client: Client) -> None:
    process = make_analysable_process(with_inputs=False)
    run = start_analysis_run(process=process, acting_user=None)
    login(client, Role.MODERATOR, "m")
    page = client.get(f"/analyse/{run.pk}/")
    assert f'hx-get="/analyse/{run.pk}/fremskridt/?seen=0-"' in page.text
    assert 'hx-trigger="every 1s"' in page.text
    assert 'aria-live="polite"' in page.text
    url = f"/analyse/{run.pk}/fremskridt/"
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert '<progress id="run-progress-' in fragment.text
    assert 'max="100" value="0"' in fragment.text
    assert "0 % færdig" in fragment.text
    assert "<html" not in fragment.text
    unchanged = client.get(url + "?seen=0-", headers={"HX-Request": "true"})
    assert unchanged.status_code == 204
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, progress=42, step="features"
    )
    moved = client.get(url + "?seen=0-", headers={"HX-Request": "true"})
    assert moved.status_code == 200
    assert "42 % færdig" in moved.text
    assert "Læser teksterne" in moved.text
    assert 'hx-get="/analyse/' in moved.text
    assert "?seen=42-features" in moved.text


def test_progress_of_a_failed_run_stops_polling_and_shows_the_error(client: Client) -> None:
    process = make_analysable_process(with_inputs=False)
    run = start_analysis_run(process=process, acting_user=None)
    AnalysisRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="Noget gik galt")
    login(client, Role.MODERATOR, "m")
    fragment = client.get(f"/analyse/{run.pk}/fremskridt/", headers={"HX-Request": "true"})
    assert fragment.status_code == 286
    assert "HX-Refresh" not in fragment
    assert "Noget gik galt" in fragment.text
    assert "hx-get" not in client.get(f"/analyse/{run.pk}/").text
    assert "hx-get" not in fragment.text


def test_pages_have_no_inline_script_or_style(client: Client, done_run: AnalysisRun) -> None:
    login(client, Role.MODERATOR, "m")
    for url in page_urls(done_run):
        text = client.get(url).text
        assert "<script>" not in text, url
        assert " style=" not in text, url
        assert "<style" not in text, url


def test_misplaced_inputs_get_move_and_confirm_buttons(client: Client) -> None:
    process = make_analysable_process()
    user = staff(Role.MODERATOR, "m")
    children = process.focus_areas.get(slug="boern")
    item = add_input(
        process=process,
        focus_area=children,
        text="Boligerne i midtbyen er slidte, og lejlighederne skal renoveres. Huslejen stiger.",
        acting_user=user,
    )
    run = run_analysis_now(process=process, acting_user=user)
    misplaced = Misplaced.objects.get(run=run, input=item)
    assert misplaced.suggested_area.slug == "boliger"
    client.force_login(user)
    page = client.get(f"/analyse/{run.pk}/fokus/{children.pk}/")
    assert "Flyt til »Boliger i bedre kvalitet«" in page.text
    assert "Bekræft »Udsatte børn og unge«" in page.text
    housing = process.focus_areas.get(slug="boliger")
    client.post(
        f"/analyse/{run.pk}/input/{item.pk}/placering/",
        {"focus_area": housing.pk, "next": f"/analyse/{run.pk}/fokus/{children.pk}/"},
    )
    page = client.get(f"/analyse/{run.pk}/fokus/{children.pk}/")
    assert "Bekræftet: Boliger i bedre kvalitet" in page.text
    assert "Flyt til »Boliger i bedre kvalitet«" not in page.text


def test_english_pages_live_under_en(client: Client, done_run: AnalysisRun) -> None:
    login(client, Role.MODERATOR, "m")
    response = client.get(f"/en/analyse/{done_run.pk}/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text


def test_administrators_see_runs_and_labels_read_only_in_the_admin(
    client: Client, done_run: AnalysisRun
) -> None:
    login(client, Role.ADMINISTRATOR, "admin")
    assert client.get("/admin/analysis/analysisrun/").status_code == 200
    assert client.get(f"/admin/analysis/analysisrun/{done_run.pk}/change/").status_code == 200
    assert client.get("/admin/analysis/arealabel/").status_code == 200
    assert client.get("/admin/analysis/analysisrun/add/").status_code == 403


def test_the_run_page_says_which_focus_areas_the_lexicon_covers_nothing_of(
    client: Client,
) -> None:
    process = make_analysable_process(slug="kirkegaarde")
    graves = add_focus_area(
        process=process,
        slug="kirkegaarde",
        title="Kirkegårde",
        description="Gravsteder, kapeller og urnehaver.",
        order=9,
    )
    user = staff(Role.PROCESS_MANAGER, "registrator")
    for text in ("Flere urnehaver og pæne gravsteder.", "Kapellet trænger til maling."):
        add_input(process=process, focus_area=graves, text=text, acting_user=user)
    run = run_analysis_now(process=process, acting_user=None)
    assert run.lexicon_uncovered == [graves.pk]
    login(client, Role.PROCESS_MANAGER, "leder")
    page = client.get(f"/analyse/{run.pk}/").content.decode()
    assert page.count("Begrebsleksikonet dækker intet af området") == 1
    area_page = client.get(f"/analyse/{run.pk}/fokus/{graves.pk}/").content.decode()
    assert "kender ingen ord fra dette fokusområdes" in area_page
    covered = process.focus_areas.get(slug="boliger")
    other_page = client.get(f"/analyse/{run.pk}/fokus/{covered.pk}/").content.decode()
    assert "kender ingen ord fra dette fokusområdes" not in other_page
