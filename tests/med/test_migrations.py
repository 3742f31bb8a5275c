"""The cascade moved from meetings to med: a database with cascades keeps every one of them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dialogportal.med.models import Cascade, CascadeStatus
from tests.med.builders import future

BEFORE = [("meetings", "0003_minutes_import"), ("med", None)]


@pytest.mark.django_db(transaction=True)
def test_existing_cascades_survive_the_move_to_the_med_app(settings) -> None:
    settings.MEETING_EVENT_HANDLERS = {}  # med's handlers need med's tables
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        # The database is as it was before the move: write through the models of that time.
        state = executor.loader.project_state([("meetings", "0003_minutes_import")]).apps
        committee = state.get_model("organisation", "Committee")
        meeting = state.get_model("meetings", "Meeting")
        agenda_item = state.get_model("meetings", "AgendaItem")
        main = committee.objects.create(
            slug="hmu", name="MED Hovedudvalg", kind="med", level="main"
        )
        sector = committee.objects.create(
            slug="s1", name="Sektor MED 1", kind="med", level="sector", parent=main
        )
        day = future()
        source = agenda_item.objects.create(
            meeting=meeting.objects.create(committee=main, held_on=day),
            committee=main,
            year=day.year,
            number=1,
            order=1,
            title="Punkt",
        )
        copy = agenda_item.objects.create(
            meeting=meeting.objects.create(committee=sector, held_on=day),
            committee=sector,
            year=day.year,
            number=1,
            order=1,
            title="Kopi",
        )
        kept = state.get_model("meetings", "Cascade").objects.create(
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
