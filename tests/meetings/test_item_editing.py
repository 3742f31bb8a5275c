"""Editing an agenda item and its attachments in the secretariat: what the services promise
(numbers, the Referat and unchanged outcomes stay; approved minutes are locked) and what the
staff pages do with good, bad and hostile input."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader

from dialogportal.accounts.models import Role
from dialogportal.meetings.models import (
    AgendaItem,
    Attachment,
    ItemKind,
    Outcome,
    SectionKind,
)
from dialogportal.meetings.services import (
    ItemContent,
    MinutesLockedError,
    add_attachment,
    add_item,
    record_decision,
    remove_attachment,
    update_attachment,
    update_item,
)
from dialogportal.organisation.models import Committee
from dialogportal.organisation.services import save_committee
from tests.factories import PDF_BYTES, PNG_BYTES, make_process, make_staff
from tests.meetings.builders import (
    SECRET,
    agenda_meeting,
    approved_meeting,
    full_item,
    med_tree,
    secretary_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def council() -> Committee:
    return save_committee(slug="byraad", name="Byrådet", kind="political", level="city_council")


def _bodies(item: AgendaItem) -> dict[str, str]:
    return {s.kind: s.body for s in item.sections.order_by("order")}


def _update(item: AgendaItem, **changes: Any) -> AgendaItem:
    """update_item with the item's current values, except `changes`."""
    bodies = _bodies(item)
    values: dict[str, Any] = {
        "title": item.title,
        "kind": ItemKind(item.kind),
        "presenter": item.presenter,
        "journal_number": item.journal_number,
        "is_closed": item.is_closed,
        "closure_reason": item.closure_reason,
        "process": item.process,
        "summary": bodies.get(SectionKind.SUMMARY, ""),
        "recommendation_intro": item.recommendation_intro,
        "recommendations": [r.text for r in item.recommendations.order_by("order")],
        "case_description": bodies.get(SectionKind.CASE_DESCRIPTION, ""),
        "finances": bodies.get(SectionKind.FINANCES, ""),
    }
    values.update(changes)
    content = ItemContent(
        summary=values.pop("summary"),
        recommendation_intro=values.pop("recommendation_intro"),
        recommendations=values.pop("recommendations"),
        case_description=values.pop("case_description"),
        finances=values.pop("finances"),
    )
    return update_item(item=item, acting_user=None, content=content, **values)


def _payload(item: AgendaItem, **changes: str | None) -> dict[str, str]:
    """The edit form as the page fills it in, with `changes` (None leaves a field out)."""
    bodies = _bodies(item)
    data: dict[str, str | None] = {
        "title": item.title,
        "presenter": item.presenter,
        "journal_number": item.journal_number,
        "kind": item.kind,
        "is_closed": "on" if item.is_closed else None,
        "closure_reason": item.closure_reason,
        "process": str(item.process_id or ""),
        "summary": bodies.get(SectionKind.SUMMARY, ""),
        "recommendation_intro": item.recommendation_intro,
        "recommendations": "\n".join(r.text for r in item.recommendations.order_by("order")),
        "case_description": bodies.get(SectionKind.CASE_DESCRIPTION, ""),
        "finances": bodies.get(SectionKind.FINANCES, ""),
    }
    data.update(changes)
    return {f"punkt-{name}": value for name, value in data.items() if value is not None}


def _snapshot(item: AgendaItem) -> tuple[object, ...]:
    item.refresh_from_db()
    return (
        item.title,
        item.presenter,
        item.journal_number,
        item.is_closed,
        tuple(item.sections.order_by("order").values_list("kind", "heading", "body")),
        tuple(item.recommendations.order_by("order").values_list("text", "outcome")),
        tuple(item.attachments.values_list("title", "is_public", "file")),
    )


def _pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


# --- the service -----------------------------------------------------------------------------


def test_update_item_changes_heading_data_but_never_the_number_or_the_referat(
    council: Committee,
) -> None:
    item = full_item(agenda_meeting(council))
    number = item.number
    process = make_process()
    _update(
        item,
        title="Nyt budget",
        kind=ItemKind.DISCUSSION,
        presenter="Bo Æbelø",
        process=process,
    )
    item.refresh_from_db()
    assert (item.number, item.title, item.kind, item.presenter, item.process) == (
        number,
        "Nyt budget",
        ItemKind.DISCUSSION,
        "Bo Æbelø",
        process,
    )
    assert _bodies(item)[SectionKind.DECISION] == "Beslutning truffet"


def test_an_unchanged_recommendation_keeps_its_outcome_removed_ones_go_new_ones_are_pending(
    council: Committee,
) -> None:
    item = add_item(
        meeting=agenda_meeting(council),
        title="Skolestruktur",
        content=ItemContent(recommendations=["at lukke skolen", "at flytte eleverne"]),
    )
    record_decision(
        item=item, text="Godkendt.", outcomes=[Outcome.REJECTED, Outcome.ADOPTED], acting_user=None
    )
    _update(item, recommendations=["at flytte  eleverne", "at høre forældrene"])
    assert list(item.recommendations.order_by("order").values_list("order", "text", "outcome")) == [
        (1, "at flytte  eleverne", Outcome.ADOPTED),
        (2, "at høre forældrene", Outcome.PENDING),
    ]


def test_the_journal_number_is_parsed_again_into_its_kle_parts(council: Committee) -> None:
    item = full_item(agenda_meeting(council))
    _update(item, journal_number=" 27.00.00-A00-3-25 ")
    item.refresh_from_db()
    assert (item.journal_number, item.kle_subject, item.kle_facet) == (
        "27.00.00-A00-3-25",
        "27.00.00",
        "A00",
    )
    assert (item.kle_serial, item.kle_year) == (3, 2025)
    _update(item, journal_number="ikke et sagsnummer")
    item.refresh_from_db()
    kle = (item.kle_subject, item.kle_facet, item.kle_serial, item.kle_year)
    assert kle == ("", "", None, None)


def test_empty_sections_go_and_new_ones_take_their_place_in_the_standard_order(
    council: Committee,
) -> None:
    item = add_item(
        meeting=agenda_meeting(council),
        title="Punkt",
        content=ItemContent(
            summary="Resumé",
            decision="Referat",
            case_description="Sagen",
            extra_sections=[("Høring", "Høringssvar")],
        ),
    )
    _update(item, summary="  ", finances="Udgiften er 2 mio. kr.", recommendations=["at godkende"])
    rows = list(item.sections.order_by("order").values_list("order", "kind", "heading", "body"))
    assert rows == [
        (1, "recommendation", "Indstilling", ""),
        (2, "decision", "Referat", "Referat"),
        (3, "case_description", "Sagsfremstilling", "Sagen"),
        (4, "finances", "Økonomi", "Udgiften er 2 mio. kr."),
        (5, "custom", "Høring", "Høringssvar"),
    ]


def test_editing_is_refused_once_the_minutes_are_approved() -> None:
    main, _ = med_tree()
    _meeting, open_item, _ = approved_meeting(main)
    attachment = open_item.attachments.first()
    assert attachment is not None
    before = _snapshot(open_item)
    with pytest.raises(MinutesLockedError, match="godkendt"):
        _update(open_item, title="Ændret efter godkendelse")
    with pytest.raises(MinutesLockedError):
        add_attachment(
            item=open_item,
            acting_user=None,
            title="Nyt",
            file_name="a.pdf",
            data=io.BytesIO(PDF_BYTES),
            is_public=True,
        )
    with pytest.raises(MinutesLockedError):
        update_attachment(attachment=attachment, acting_user=None, title="Nyt", is_public=False)
    with pytest.raises(MinutesLockedError):
        remove_attachment(attachment=attachment, acting_user=None)
    assert _snapshot(open_item) == before


def test_closure_reason_is_kept_only_while_the_item_is_closed(council: Committee) -> None:
    item = full_item(agenda_meeting(council))
    _update(item, is_closed=True, closure_reason=" Personsag ")
    item.refresh_from_db()
    assert (item.is_closed, item.closure_reason) == (True, "Personsag")
    _update(item, is_closed=False, closure_reason="Personsag")
    item.refresh_from_db()
    assert (item.is_closed, item.closure_reason) == (False, "")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"title": "Nul\x00tegn"}, "title"),
        ({"summary": "Nul\x00tegn"}, "summary"),
        ({"kind": "vote"}, "kind"),
    ],
)
def test_bad_values_are_refused_with_a_field_error_and_nothing_changes(
    council: Committee, changes: dict[str, Any], field: str
) -> None:
    item = full_item(agenda_meeting(council))
    before = _snapshot(item)
    with pytest.raises(ValidationError) as caught:
        _update(item, **changes)
    assert field in caught.value.message_dict
    assert _snapshot(item) == before


def test_a_closed_item_is_then_only_number_and_lukket_punkt_on_the_public_page_and_pdf(
    client: Client, council: Committee
) -> None:
    meeting = agenda_meeting(council)
    item = full_item(meeting, title="Salg af grund")
    assert "Salg af grund" in client.get(f"/moeder/{meeting.pk}/").text
    _update(item, is_closed=True, summary=f"Resumé {SECRET}")
    page = client.get(f"/moeder/{meeting.pk}/").text
    pdf = _pdf_text(client.get(f"/moeder/{meeting.pk}/dokument.pdf").content)
    for text in (page, pdf):
        assert "Lukket punkt" in text
        assert str(item.number) in text
        assert "Salg af grund" not in text
        assert SECRET not in text
        assert "Åse Ørnsø" not in text


def test_an_attachment_is_stored_under_a_safe_name_and_titled_after_the_file(
    council: Committee,
) -> None:
    item = add_item(meeting=agenda_meeting(council), title="Punkt")
    attachment = add_attachment(
        item=item,
        acting_user=None,
        title="",
        file_name="../../Budget <2026>.pdf",
        data=io.BytesIO(PDF_BYTES),
        is_public=False,
    )
    assert attachment.title == "Budget _2026.pdf"
    assert not attachment.is_public
    assert "/" not in attachment.file.name.removeprefix("meetings/attachments/")[5:]
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES
    second = add_attachment(
        item=item,
        acting_user=None,
        title="Kort",
        file_name="kort.png",
        data=io.BytesIO(PNG_BYTES),
        is_public=True,
    )
    assert second.order == attachment.order + 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tom.pdf", b"", "er tom"),
        ("program.pdf", b"MZ\x90\x00" + bytes(range(256)) * 2, "tilladt type"),
        ("stor.pdf", PDF_BYTES + b"0" * 2048, "for stor"),
    ],
)
def test_an_empty_binary_or_oversized_file_is_refused_and_nothing_is_stored(
    council: Committee, settings: Any, name: str, data: bytes, message: str
) -> None:
    settings.INPUT_ATTACHMENT_MAX_BYTES = 1024
    item = add_item(meeting=agenda_meeting(council), title="Punkt")
    with pytest.raises(ValidationError) as caught:
        add_attachment(
            item=item,
            acting_user=None,
            title="Bilag",
            file_name=name,
            data=io.BytesIO(data),
            is_public=True,
        )
    assert message in " ".join(caught.value.message_dict["file"])
    assert not Attachment.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_an_attachment_is_renamed_hidden_and_removed_with_its_file(
    council: Committee, django_capture_on_commit_callbacks: Any
) -> None:
    item = add_item(meeting=agenda_meeting(council), title="Punkt")
    attachment = add_attachment(
        item=item,
        acting_user=None,
        title="Bilag",
        file_name="bilag.pdf",
        data=io.BytesIO(PDF_BYTES),
        is_public=True,
    )
    update_attachment(attachment=attachment, acting_user=None, title="Bilag 1", is_public=False)
    attachment.refresh_from_db()
    assert (attachment.title, attachment.is_public) == ("Bilag 1", False)
    path = Path(attachment.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(attachment=attachment, acting_user=None)
    assert not item.attachments.exists()
    assert not path.exists()


# --- the staff pages -------------------------------------------------------------------------


def test_the_item_page_offers_the_edit_form_prefilled_and_a_save_redirects_with_a_message(
    client: Client,
) -> None:
    main, _ = med_tree()
    item = full_item(agenda_meeting(main, published=False))
    client.force_login(secretary_of(main))
    page = client.get(f"/sekretariat/punkter/{item.pk}/").text
    assert "Rediger punktet" in page
    assert 'value="87.00.00-G01-10-24"' in page
    assert '<label class="form-label" for="id_punkt-finances">Økonomi' in page
    assert "Økonomi uændret</textarea>" in page
    response = client.post(
        f"/sekretariat/punkter/{item.pk}/rediger/",
        _payload(item, title="Budget 2026", finances="Økonomi ændret", is_closed="on"),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/sekretariat/punkter/{item.pk}/"
    page = client.get(response["Location"]).text
    assert "Punktet “Budget 2026” er gemt." in page
    item.refresh_from_db()
    assert (item.title, item.is_closed) == ("Budget 2026", True)
    assert _bodies(item)[SectionKind.FINANCES] == "Økonomi ændret"
    assert item.recommendations.get().text == "at godkende forslaget"


def test_another_committees_secretary_gets_404_and_a_visitor_is_sent_to_login(
    client: Client,
) -> None:
    main, sectors = med_tree()
    item = full_item(agenda_meeting(main))
    attachment = item.attachments.first()
    assert attachment is not None
    paths = [
        f"/sekretariat/punkter/{item.pk}/rediger/",
        f"/sekretariat/punkter/{item.pk}/bilag/",
        f"/sekretariat/punkter/{item.pk}/bilag/{attachment.pk}/",
        f"/sekretariat/punkter/{item.pk}/bilag/{attachment.pk}/fjern/",
    ]
    before = _snapshot(item)
    for path in paths:
        response = client.post(path, _payload(item, title="Overtaget"))
        assert response.status_code == 302, path
        assert "/login/" in response["Location"], path
    client.force_login(secretary_of(sectors[0], username="anden"))
    for path in paths:
        assert client.post(path, _payload(item, title="Overtaget")).status_code == 404, path
    assert client.get(f"/sekretariat/punkter/{item.pk}/").status_code == 404
    client.force_login(make_staff("moderator", Role.MODERATOR))
    assert client.post(paths[0], _payload(item, title="Overtaget")).status_code == 403
    assert _snapshot(item) == before


def test_an_attachment_of_another_item_cannot_be_reached_through_ones_own_item(
    client: Client,
) -> None:
    main, sectors = med_tree()
    own = full_item(agenda_meeting(main), title="Eget")
    foreign = full_item(agenda_meeting(sectors[0]), title="Fremmed")
    attachment = foreign.attachments.first()
    assert attachment is not None
    client.force_login(secretary_of(main))
    base = f"/sekretariat/punkter/{own.pk}/bilag/{attachment.pk}/"
    assert client.post(f"{base}fjern/").status_code == 404
    assert client.post(base, {f"bilag-{attachment.pk}-title": "Ny"}).status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk, title=attachment.title).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Dette felt er påkrævet"),
        ({"title": "Nul\x00tegn"}, "title", "Null-tegn er ikke tilladt"),
        ({"summary": "Æ" * 1_000_000}, "summary", "må højst have 20000 tegn"),
        ({"kind": "'; DROP TABLE meetings_agendaitem;--"}, "kind", "gyldig valgmulighed"),
        ({"process": "999999"}, "process", "gyldig valgmulighed"),
        ({"recommendation_intro": "x" * 301}, "recommendation_intro", "må højst have 300 tegn"),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_saved(
    client: Client, changes: dict[str, str], field: str, message: str
) -> None:
    main, _ = med_tree()
    item = full_item(agenda_meeting(main))
    before = _snapshot(item)
    client.force_login(secretary_of(main))
    response = client.post(f"/sekretariat/punkter/{item.pk}/rediger/", _payload(item, **changes))
    assert response.status_code == 200
    html = response.text
    error_at = html.index(f'id="id_punkt-{field}_error"')
    assert message in html[error_at : error_at + 400]
    assert "Punktet er ikke gemt" in html
    assert 'aria-invalid="true"' in html
    assert _snapshot(item) == before


@pytest.mark.parametrize(
    "text",
    [
        '<script>alert("x")</script><img src=x onerror=alert(1)>',
        "Robert'); DROP TABLE meetings_agendaitem;--",
        "\u202eRTL\u200b zero\u200dwidth 🏛️ e\u0301 ﷽",
        "Æble, øl og år – “citat” · ÆØÅ æøå",
    ],
)
def test_hostile_text_is_stored_as_written_and_shown_escaped(
    client: Client, council: Committee, text: str
) -> None:
    meeting = agenda_meeting(council)
    item = full_item(meeting)
    client.force_login(secretary_of(council))
    response = client.post(
        f"/sekretariat/punkter/{item.pk}/rediger/",
        _payload(item, title=text, summary=text, recommendations=f"at {text}"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == text
    assert _bodies(item)[SectionKind.SUMMARY] == text
    assert item.recommendations.get().text == f"at {text}"
    staff_page = client.get(f"/sekretariat/punkter/{item.pk}/").text
    client.logout()
    public_page = client.get(f"/moeder/{meeting.pk}/").text
    for page in (staff_page, public_page):
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        if "<" in text:
            assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        elif "'" not in text:
            assert text in page


def test_files_are_uploaded_checked_and_refused_with_a_message_next_to_the_field(
    client: Client, settings: Any
) -> None:
    settings.INPUT_ATTACHMENT_MAX_BYTES = 1024
    main, _ = med_tree()
    item = add_item(meeting=agenda_meeting(main), title="Punkt")
    client.force_login(secretary_of(main))
    url = f"/sekretariat/punkter/{item.pk}/bilag/"
    for name, data, message in (
        ("tom.pdf", b"", "Filen er tom."),
        ("virus.pdf", b"MZ\x90\x00" + b"\x00\xff" * 200, "ikke en fil af en tilladt type"),
        ("stor.pdf", PDF_BYTES + b"0" * 2048, "for stor"),
    ):
        response = client.post(
            url,
            {"nyt-bilag-title": "Bilag", "nyt-bilag-file": SimpleUploadedFile(name, data)},
        )
        assert response.status_code == 200, name
        error_at = response.text.index('id="id_nyt-bilag-file_error"')
        assert message in response.text[error_at : error_at + 400], name
        assert "Bilaget er ikke gemt" in response.text
    missing = client.post(url, {"nyt-bilag-title": "Bilag"})
    assert "Vælg en fil." in missing.text
    assert not Attachment.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))
    response = client.post(
        url,
        {
            "nyt-bilag-title": "<b>Budget</b> 2026",
            "nyt-bilag-file": SimpleUploadedFile("budget.pdf", PDF_BYTES),
            "nyt-bilag-is_public": "on",
        },
        follow=True,
    )
    assert "er tilføjet" in response.text
    assert "&lt;b&gt;Budget&lt;/b&gt; 2026" in response.text
    attachment = item.attachments.get()
    assert (attachment.title, attachment.is_public) == ("<b>Budget</b> 2026", True)
    assert client.get(f"/bilag/{attachment.pk}/").status_code == 200


def test_an_attachment_is_renamed_made_non_public_and_removed_through_the_page(
    client: Client,
) -> None:
    main, _ = med_tree()
    item = full_item(agenda_meeting(main))
    attachment = item.attachments.get(is_public=True)
    client.force_login(secretary_of(main))
    page = client.get(f"/sekretariat/punkter/{item.pk}/").text
    assert f'id="id_bilag-{attachment.pk}-title"' in page
    base = f"/sekretariat/punkter/{item.pk}/bilag/{attachment.pk}/"
    empty = client.post(base, {f"bilag-{attachment.pk}-title": ""})
    assert empty.status_code == 200
    assert f'id="id_bilag-{attachment.pk}-title_error"' in empty.text
    response = client.post(base, {f"bilag-{attachment.pk}-title": "Bilag 1"}, follow=True)
    assert "er gemt" in response.text
    attachment.refresh_from_db()
    assert (attachment.title, attachment.is_public) == ("Bilag 1", False)
    response = client.post(f"{base}fjern/", follow=True)
    assert "er fjernet" in response.text
    assert not item.attachments.filter(pk=attachment.pk).exists()


def test_approved_minutes_have_no_edit_forms_and_a_stale_post_is_refused_with_a_message(
    client: Client,
) -> None:
    main, _ = med_tree()
    _meeting, open_item, _ = approved_meeting(main)
    before = _snapshot(open_item)
    client.force_login(secretary_of(main))
    page = client.get(f"/sekretariat/punkter/{open_item.pk}/").text
    assert "kan ikke længere redigeres" in page
    assert f"/sekretariat/punkter/{open_item.pk}/rediger/" not in page
    response = client.post(
        f"/sekretariat/punkter/{open_item.pk}/rediger/",
        _payload(open_item, title="For sent"),
        follow=True,
    )
    assert "Referatet er godkendt og kan ikke ændres" in response.text
    upload = client.post(
        f"/sekretariat/punkter/{open_item.pk}/bilag/",
        {"nyt-bilag-file": SimpleUploadedFile("a.pdf", PDF_BYTES)},
        follow=True,
    )
    assert "Referatet er godkendt og kan ikke ændres" in upload.text
    assert _snapshot(open_item) == before


def test_the_add_item_form_takes_the_kind_and_the_finances(client: Client) -> None:
    main, _ = med_tree()
    meeting = agenda_meeting(main, published=False)
    client.force_login(secretary_of(main))
    client.post(
        f"/sekretariat/moeder/{meeting.pk}/punkter/",
        {"title": "Drøftelse af trivsel", "kind": "discussion", "finances": "Ingen udgifter"},
    )
    item = meeting.items.get(title="Drøftelse af trivsel")
    assert item.kind == ItemKind.DISCUSSION
    assert _bodies(item) == {SectionKind.FINANCES: "Ingen udgifter"}
    client.post(
        f"/sekretariat/moeder/{meeting.pk}/punkter/",
        {"title": "Uden type", "recommendations": "at godkende"},
    )
    assert meeting.items.get(title="Uden type").kind == ItemKind.DECISION
