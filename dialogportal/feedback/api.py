"""REST API of the feedback app: an input's status and answer by its private receipt token, and
the public per-area feedback summary of a process."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dialogportal.feedback import queries
from dialogportal.inputs.models import Channel, ContributorType, FeedbackStatus
from dialogportal.inputs.permissions import get_input_by_receipt
from dialogportal.processes.permissions import get_process_for_user


class ReceiptFeedbackSerializer(serializers.Serializer[Any]):
    status = serializers.CharField()
    status_label = serializers.CharField()
    explanation = serializers.CharField()
    changed_at = serializers.DateTimeField(allow_null=True)
    answer = serializers.CharField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    answer_scope = serializers.CharField(allow_null=True)
    outcomes = serializers.ListField(child=serializers.CharField())


class ReceiptFeedbackView(APIView):
    """Status and answer of one input, for whoever holds its receipt token (no login)."""

    authentication_classes: list[type] = []

    @extend_schema(responses=ReceiptFeedbackSerializer, operation_id="feedback_by_receipt")
    def get(self, request: Request, token: str) -> Response:
        item = get_input_by_receipt(token)
        fb = queries.receipt_feedback(item)
        data = {
            "status": fb.status,
            "status_label": fb.status_label,
            "explanation": fb.explanation,
            "changed_at": fb.changed_at,
            "answer": fb.answer_text or None,
            "answered_at": fb.answered_at,
            "answer_scope": fb.answer_scope or None,
            "outcomes": [str(outcome) for outcome in fb.outcomes],
        }
        response = Response(ReceiptFeedbackSerializer(data).data)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response


class ThemeFeedbackSerializer(serializers.Serializer[Any]):
    # The theme's label (the name clashes with Field.label, which a serializer field never uses).
    label = serializers.CharField()  # type: ignore[assignment]
    size = serializers.IntegerField()
    is_other = serializers.BooleanField()
    status = serializers.ChoiceField(choices=FeedbackStatus.choices, allow_null=True)
    status_label = serializers.CharField(allow_null=True)
    answer = serializers.CharField(allow_null=True)
    explanation = serializers.CharField(allow_null=True, allow_blank=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    outcomes = serializers.ListField(child=serializers.CharField())
    quotes = serializers.ListField(child=serializers.CharField())


class AreaFeedbackSerializer(serializers.Serializer[Any]):
    focus_area = serializers.CharField()
    title = serializers.CharField()
    received = serializers.IntegerField()
    published = serializers.IntegerField()
    by_channel = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Published inputs per channel code: " + ", ".join(Channel.values),
    )
    by_contributor_type = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Published inputs per contributor type code: "
        + ", ".join(ContributorType.values),
    )
    themes = ThemeFeedbackSerializer(many=True)


class ProcessFeedbackSerializer(serializers.Serializer[Any]):
    process = serializers.CharField()
    title = serializers.CharField()
    areas = AreaFeedbackSerializer(many=True)


class ProcessFeedbackView(APIView):
    """What was heard per focus area and the municipality's answers (public inputs only). Counts
    are keyed by stable codes (`citizen`, `med_committee` …), not by translated labels."""

    @extend_schema(responses=ProcessFeedbackSerializer, operation_id="process_feedback_summary")
    def get(self, request: Request, slug: str) -> Response:
        process = get_process_for_user(request.user, slug)
        data = {
            "process": process.slug,
            "title": process.title,
            "areas": queries.area_feedback_summary(process),
        }
        return Response(ProcessFeedbackSerializer(data).data)
