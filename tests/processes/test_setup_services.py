"""The set-up services: every write validated with a Danish message, nothing half-saved, and one
audit row with who did it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dialogportal.accounts.models import Role
from dialogportal.processes.models import (
    FocusArea,
    Phase,
    PhaseKind,
    Process,
    ProcessChange,
    ProcessChangeKind,
)
from dialogportal.processes.services import (
    add_document,
    add_focus_area,
    add_phase,
    create_process,
    delete_document,
    delete_focus_area,
    delete_phase,
    set_process_published,
    slug_from_title,
    update_focus_area,
    update_phase,
    update_process,
)
from tests.factories import PDF_BYTES, first_area, make_input, make_process, make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Fremtidens Randers", "fremtidens-randers"),
        ("Ærø, Søby & Åbenrå", "aeroe-soeby-aabenraa"),
        ("  <script>alert(1)</script>  ", "scriptalert1script"),
        ("😀", ""),
    ],
)
def test_slug_from_title_spells_danish_letters_out(title: str, slug: str) -> None:
    assert slug_from_title(title) == slug


def test_create_process_writes_an_audit_row_with_who_did_it() -> None:
    manager = make_staff("proces", Role.PROCESS_MANAGER)
    process = create_process(slug="", title="Fremtidens Ærø", acting_user=manager)
    assert process.slug == "fremtidens-aeroe"
    assert not process.is_published
    change = ProcessChange.objects.get(process=process)
    assert change.kind == ProcessChangeKind.CREATED
    assert change.acting_user == manager
    assert change.after["title"] == "Fremtidens Ærø"


def test_create_process_is_refused_in_danish_when_the_slug_is_taken() -> None:
    create_process(slug="randers", title="Først")
    with pytest.raises(ValidationError) as caught:
        create_process(slug="randers", title="Anden")
    assert "bruges allerede af en anden proces" in caught.value.message_dict["slug"][0]
    assert Process.objects.count() == 1


def test_create_process_is_refused_when_the_title_is_empty_or_too_long() -> None:
    with pytest.raises(ValidationError) as empty:
        create_process(slug="x", title="")
    assert "title" in empty.value.message_dict
    with pytest.raises(ValidationError) as long:
        create_process(slug="y", title="å" * 201)
    assert "title" in long.value.message_dict
    assert not Process.objects.exists()


def test_update_process_audits_only_the_fields_that_changed() -> None:
    process = create_process(slug="p", title="Før", summary="Samme")
    update_process(
        process=process,
        slug="p",
        title="Efter",
        summary="Samme",
        body="",
        publishes_immediately=False,
        shows_postcode=True,
        personal_data_removed_on=None,
        acting_user=None,
    )
    change = ProcessChange.objects.filter(kind=ProcessChangeKind.UPDATED).get()
    assert change.before == {"title": "Før"}
    assert change.after == {"title": "Efter"}
    assert change.acting_user is None


def test_a_phase_that_ends_before_it_starts_is_refused_in_danish() -> None:
    process = create_process(slug="p", title="P")
    now = timezone.now()
    with pytest.raises(ValidationError) as caught:
        add_phase(
            process=process,
            kind=PhaseKind.INPUT,
            title="Baglæns",
            starts_at=now,
            ends_at=now - timedelta(days=1),
        )
    assert caught.value.message_dict == {
        "ends_at": ["Fasen skal slutte efter, at den starter. Ret slutdatoen."]
    }
    assert not Phase.objects.exists()


def test_overlapping_phases_are_refused_and_name_the_phase_they_overlap() -> None:
    process = create_process(slug="p", title="P")
    now = timezone.now()
    add_phase(
        process=process,
        kind=PhaseKind.INFORMATION,
        title="Hvidbog",
        starts_at=now,
        ends_at=now + timedelta(days=10),
    )
    with pytest.raises(ValidationError) as caught:
        add_phase(
            process=process,
            kind=PhaseKind.INPUT,
            title="Dialog",
            starts_at=now + timedelta(days=5),
            ends_at=now + timedelta(days=20),
        )
    message = caught.value.message_dict["starts_at"][0]
    assert "overlapper fasen »Hvidbog«" in message
    assert "kl." in message
    assert process.phases.count() == 1


def test_a_phase_may_start_the_moment_the_previous_one_ends() -> None:
    process = create_process(slug="p", title="P")
    now = timezone.now()
    first = add_phase(
        process=process,
        kind=PhaseKind.INFORMATION,
        title="Hvidbog",
        starts_at=now,
        ends_at=now + timedelta(days=10),
    )
    add_phase(
        process=process,
        kind=PhaseKind.INPUT,
        title="Dialog",
        starts_at=first.ends_at,
        ends_at=first.ends_at + timedelta(days=10),
    )
    # Editing a phase does not count it as overlapping itself.
    update_phase(
        phase=first,
        kind=PhaseKind.INFORMATION,
        title="Hvidbogen",
        description="",
        starts_at=now - timedelta(days=1),
        ends_at=first.ends_at,
        acting_user=None,
    )
    assert process.phases.count() == 2


def test_a_phase_with_input_cannot_be_deleted() -> None:
    process = make_process()
    make_input(process)
    phase = process.phases.get()
    with pytest.raises(ValidationError, match="har modtaget input"):
        delete_phase(phase=phase, acting_user=None)
    assert process.phases.exists()


def test_a_phase_without_input_is_deleted_and_the_deletion_audited() -> None:
    process = create_process(slug="p", title="P")
    now = timezone.now()
    phase = add_phase(
        process=process, kind=PhaseKind.INPUT, title="F", starts_at=now, ends_at=now + timedelta(1)
    )
    delete_phase(phase=phase, acting_user=None)
    assert not process.phases.exists()
    deleted = ProcessChange.objects.get(kind=ProcessChangeKind.DELETED)
    assert deleted.object_label == "F"
    assert deleted.before["kind"] == "input"


def test_focus_area_slugs_are_unique_within_a_process_with_a_danish_message() -> None:
    process = create_process(slug="p", title="P")
    other = create_process(slug="q", title="Q")
    add_focus_area(process=process, slug="", title="Børn og unge", description="Om børn.")
    add_focus_area(process=other, slug="", title="Børn og unge", description="Om børn.")
    with pytest.raises(ValidationError) as caught:
        add_focus_area(process=process, slug="boern-og-unge", title="Igen", description="x")
    assert "bruges allerede af et andet fokusområde" in caught.value.message_dict["slug"][0]
    assert FocusArea.objects.filter(slug="boern-og-unge").count() == 2


def test_a_focus_area_needs_a_description() -> None:
    process = create_process(slug="p", title="P")
    with pytest.raises(ValidationError) as caught:
        add_focus_area(process=process, slug="", title="Tom", description="")
    assert "description" in caught.value.message_dict


def test_a_focus_area_with_input_cannot_be_deleted_but_can_be_renamed() -> None:
    process = make_process()
    area = first_area(process)
    make_input(process, focus_area=area)
    with pytest.raises(ValidationError, match="har modtaget input"):
        delete_focus_area(area=area, acting_user=None)
    update_focus_area(
        area=area, slug=area.slug, title="Nyt navn", description="Ny", order=0, acting_user=None
    )
    area.refresh_from_db()
    assert area.title == "Nyt navn"


def test_documents_are_checked_by_content_and_their_deletion_audited() -> None:
    process = create_process(slug="p", title="P")
    with pytest.raises(ValidationError):
        add_document(process=process, title="Falsk", filename="virus.pdf", data=b"MZ\x90\x00")
    document = add_document(process=process, title="Hvidbog", filename="h.pdf", data=PDF_BYTES)
    assert document.content_type == "application/pdf"
    delete_document(document=document, acting_user=None)
    assert not process.documents.exists()
    kinds = list(ProcessChange.objects.values_list("kind", flat=True).order_by("id"))
    assert kinds == ["created", "created", "deleted"]


def test_opening_and_closing_a_process_is_audited_once_each() -> None:
    process = create_process(slug="p", title="P")
    set_process_published(process=process, is_published=True, acting_user=None)
    set_process_published(process=process, is_published=True, acting_user=None)
    set_process_published(process=process, is_published=False, acting_user=None)
    kinds = list(ProcessChange.objects.values_list("kind", flat=True).order_by("id"))
    assert kinds == ["created", "opened", "closed"]
