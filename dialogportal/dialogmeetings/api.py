"""Read-only API: a process's dialog meetings, as the public pages show them (no registrant
data, ever)."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from dialogportal.dialogmeetings.models import DialogMeeting
from dialogportal.dialogmeetings.permissions import get_meeting_for_user, visible_meetings
from dialogportal.dialogmeetings.queries import process_meetings
from dialogportal.processes.permissions import get_process_for_user


def _meeting(meeting: DialogMeeting, *, input_count: int | None = None) -> dict[str, Any]:
    now = timezone.now()
    return {
        "id": meeting.pk,
        "process": meeting.process.slug,
        "title": meeting.title,
        "kind": meeting.kind,
        "status": meeting.status,
        "cancel_reason": meeting.cancel_reason,
        "starts_at": meeting.starts_at.isoformat(),
        "ends_at": meeting.ends_at.isoformat(),
        "place": meeting.place,
        "address": meeting.address,
        "postcode": meeting.postcode,
        "district": meeting.district,
        "host_name": meeting.host_name,
        "professional_field": meeting.professional_field,
        "focus_areas": [area.slug for area in meeting.covered_focus_areas()],
        "capacity": meeting.capacity,
        "registration_open": meeting.is_registration_open_at(now),
        "registration_closes_at": meeting.registration_closes_at.isoformat()
        if meeting.registration_closes_at
        else None,
        "input_count": input_count,
        "url": meeting.get_absolute_url(),
    }


@extend_schema(responses={200: dict}, summary="A process's dialog meetings")
@api_view(["GET"])
def process_dialog_meetings(request: Request, slug: str) -> Response:
    process = get_process_for_user(request.user, slug)
    lists = process_meetings(visible_meetings(request.user).filter(process=process))
    return Response(
        {
            "process": process.slug,
            "upcoming": [_meeting(m) for m in lists.upcoming],
            "past": [_meeting(p.meeting, input_count=p.input_count) for p in lists.past],
        }
    )


@extend_schema(responses={200: dict}, summary="One dialog meeting")
@api_view(["GET"])
def dialog_meeting(request: Request, pk: int) -> Response:
    return Response(_meeting(get_meeting_for_user(request.user, pk)))
