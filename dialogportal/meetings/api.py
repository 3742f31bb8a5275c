"""Read API: committees, their meetings and each meeting's document – redacted exactly as the
HTML pages are (`permissions.document_for_user`)."""

from typing import Any

from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from dialogportal.meetings.permissions import (
    document_for_user,
    get_committee_for_user,
    get_meeting_for_user,
    readable_committees,
    readable_meetings,
)


def _committee(committee: Any) -> dict[str, Any]:
    return {
        "slug": committee.slug,
        "name": committee.name,
        "kind": committee.kind,
        "level": committee.level,
        "parent": committee.parent.slug if committee.parent else None,
        "is_public": committee.is_public,
    }


@extend_schema(
    responses={200: OpenApiResponse(build_array_type(build_basic_type(OpenApiTypes.OBJECT) or {}))},
    summary="Committees the caller may read",
)
@api_view(["GET"])
def committees(request: Request) -> Response:
    rows = readable_committees(request.user).select_related("parent").order_by("name")
    return Response([_committee(c) for c in rows])


@extend_schema(responses={200: dict}, summary="A committee's meetings")
@api_view(["GET"])
def committee_meetings(request: Request, slug: str) -> Response:
    committee = get_committee_for_user(request.user, slug)
    meetings = readable_meetings(request.user, committee).order_by("-held_on")[:500]
    return Response(
        {
            "committee": _committee(committee),
            "meetings": [
                {
                    "id": m.pk,
                    "held_on": m.held_on.isoformat(),
                    "start_time": m.start_time.strftime("%H:%M") if m.start_time else None,
                    "place": m.place,
                    "status": m.status,
                }
                for m in meetings
            ],
        }
    )


@extend_schema(responses={200: dict}, summary="A meeting's agenda or minutes")
@api_view(["GET"])
def meeting(request: Request, pk: int) -> Response:
    obj = get_meeting_for_user(request.user, pk)
    return Response(document_for_user(request.user, obj).to_json())
