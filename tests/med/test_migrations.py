"""The cascade moved from meetings to med: a database with cascades keeps every one of them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dialogportal.med.models import Cascade, CascadeStatus
from dialogportal.meetings.services import add_item, plan_meeting
from dialogportal.organisation.services import save_committee
from tests.med.builders import future

BEFORE = [("meetings", "0003_minutes_import"), ("med", None)]


@pytest.mark.django_db(transaction=True)
def test_existing_cascades_survive_the_move_to_the_med_app(settings) -> None:
    settings.MEETING_EVENT_HANDLERS = {}  # med's handlers need med's tables
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state([("meetings", "0003_minutes_import")]).apps.get_model(
            "meetings", "Cascade"
        )
        main = save_committee(slug="hmu", name="MED Hovedudvalg", kind="med", level="main")
        sector = save_committee(
            slug="s1", name="Sektor MED 1", kind="med", level="sector", parent=main
        )
        source = add_item(meeting=plan_meeting(committee=main, held_on=future()), title="Punkt")
        copy = add_item(meeting=plan_meeting(committee=sector, held_on=future()), title="Kopi")
        kept = old.objects.create(
            source_item_id=source.pk,
            target_committee_id=sector.pk,
            target_item_id=copy.pk,
            status="acknowledged",
            message="Besked",
            comment="Kvitteret – æøå",
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    moved = Cascade.objects.get(pk=kept.pk)
    assert moved.status == CascadeStatus.ACKNOWLEDGED
    assert (moved.source_item_id, moved.target_item_id) == (source.pk, copy.pk)
    assert moved.comment == "Kvitteret – æøå"
    assert moved.due_on is None
    assert Cascade._meta.db_table == "med_cascade"
    assert "med_cascade" in connection.introspection.table_names()
    assert "meetings_cascade" not in connection.introspection.table_names()
