"""Every checkbox and radio button of every form is drawn beside its own label, at desktop width
and on a 390 px phone (bounding boxes in a real browser). axe cannot see this: a box wrapped in a
plain form-group is positioned against the page, so boxes stack on top of each other or jump to
the top of the page (the fault of issue 18), while every ARIA rule still holds."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from dialogportal.accounts.models import Role
from dialogportal.dialogmeetings.services import MeetingPlan, plan_meeting
from tests.browser_support import assert_accessible
from tests.factories import make_input, make_process, make_staff, publish

pytestmark = pytest.mark.django_db(transaction=True)

# For each checkbox/radio: its box and its label's box (the visible square is the label's
# ::before, drawn where the invisible input lies).
BOXES_JS = """() => [...document.querySelectorAll(
    'main input[type=checkbox], main input[type=radio]')].map(input => {
  const label = input.id ? document.querySelector(`label[for="${input.id}"]`) : null;
  const a = input.getBoundingClientRect();
  const b = label ? label.getBoundingClientRect() : null;
  return {id: input.id || input.name, input: [a.left, a.top, a.width, a.height],
          label: b ? [b.left, b.top, b.width, b.height] : null};
})"""


def assert_choices_beside_labels(page: Any) -> int:
    """Each control lies at the start of its label's first line, and no two share a place."""
    boxes = page.evaluate(BOXES_JS)
    places = set()
    for box in boxes:
        assert box["label"] is not None, f"{page.url}: {box['id']} has no label"
        input_left, input_top, width, height = box["input"]
        label_left, label_top, label_width, _label_height = box["label"]
        assert width > 0, f"{page.url}: {box['id']} is not drawn"
        assert height > 0, f"{page.url}: {box['id']} is not drawn"
        assert abs(input_left - label_left) <= 4, f"{page.url}: {box['id']} not at its label {box}"
        assert label_top - 4 <= input_top <= label_top + 16, f"{page.url}: {box['id']} {box}"
        assert label_width > width, f"{page.url}: {box['id']} label has no text beside the box"
        place = (round(input_left), round(input_top))
        assert place not in places, f"{page.url}: {box['id']} drawn on top of another control"
        places.add(place)
    return len(boxes)


def _login(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("pw-for-tests-123")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_every_checkbox_and_radio_is_drawn_beside_its_label(
    page: Any, live_server: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    process = make_process(slug="by")
    area = process.focus_areas.order_by("order").first()
    assert area is not None
    published = make_input(process)
    publish(published)
    now = timezone.now()
    meeting = plan_meeting(
        process=process,
        plan=MeetingPlan(
            title="Forsamlingshusmøde i Assentoft",
            kind="village_hall",
            starts_at=now + timedelta(days=14),
            ends_at=now + timedelta(days=14, hours=2),
            place="Forsamlingshuset",
            postcode="8960",
            host_name="Vært",
        ),
        acting_user=None,
    )
    make_staff("admin", Role.ADMINISTRATOR)
    public_forms = [
        f"/processer/by/fokus/{area.slug}/giv-input/",
        f"/dialogmoeder/{meeting.pk}/",
        f"/input/{published.pk}/anmeld/",
    ]
    staff_forms = [
        "/medarbejder/ny-proces/",
        "/medarbejder/processer/by/ret/",
        "/medarbejder/processer/by/faser/ny/",
        "/medarbejder/processer/by/dokumenter/nyt/",
        "/medarbejder/processer/by/input/ny/",
        "/medarbejder/dialogmoeder/" + str(meeting.pk) + "/rediger/",
        "/moderering/",
    ]
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        counted = 0
        for url in public_forms:
            page.goto(f"{live_server.url}{url}")
            counted += assert_choices_beside_labels(page)
        if width == 1280:
            _login(page, live_server, "admin")
        for url in staff_forms:
            page.goto(f"{live_server.url}{url}")
            counted += assert_choices_beside_labels(page)
        assert counted >= 20  # the forms above hold at least this many controls
    # The input form itself passes axe with its controls in place.
    page.goto(f"{live_server.url}{public_forms[0]}")
    assert_accessible(page)
