from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.meetings.models import Cascade, CascadeStatus, MeetingStatus
from dialogportal.meetings.services import (
    acknowledge_cascade,
    add_item,
    cascade_item,
    plan_meeting,
    set_meeting_status,
)
from tests.factories import make_staff
from tests.meetings.builders import full_item, future, med_tree, secretary_of

pytestmark = pytest.mark.django_db


def test_the_cascade_journey_over_http(client: Client) -> None:
    main, sectors = med_tree(sectors=3)
    source_meeting = plan_meeting(committee=main, held_on=date(2025, 6, 27))
    item = add_item(meeting=source_meeting, title="Orientering om ny organisering", number=40)
    next_meetings = [
        plan_meeting(committee=s, held_on=future(10 + n)) for n, s in enumerate(sectors)
    ]
    secretary = secretary_of(main, *sectors)
    client.force_login(secretary)

    page = client.get(f"/sekretariat/punkter/{item.pk}/")
    assert page.status_code == 200
    assert "Alle: Sektor MED" in page.text
    response = client.post(
        f"/sekretariat/punkter/{item.pk}/videregiv/",
        {"level": "sector", "message": "Til drøftelse på jeres næste møde"},
        follow=True,
    )
    assert "videregivet til 3 udvalg" in response.text

    for meeting in next_meetings:
        agenda = client.get(f"/sekretariat/moeder/{meeting.pk}/")
        assert "Orientering fra MED Hovedudvalg" in agenda.text
        assert "Kladde" in agenda.text
        draft = meeting.items.get(title="Orientering fra MED Hovedudvalg")
        assert draft.is_draft
        assert list(meeting.items.order_by("order").values_list("title", flat=True))[-1] == (
            "Eventuelt"
        )

    cascade = Cascade.objects.get(target_committee=sectors[0])
    target_page = client.get(f"/sekretariat/videregivelser/{cascade.pk}/")
    assert "Orientering om ny organisering" in target_page.text
    client.post(f"/sekretariat/videregivelser/{cascade.pk}/behandlet/")
    client.post(
        f"/sekretariat/videregivelser/{cascade.pk}/kvitter/",
        {"comment": "Drøftet – vi ønsker en temadag om æ, ø og å"},
    )

    source_page = client.get(f"/sekretariat/punkter/{item.pk}/")
    assert source_page.text.count("Kvitteret") == 1
    assert source_page.text.count("På dagsordenen") == 2
    assert "Drøftet – vi ønsker en temadag om æ, ø og å" in source_page.text
    meeting_page = client.get(f"/moeder/{source_meeting.pk}/")
    assert "Videregivet til" in meeting_page.text
    assert "Kvitteret</span> – Drøftet – vi ønsker en temadag om æ, ø og å" in meeting_page.text
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.ACKNOWLEDGED
    assert cascade.handled_at is not None
    assert cascade.acknowledged_at is not None


def test_a_target_without_a_planned_meeting_waits_until_one_is_planned() -> None:
    main, sectors = med_tree(sectors=1)
    item = full_item(plan_meeting(committee=main, held_on=date(2025, 6, 27)))
    held = plan_meeting(committee=sectors[0], held_on=date(2025, 1, 1))
    set_meeting_status(meeting=held, status=MeetingStatus.CANCELLED)
    (cascade,) = cascade_item(item=item, targets=sectors, acting_user=None)
    assert cascade.status == CascadeStatus.SENT
    assert cascade.target_item is None
    assert list(Cascade.objects.waiting()) == [cascade]
    meeting = plan_meeting(committee=sectors[0], held_on=future())
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.ON_AGENDA
    assert cascade.target_item is not None
    assert cascade.target_item.meeting == meeting
    summary = cascade.target_item.sections.get(kind="summary").body
    assert "Resumé åbent" in summary
    attachments = list(cascade.target_item.attachments.values_list("title", "is_public"))
    assert ("Fortroligt bilag ØKONOMI-X", False) in attachments


def test_passing_an_item_twice_to_the_same_committee_changes_nothing() -> None:
    main, sectors = med_tree(sectors=2)
    item = full_item(plan_meeting(committee=main, held_on=date(2025, 6, 27)))
    plan_meeting(committee=sectors[0], held_on=future())
    assert len(cascade_item(item=item, targets=sectors, acting_user=None)) == 2
    assert cascade_item(item=item, targets=sectors, acting_user=None) == []
    assert Cascade.objects.count() == 2


def test_only_lower_committees_can_receive_and_closed_items_are_never_passed_on() -> None:
    main, sectors = med_tree(sectors=1)
    meeting = plan_meeting(committee=sectors[0], held_on=date(2025, 6, 27))
    item = full_item(meeting)
    with pytest.raises(ValidationError, match="underliggende"):
        cascade_item(item=item, targets=[main], acting_user=None)
    closed = full_item(meeting, closed=True, title="Lukket")
    lower = main.children.get().children.all()
    with pytest.raises(ValidationError, match="lukket"):
        cascade_item(item=closed, targets=list(lower), acting_user=None)


def test_acknowledging_needs_the_item_on_an_agenda_and_keeps_comments_short() -> None:
    main, sectors = med_tree(sectors=1)
    item = full_item(plan_meeting(committee=main, held_on=date(2025, 6, 27)))
    (cascade,) = cascade_item(item=item, targets=sectors, acting_user=None)
    with pytest.raises(ValidationError):
        acknowledge_cascade(cascade=cascade, comment="ok")
    plan_meeting(committee=sectors[0], held_on=future())
    cascade.refresh_from_db()
    with pytest.raises(ValidationError):
        acknowledge_cascade(cascade=cascade, comment="x" * 5001)


def test_other_secretaries_and_visitors_cannot_pass_on_or_acknowledge(client: Client) -> None:
    main, sectors = med_tree(sectors=2)
    item = full_item(plan_meeting(committee=main, held_on=date(2025, 6, 27)))
    plan_meeting(committee=sectors[0], held_on=future())
    (cascade, _) = cascade_item(item=item, targets=sectors, acting_user=None)
    assert client.get("/sekretariat/").status_code == 302
    client.force_login(make_staff("moderator", Role.MODERATOR))
    assert client.get("/sekretariat/").status_code == 403
    client.force_login(secretary_of(sectors[1], username="anden"))
    assert (
        client.post(f"/sekretariat/punkter/{item.pk}/videregiv/", {"level": "sector"}).status_code
        == 404
    )
    assert client.post(f"/sekretariat/videregivelser/{cascade.pk}/kvitter/").status_code == 404
    assert client.get(f"/sekretariat/videregivelser/{cascade.pk}/").status_code == 404


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"level": "månen"},
        {"targets": ["999999"]},
        {"targets": ["<script>alert(1)</script>"]},
        {"level": "sector", "message": "x" * 6000},
        {"level": "sector'; DROP TABLE meetings_cascade;--"},
    ],
)
def test_bad_cascade_input_gives_a_danish_message_not_a_500(client: Client, payload) -> None:
    main, sectors = med_tree(sectors=1)
    item = full_item(plan_meeting(committee=main, held_on=date(2025, 6, 27)))
    client.force_login(secretary_of(main, *sectors))
    response = client.post(f"/sekretariat/punkter/{item.pk}/videregiv/", payload, follow=True)
    assert response.status_code == 200
    assert 'class="alert alert-error"' in response.text
    assert Cascade.objects.count() == 0


def test_the_journey_forms_carry_csrf_tokens_so_a_real_browser_can_post() -> None:
    import re

    main, sectors = med_tree(sectors=1)
    item = add_item(
        meeting=plan_meeting(committee=main, held_on=date(2025, 6, 27)), title="Punkt", number=40
    )
    meeting = plan_meeting(committee=sectors[0], held_on=future())
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(secretary_of(main, *sectors))

    def post(page: str, action: str, data: dict[str, str]) -> None:
        html = browser.get(page).text
        form = html[html.index(f'action="{action}"') :]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert token is not None
        response = browser.post(action, {**data, "csrfmiddlewaretoken": token[1]})
        assert response.status_code == 302

    post(
        f"/sekretariat/punkter/{item.pk}/",
        f"/sekretariat/punkter/{item.pk}/videregiv/",
        {"level": "sector"},
    )
    cascade = Cascade.objects.get()
    assert meeting.items.filter(is_draft=True).count() == 1
    page = f"/sekretariat/videregivelser/{cascade.pk}/"
    post(page, f"{page}behandlet/", {})
    post(page, f"{page}kvitter/", {"comment": "Taget til efterretning"})
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.ACKNOWLEDGED
