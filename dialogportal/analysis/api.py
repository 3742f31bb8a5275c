"""Staff API of the analysis: list and start runs of a process, read a run's results."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dialogportal.analysis import queries
from dialogportal.analysis.models import AnalysisRun
from dialogportal.analysis.permissions import (
    acting_user,
    can_run_analysis,
    get_process_for_analysis,
    get_run_for_user,
    require,
)
from dialogportal.analysis.services import AnalysisAlreadyRunningError, start_analysis_run


class RunListView(APIView):
    """The analysis runs of a process, newest first; POST starts a new one."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, slug: str) -> Response:
        process = get_process_for_analysis(request.user, slug)
        runs = AnalysisRun.objects.filter(process=process).select_related("process")[:100]
        return Response({"results": [queries.run_summary(run) for run in runs]})

    @extend_schema(request=None, responses={201: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT})
    def post(self, request: Request, slug: str) -> Response:
        process = get_process_for_analysis(request.user, slug)
        require(can_run_analysis(request.user))
        try:
            run = start_analysis_run(process=process, acting_user=acting_user(request.user))
        except AnalysisAlreadyRunningError as exc:
            body: dict[str, Any] = {"detail": str(exc), "run": queries.run_summary(exc.run)}
            return Response(body, status=status.HTTP_409_CONFLICT)
        return Response(queries.run_summary(run), status=status.HTTP_201_CREATED)


class RunDetailView(APIView):
    """A run with everything it found (when done): areas, themes, cited summaries,
    duplicates and misplaced inputs, by input id."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, run_id: int) -> Response:
        run = get_run_for_user(request.user, run_id)
        if not run.is_done:
            body = {**queries.run_summary(run), "detail": _("Kørslen er ikke færdig.")}
            return Response(body)
        return Response(queries.run_results(run))
