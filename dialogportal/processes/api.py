"""Read-only REST API of processes: `/api/v1/processes/` and `/api/v1/processes/{slug}/`."""

from django.utils import timezone
from rest_framework import generics, serializers

from dialogportal.processes.models import FocusArea, Phase, Process


class FocusAreaSerializer(serializers.ModelSerializer[FocusArea]):
    class Meta:
        model = FocusArea
        fields = ["slug", "title", "description"]


class PhaseSerializer(serializers.ModelSerializer[Phase]):
    accepts_input = serializers.SerializerMethodField()
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = Phase
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "accepts_input",
            "is_current",
        ]

    def get_accepts_input(self, phase: Phase) -> bool:
        return phase.rules.accepts_input

    def get_is_current(self, phase: Phase) -> bool:
        return phase.is_open_at(timezone.now())


class ProcessListSerializer(serializers.ModelSerializer[Process]):
    class Meta:
        model = Process
        fields = ["slug", "title", "summary"]


class ProcessDetailSerializer(serializers.ModelSerializer[Process]):
    focus_areas = FocusAreaSerializer(many=True, read_only=True)
    phases = PhaseSerializer(many=True, read_only=True)

    class Meta:
        model = Process
        fields = ["slug", "title", "summary", "body", "focus_areas", "phases"]


class ProcessListView(generics.ListAPIView[Process]):
    """Published processes."""

    serializer_class = ProcessListSerializer
    queryset = Process.objects.published().order_by("-created_at", "title")


class ProcessDetailView(generics.RetrieveAPIView[Process]):
    """One published process with its focus areas and phases."""

    serializer_class = ProcessDetailSerializer
    lookup_field = "slug"
    queryset = Process.objects.published().prefetch_related("focus_areas", "phases")
