"""Public and staff pages of the feedback app over the real HTTP stack."""

import re

import pytest
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.feedback.models import Answer, AnswerTemplate, NotificationPreference
from dialogportal.inputs.models import Input
from tests.feedback import builders, scenario

pytestmark = pytest.mark.django_db


def _no_inline_code(page: str) -> None:
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert " style=" not in page


def test_det_har_vi_hoert_shows_themes_sizes_published_quotes_answers_and_charts() -> None:
    made = scenario.build()
    page = Client().get("/processer/fremtiden/det-har-vi-hoert/")
    assert page.status_code == 200
    text = page.text
    assert "Renovering af boliger" in text
    assert "3 input" in text
    assert "Vi renoverer 400 boliger i midtbyen fra 2027 &lt;script&gt;" in text
    assert scenario.OUTCOME in text
    assert "Boligerne i midtbyen er slidte" in text  # the representative, published
    assert "Karen Blixen" in text
    assert "Kommunen har endnu ikke svaret på dette tema." in text
    # Three charts, each its own table (the bars sit in the rows, hidden from screen readers).
    assert text.count("<table") == 3
    assert text.count("<svg") == text.count('<svg class="bar-table__bar" aria-hidden="true"')
    _no_inline_code(text)
    for secret in scenario.NEVER_PUBLIC:
        assert secret not in text, secret
    area = Client().get("/processer/fremtiden/fokus/omraade-2/det-har-vi-hoert/").text
    assert "Faste kontaktpersoner" in area
    assert "Renovering af boliger" not in area
    assert made.pending.text not in area


def test_a_hidden_representative_is_never_quoted() -> None:
    process = builders.small_process()
    hidden = builders.contributed(
        process, text=scenario.HIDDEN_TEXT, area_slug="omraade-1", state="hidden"
    )
    builders.themed_run(process, {"Naboer": [hidden]})
    page = Client().get("/processer/proces/det-har-vi-hoert/").text
    assert "Naboer" in page
    assert "Vestergade" not in page


@pytest.mark.parametrize(
    "path",
    [
        "/processer/findes-ikke/det-har-vi-hoert/",
        "/processer/proces/fokus/findes-ikke/det-har-vi-hoert/",
        "/processer/proces/tilbagemelding/udvalg/findes-ikke/",
        "/tilbagemelding/afmeld/ukendt/",
    ],
)
def test_unknown_addresses_are_not_found(path: str) -> None:
    builders.small_process()
    assert Client().get(path).status_code == 404


def test_an_unpublished_process_has_no_public_feedback() -> None:
    process = builders.small_process()
    process.is_published = False
    process.save()
    assert Client().get("/processer/proces/det-har-vi-hoert/").status_code == 404
    assert Client().get("/api/v1/processes/proces/feedback/").status_code == 404


def test_the_english_page_exists() -> None:
    builders.small_process()
    assert Client().get("/en/processer/proces/det-har-vi-hoert/").status_code == 200


def test_unsubscribe_works_without_login_and_can_be_undone() -> None:
    pref = NotificationPreference.objects.create(email="karen@example.dk")
    client = Client(enforce_csrf_checks=True)
    url = f"/tilbagemelding/afmeld/{pref.unsubscribe_token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    pref.refresh_from_db()
    assert not pref.is_unsubscribed  # a link scanner's GET changes nothing
    csrf = page.cookies["csrftoken"].value
    assert (
        client.post(url, {"action": "unsubscribe", "csrfmiddlewaretoken": csrf}).status_code == 200
    )
    pref.refresh_from_db()
    assert pref.is_unsubscribed
    client.post(url, {"action": "resubscribe", "csrfmiddlewaretoken": csrf})
    pref.refresh_from_db()
    assert not pref.is_unsubscribed


def test_one_click_unsubscribe_from_the_mail_client_needs_no_csrf_token() -> None:
    pref = NotificationPreference.objects.create(email="karen@example.dk")
    response = Client(enforce_csrf_checks=True).post(
        f"/tilbagemelding/afmeld/{pref.unsubscribe_token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    pref.refresh_from_db()
    assert pref.is_unsubscribed


def test_staff_pages_need_login_and_the_right_role() -> None:
    made = scenario.build()
    theme = builders.curated(made.run, "Faste kontaktpersoner")
    urls = [
        "/medarbejder/processer/fremtiden/tilbagemelding/",
        f"/medarbejder/tilbagemelding/tema/{theme.pk}/",
        f"/medarbejder/tilbagemelding/input/{made.named.pk}/",
        "/medarbejder/processer/fremtiden/svarskabeloner/",
        "/medarbejder/processer/fremtiden/hvidbog/",
    ]
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 302
        assert "/konto/" in response["Location"]
    secretary = Client()
    secretary.force_login(builders.staff("sekretaer", Role.COMMITTEE_SECRETARY))
    assert secretary.get(urls[0]).status_code == 200
    moderator = Client()
    moderator.force_login(builders.staff("moderator", Role.MODERATOR))
    assert moderator.get(urls[1]).status_code == 200
    refused = moderator.post(urls[1], {"status": "used", "text": "Nej."})
    assert refused.status_code == 403
    assert not Answer.objects.filter(theme=theme).exists()


def test_a_manager_answers_a_theme_from_a_template_and_sees_the_log() -> None:
    made = scenario.build()
    theme = builders.curated(made.run, "Faste kontaktpersoner")
    client = Client()
    client.force_login(builders.staff())
    created = client.post(
        "/medarbejder/processer/fremtiden/svarskabeloner/",
        {"title": "Med i planen", "status": "used", "explanation": "", "text": "Tak, det er med."},
    )
    assert created.status_code == 302
    template = AnswerTemplate.objects.get()
    url = f"/medarbejder/tilbagemelding/tema/{theme.pk}/"
    filled = client.post(url, {"template": template.pk, "use_template": "1"})
    assert filled.status_code == 200
    assert "Tak, det er med.</textarea>" in filled.text
    saved = client.post(
        url,
        {"template": template.pk, "status": "used", "explanation": "", "text": "Tak, det er med."},
    )
    assert saved.status_code == 302
    made.committee_input.refresh_from_db()
    assert made.committee_input.status == "used"
    detail = client.get(f"/medarbejder/tilbagemelding/input/{made.committee_input.pk}/").text
    assert "Modtaget" in detail
    assert "Brugt i planen" in detail
    _no_inline_code(detail)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "x" * 10_001],
)
def test_a_bad_answer_gets_a_danish_message_not_an_error(text: str) -> None:
    made = scenario.build()
    client = Client()
    client.force_login(builders.staff())
    response = client.post(
        f"/medarbejder/tilbagemelding/input/{made.named.pk}/",
        {"status": "used", "explanation": "", "text": text},
    )
    assert response.status_code == 400
    assert "Skriv svaret" in response.text or "højst" in response.text.lower()
    made.named.refresh_from_db()
    assert made.named.status == "used"  # from the theme answer; unchanged


def test_hostile_answer_text_is_stored_and_shown_escaped() -> None:
    made = scenario.build()
    client = Client()
    client.force_login(builders.staff())
    hostile = "<img src=x onerror=alert(1)> '; DROP TABLE inputs_input; -- Æbleø \U0001f600"
    client.post(
        f"/medarbejder/tilbagemelding/input/{made.committee_input.pk}/",
        {"status": "considered", "explanation": "", "text": hostile},
    )
    assert Input.objects.count() == 6
    report = Client().get(f"/processer/fremtiden/tilbagemelding/udvalg/{made.committee.slug}/")
    assert "&lt;img src=x onerror=alert(1)&gt;" in report.text
    assert "Æbleø \U0001f600" in report.text


def test_staff_set_status_and_outcome_on_one_input() -> None:
    made = scenario.build()
    client = Client()
    client.force_login(builders.staff())
    url = f"/medarbejder/tilbagemelding/input/{made.committee_input.pk}/"
    assert (
        client.post(
            url, {"form": "status", "status": "considered", "explanation": "Læses."}
        ).status_code
        == 302
    )
    assert client.post(f"{url}foerte-til/", {"text": "Indsats 4.2"}).status_code == 302
    assert client.post(f"{url}foerte-til/", {"text": ""}).status_code == 302
    made.committee_input.refresh_from_db()
    assert made.committee_input.status == "considered"
    assert "Indsats 4.2" in client.get(url).text


def test_staff_download_the_hvidbog_in_three_formats() -> None:
    scenario.build()
    client = Client()
    client.force_login(builders.staff("sekretaer", Role.COMMITTEE_SECRETARY))
    assert client.get("/medarbejder/processer/fremtiden/hvidbog/").text.startswith("<!DOCTYPE")
    pdf = client.get("/medarbejder/processer/fremtiden/hvidbog.pdf")
    assert pdf.content.startswith(b"%PDF")
    docx = client.get("/medarbejder/processer/fremtiden/hvidbog.docx")
    assert docx.content.startswith(b"PK")
    assert client.get("/medarbejder/processer/fremtiden/hvidbog.exe").status_code == 404
