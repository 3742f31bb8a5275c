import pytest

from dialogportal.core.demo import load_demo
from dialogportal.dialogmeetings.models import DialogMeeting, MeetingStatus, Registration

pytestmark = pytest.mark.django_db


def test_the_demo_adds_four_meetings_once() -> None:
    load_demo(log=lambda _line: None)
    load_demo(log=lambda _line: None)
    assert DialogMeeting.objects.count() == 4
    held = DialogMeeting.objects.get(status=MeetingStatus.HELD)
    assert held.meeting_inputs.count() == 5
    assert Registration.objects.count() == 2
    open_now = DialogMeeting.objects.filter(process__slug="groen-omstilling", is_public=True).get()
    assert Registration.objects.filter(meeting=open_now).count() == 2
