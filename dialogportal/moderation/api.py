"""Staff REST API of the moderation queue (token authentication): read the queue with its hits,
take a decision. The same services as the pages; the same access logging."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dialogportal.accounts.access import log_access_many
from dialogportal.accounts.authentication import ExpiringTokenAuthentication
from dialogportal.accounts.models import AccessKind, User
from dialogportal.core.api import paginated
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.moderation import permissions as moderation_permissions
from dialogportal.moderation import services
from dialogportal.moderation.queries import Review, moderation_inputs, review


class CanModerate(permissions.BasePermission):
    message = _("Du har ikke adgang til moderation.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return moderation_permissions.can_moderate(request.user)


class HitSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    kind = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()


class AttachmentScreeningSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    is_public = serializers.BooleanField()
    status = serializers.CharField(allow_null=True)
    hit_count = serializers.IntegerField()
    needs_manual_check = serializers.BooleanField()


class QueueEntrySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    process = serializers.CharField()
    focus_area = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    text = serializers.CharField()
    moderation_state = serializers.CharField()
    open_reports = serializers.IntegerField()
    hits = HitSerializer(many=True)
    attachments = AttachmentScreeningSerializer(many=True)


def _entry(found: Review) -> dict[str, Any]:
    item = found.item
    return {
        "id": item.pk,
        "process": item.process.slug,
        "focus_area": item.focus_area.slug if item.focus_area else None,
        "title": item.title,
        "text": item.text,
        "moderation_state": item.moderation_state,
        "open_reports": getattr(item, "open_reports", 0),
        "hits": [
            {
                "field": hit.field.value,
                "kind": hit.hit.kind,
                "start": hit.hit.start,
                "end": hit.hit.end,
                "text": hit.hit.text,
            }
            for hit in found.hits
        ],
        "attachments": [
            {
                "id": attachment.pk,
                "name": attachment.original_name,
                "is_public": attachment.is_public,
                "status": result.status if result else None,
                "hit_count": result.hit_count if result else 0,
                "needs_manual_check": result is None or result.needs_manual_check,
            }
            for attachment, result in found.attachments
        ],
    }


class QueueView(APIView):
    """Inputs awaiting review or reported, oldest first, with what screening finds in them."""

    authentication_classes = [ExpiringTokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.IsAuthenticated, CanModerate]

    @extend_schema(responses=paginated("PaginatedQueue", QueueEntrySerializer(many=True)))
    def get(self, request: Request) -> Response:
        user = request.user
        assert isinstance(user, User)
        paginator = PageNumberPagination()
        process = str(request.query_params.get("process", ""))[:80]
        page = paginator.paginate_queryset(moderation_inputs("queue", process), request, view=self)
        reviews = [review(item) for item in page or []]
        log_access_many(
            user=user,
            kind=AccessKind.HIDDEN_INPUT,
            objects=[
                r.item for r in reviews if r.item.moderation_state != ModerationState.PUBLISHED
            ],
            request=request._request,
            detail="api: queue",
        )
        return paginator.get_paginated_response([_entry(found) for found in reviews])


class DecisionSerializer(serializers.Serializer[Any]):
    action = serializers.ChoiceField(
        choices=["publish", "publish_redacted", "hide", "reject", "keep"],
        error_messages={"invalid_choice": _("Ukendt handling: %(input)s.")},
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    confirm_hits = serializers.BooleanField(required=False, default=False)


class DecisionView(APIView):
    """Take a decision on one input; 400 with a Danish message when it cannot be taken."""

    authentication_classes = [ExpiringTokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.IsAuthenticated, CanModerate]

    @extend_schema(request=DecisionSerializer, responses={200: QueueEntrySerializer})
    def post(self, request: Request, input_id: int) -> Response:
        item = moderation_permissions.get_input_for_moderation(request.user, input_id)
        user = request.user
        assert isinstance(user, User)
        incoming = DecisionSerializer(data=request.data)
        if not incoming.is_valid():
            return Response(incoming.errors, status=status.HTTP_400_BAD_REQUEST)
        data = incoming.validated_data
        # A decision the rules refuse (ModerationError, 400) is answered by the exception handler.
        if data["action"] == "publish":
            services.publish_input(item=item, acting_user=user, confirm_hits=data["confirm_hits"])
        elif data["action"] == "publish_redacted":
            services.publish_input_redacted(item=item, acting_user=user)
        elif data["action"] == "hide":
            services.hide_input(item=item, acting_user=user)
        elif data["action"] == "reject":
            services.reject_input(item=item, acting_user=user, reason=data.get("reason", ""))
        else:
            services.keep_input(item=item, acting_user=user)
        fresh = Input.objects.select_related("process", "focus_area").get(pk=item.pk)
        return Response(_entry(review(fresh)))
