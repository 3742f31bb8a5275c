"""The staff API of the analysis."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dialogportal.accounts.models import Role
from dialogportal.analysis.execution import run_analysis_now
from dialogportal.analysis.models import AnalysisRun, RunStatus
from dialogportal.inputs.models import Input
from tests.analysis.builders import make_analysable_process, staff

pytestmark = pytest.mark.django_db

RUNS = "/api/v1/staff/processes/analyseby/analysis-runs/"


def test_visitors_and_staff_without_the_permission_are_refused(client: Client) -> None:
    make_analysable_process(with_inputs=False)
    assert client.get(RUNS).status_code in {401, 403}
    assert client.post(RUNS).status_code in {401, 403}
    client.force_login(staff(Role.COMMITTEE_SECRETARY, "secretary"))
    assert client.get(RUNS).status_code == 403
    assert client.post(RUNS).status_code == 403
    assert not AnalysisRun.objects.exists()


def test_staff_start_a_run_with_a_token_and_a_second_start_is_a_conflict(client: Client) -> None:
    make_analysable_process(with_inputs=False)
    token = Token.objects.create(user=staff(Role.PROCESS_MANAGER, "pm"))
    auth = {"Authorization": f"Token {token.key}"}
    created = client.post(RUNS, headers=auth)
    assert created.status_code == 201
    assert created.json()["status"] == "queued"
    conflict = client.post(RUNS, headers=auth)
    assert conflict.status_code == 409
    assert conflict.json()["run"]["id"] == created.json()["id"]
    listed = client.get(RUNS, headers=auth).json()["results"]
    assert [run["id"] for run in listed] == [created.json()["id"]]
    pending = client.get(f"/api/v1/staff/analysis-runs/{created.json()['id']}/", headers=auth)
    assert pending.json()["detail"] == "Kørslen er ikke færdig."
    assert (
        client.get("/api/v1/staff/processes/ukendt/analysis-runs/", headers=auth).status_code == 404
    )
    assert client.get("/api/v1/staff/analysis-runs/999999/", headers=auth).status_code == 404


def test_a_finished_run_gives_areas_themes_and_verifiable_citations(client: Client) -> None:
    process = make_analysable_process()
    run = run_analysis_now(process=process, acting_user=None)
    assert run.status == RunStatus.DONE
    client.force_login(staff(Role.MODERATOR, "m"))
    body = client.get(f"/api/v1/staff/analysis-runs/{run.pk}/").json()
    assert body["engine_version"] == run.engine_version
    assert [area["slug"] for area in body["areas"]] == ["boliger", "erhverv", "boern"]
    texts = dict(Input.objects.values_list("pk", "text"))
    for area in body["areas"]:
        assert area["themes"]
        assert area["summary"]
        cited = area["summary"] + [s for theme in area["themes"] for s in theme["summary"]]
        for sentence in cited:
            assert sentence["sentence"] in texts[sentence["input_id"]]
    assert isinstance(body["duplicates"], list)
    assert isinstance(body["misplaced"], list)


def test_the_openapi_schema_still_builds(client: Client) -> None:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"analysis-runs" in response.content
