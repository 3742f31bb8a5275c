import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.analysis.models import RunStatus
from dialogportal.analysis.services import run_analysis_now
from tests.analysis.builders import make_analysable_process, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client: Client) -> Client:
    client.force_login(staff(Role.MODERATOR, "moderator"))
    return client


def test_run_list_shows_start_button_to_moderators(moderator_client: Client) -> None:
    make_analysable_process()
    response = moderator_client.get("/processer/analyseby/analyse/")
    assert response.status_code == 200
    assert "Start analyse" in response.text


def test_done_run_shows_every_focus_area_with_themes_quotes_and_cited_summary(
    moderator_client: Client,
) -> None:
    process = make_analysable_process()
    run = run_analysis_now(process=process, acting_user=None)
    assert run.status == RunStatus.DONE, run.error
    overview = moderator_client.get(f"/analyse/{run.pk}/")
    assert overview.status_code == 200
    assert "<svg" in overview.text
    assert "<table" in overview.text
    for area in process.focus_areas.all():
        page = moderator_client.get(f"/analyse/{run.pk}/fokus/{area.pk}/")
        assert page.status_code == 200
        assert 'class="analysis-quote"' in page.text
        assert 'class="analysis-cite"' in page.text
        assert "<progress" not in page.text
