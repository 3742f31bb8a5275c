"""The process and focus-area pages with inputs, counts, documents and the 'Giv input' call."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.processes.models import PhaseKind, ProcessDocument
from dialogportal.processes.services import add_document
from tests.factories import PDF_BYTES, make_input, make_process, make_staff, publish

pytestmark = pytest.mark.django_db
AREA = "/processer/by/fokus/omraade-1/"


def test_focus_area_page_invites_input_when_the_phase_accepts_it(client: Client) -> None:
    make_process(slug="by")
    response = client.get(AREA)
    assert "Giv input" in response.text
    assert "/processer/by/fokus/omraade-1/giv-input/" in response.text


def test_focus_area_page_says_clearly_when_input_is_closed(client: Client) -> None:
    make_process(slug="by", phase_kind=PhaseKind.FEEDBACK)
    response = client.get(AREA)
    assert "giv-input" not in response.text
    assert "Der kan ikke gives input lige nu" in response.text


def test_focus_area_page_lists_only_published_inputs_with_counts_and_pages(
    client: Client,
) -> None:
    process = make_process(slug="by")
    shown = [
        make_input(process, text=f"Offentligt input nummer {n:02d} om byen.", contributor_type=kind)
        for n, kind in enumerate(["citizen"] * 21 + ["union"] * 2)
    ]
    publish(*shown)
    make_input(process, text="Hemmeligt input, der venter på moderation.")
    first = client.get(AREA)
    assert "23 input er offentliggjort." in first.text
    assert "Hemmeligt input" not in first.text
    assert "Side 1 af 2" in first.text
    assert "Fagforening" in first.text
    second = client.get(AREA + "?side=2")
    assert second.status_code == 200
    assert client.get(AREA + "?side=999").status_code == 200
    assert client.get(AREA + "?side=<script>").status_code == 200


def test_the_name_is_shown_only_with_consent_and_email_never(client: Client) -> None:
    process = make_process(slug="by")
    publish(
        make_input(
            process,
            name="Åse Ørsted",
            consent_publish_name=True,
            email="a@example.dk",
            postcode="8900",
        ),
        make_input(process, name="Bent Skjult", consent_publish_name=False),
    )
    text = client.get(AREA).text
    assert "Åse Ørsted" in text
    assert "8900 Randers C" in text
    assert "Bent Skjult" not in text
    assert "a@example.dk" not in text


def test_process_page_hides_postcodes_when_the_process_says_so(client: Client) -> None:
    process = make_process(slug="by")
    process.shows_postcode = False
    process.save()
    publish(make_input(process, postcode="8900"))
    assert "Randers C" not in client.get(AREA).text


def test_process_page_lists_public_documents_and_counts(client: Client) -> None:
    process = make_process(slug="by")
    publish(make_input(process))
    add_document(
        process=process, title="Hvidbogen", filename="hvidbog.pdf", data=PDF_BYTES, is_public=True
    )
    add_document(process=process, title="Internt notat", filename="notat.pdf", data=PDF_BYTES)
    response = client.get("/processer/by/")
    assert "Hvidbogen" in response.text
    assert "Internt notat" not in response.text
    assert "1 offentliggjort input" in response.text
    assert "giv-input" in response.text
    public = ProcessDocument.objects.get(title="Hvidbogen")
    private = ProcessDocument.objects.get(title="Internt notat")
    assert client.get(f"/processer/by/dokumenter/{public.pk}/").status_code == 200
    assert client.get(f"/processer/by/dokumenter/{private.pk}/").status_code == 404
    client.force_login(make_staff("proces", Role.PROCESS_MANAGER))
    assert client.get(f"/processer/by/dokumenter/{private.pk}/").status_code == 200


def test_a_document_must_really_be_one_of_the_allowed_types() -> None:
    process = make_process(slug="by")
    with pytest.raises(ValidationError):
        add_document(process=process, title="Virus", filename="hvidbog.pdf", data=b"MZ\x90\x00")
