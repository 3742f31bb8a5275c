import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from tests.dialogmeetings.builders import make_meeting
from tests.factories import make_process, make_staff

pytestmark = pytest.mark.django_db


def test_administrators_see_dialog_meetings_but_not_registrations_in_the_admin(
    client: Client,
) -> None:
    meeting = make_meeting(make_process(slug="proces"), capacity=20)
    client.force_login(make_staff("admin", Role.ADMINISTRATOR))
    assert client.get("/admin/dialogmeetings/dialogmeeting/").status_code == 200
    page = client.get(f"/admin/dialogmeetings/dialogmeeting/{meeting.pk}/change/")
    assert page.status_code == 200
    assert meeting.title in page.content.decode()
    assert client.get("/admin/dialogmeetings/registration/").status_code == 404
