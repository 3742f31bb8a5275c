from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dialogportal.accounts.models import Role
from dialogportal.accounts.services import sync_roles
from dialogportal.meetings import demo as meetings_demo
from dialogportal.meetings.models import AgendaItem, Meeting
from dialogportal.meetings.services import plan_meeting, record_decision
from dialogportal.organisation import demo as organisation_demo
from dialogportal.organisation.models import Committee, Membership
from tests.factories import make_process
from tests.meetings.builders import full_item, med_tree, secretary_of

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        Committee.objects.count(),
        Membership.objects.count(),
        Meeting.objects.count(),
        AgendaItem.objects.count(),
    )


def test_demo_builds_the_med_hierarchy_and_meetings_and_a_second_run_changes_nothing() -> None:
    sync_roles()
    organisation_demo.load(log=lambda _: None)
    meetings_demo.load(log=lambda _: None)
    assert Committee.objects.filter(level="sector").count() == 5
    assert Committee.objects.filter(level="local").count() == 20
    main = Committee.objects.get(slug="hovedudvalget")
    imported = Meeting.objects.get(committee=main, held_on=date(2025, 9, 5))
    assert imported.items.filter(number=46).exists()
    before = _counts()
    organisation_demo.load(log=lambda _: None)
    meetings_demo.load(log=lambda _: None)
    assert _counts() == before


def test_secretary_sends_the_committees_discussion_to_a_process_once(client: Client) -> None:
    main, _ = med_tree()
    process = make_process(slug="dialog")
    item = full_item(plan_meeting(committee=main, held_on=date(2025, 6, 27)))
    record_decision(
        item=item,
        text="Udvalget foreslår flere småjobs i samarbejde med erhvervslivet.",
        acting_user=None,
    )
    client.force_login(secretary_of(main))
    for _ in range(2):
        response = client.post(
            f"/sekretariat/punkter/{item.pk}/send-input/", {"process": process.pk}, follow=True
        )
        assert response.status_code == 200
    from dialogportal.inputs.models import Input

    sent = Input.objects.get()
    assert sent.channel == "med_committee"
    assert sent.source == "MED Hovedudvalg"
    assert "småjobs" in sent.text
    page = client.get(f"/sekretariat/punkter/{item.pk}/")
    assert "Sendt som input" in page.text


def test_an_item_without_minutes_is_not_sent_as_input() -> None:
    from dialogportal.meetings.dialog import send_discussion_to_process
    from tests.factories import make_staff

    main, _ = med_tree()
    process = make_process(slug="dialog")
    item = full_item(plan_meeting(committee=main, held_on=date(2025, 6, 27)), closed=True)
    with pytest.raises(ValidationError):
        send_discussion_to_process(
            item=item,
            process=process,
            focus_area=None,
            acting_user=make_staff("x", Role.COMMITTEE_SECRETARY),
        )


def test_secretary_sends_a_whole_meetings_discussions_in_one_step(client: Client) -> None:
    from dialogportal.inputs.models import Input
    from tests.meetings.builders import approved_meeting

    main, _ = med_tree()
    process = make_process(slug="dialog")
    meeting, open_item, _ = approved_meeting(main)
    client.force_login(secretary_of(main))
    page = client.get(f"/sekretariat/moeder/{meeting.pk}/")
    assert "Send udvalgets drøftelser til dialogen" in page.text
    for _ in range(2):
        response = client.post(
            f"/sekretariat/moeder/{meeting.pk}/send-input/", {"process": process.pk}, follow=True
        )
        assert response.status_code == 200
    sent = Input.objects.get()
    assert sent.text == "Beslutning truffet"
    assert sent.title == f"MED Hovedudvalg: {open_item.title}"
    bad = client.post(
        f"/sekretariat/moeder/{meeting.pk}/send-input/", {"process": "x"}, follow=True
    )
    assert 'class="alert alert-error"' in bad.text


def _number_key(label: str) -> tuple[int, str]:
    digits = label.rstrip("abcdefghijklmnopqrstuvwxyz")
    return int(digits), label[len(digits) :]


def test_every_demo_meeting_page_lists_its_items_in_ascending_number_order(
    client: Client,
) -> None:
    import re
    from importlib import import_module

    from dialogportal.accounts.models import User

    for step in ("accounts", "organisation", "meetings"):
        import_module(f"dialogportal.{step}.demo").load(log=lambda _: None)
    client.force_login(User.objects.get(username="admin"))  # sees every meeting, planned too
    meetings = list(Meeting.objects.all())
    assert len(meetings) >= 12
    assert Meeting.objects.filter(committee__slug="teknik-og-miljoe").exists()
    for meeting in meetings:
        for path in (f"/moeder/{meeting.pk}/", f"/sekretariat/moeder/{meeting.pk}/"):
            page = client.get(path)
            assert page.status_code == 200, path
            if path.startswith("/moeder/"):
                labels = re.findall(r'class="agenda-item__title"[^>]*>Punkt (\w+):', page.text)
            else:
                labels = re.findall(r'<tr id="raekke-\d+">\s*<td>(\w+)</td>', page.text)
            assert len(labels) == meeting.items.count(), path
            assert labels == sorted(labels, key=_number_key), (path, labels)


def test_the_demo_cases_bilag_is_a_real_pdf_on_every_step_of_its_sagsgang(client: Client) -> None:
    for step in (organisation_demo, meetings_demo):
        step.load(log=lambda _: None)
    items = AgendaItem.objects.filter(case__journal_number="05.00.00-P20-4-25")
    assert items.count() == 3
    for item in items:
        attachment = item.attachments.get()
        assert attachment.is_public
        # The public downloads it once the meeting's minutes are approved.
        download = client.get(f"/bilag/{attachment.pk}/")
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
