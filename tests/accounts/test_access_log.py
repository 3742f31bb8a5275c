import pytest
from django.test import Client

from dialogportal.accounts.access import log_access
from dialogportal.accounts.models import AccessKind, AccessLog, Role
from tests.factories import make_process, make_staff

pytestmark = pytest.mark.django_db


def test_the_access_log_page_names_what_was_seen_in_words() -> None:
    manager = make_staff("peter", Role.PROCESS_MANAGER)
    process = make_process()
    log_access(user=manager, kind=AccessKind.REGISTRANTS, obj=process)
    admin = Client()
    admin.force_login(make_staff("anna", Role.ADMINISTRATOR))
    page = admin.get("/privatliv/adgangslog/")
    assert page.status_code == 200
    assert f"Proces {process.pk}" in page.text
    assert "processes.process" not in page.text


def test_a_row_about_a_model_that_no_longer_exists_keeps_its_stored_name() -> None:
    entry = AccessLog(object_type="gone.model", object_id=7)
    assert entry.object_description() == "gone.model 7"
    assert AccessLog(object_type="").object_description() == ""
