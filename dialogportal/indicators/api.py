"""REST API: a process's indicators with their series, and each series as CSV."""

import csv
import io
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dialogportal.indicators.areas import area_name
from dialogportal.indicators.models import ComparisonSet, Indicator
from dialogportal.indicators.permissions import get_indicator_for_user
from dialogportal.indicators.queries import series_data
from dialogportal.processes.permissions import get_process_for_user


class PointSerializer(serializers.Serializer[Any]):
    period = serializers.CharField()
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)


class SeriesSerializer(serializers.Serializer[Any]):
    area_code = serializers.CharField()
    area_name = serializers.CharField()
    role = serializers.ChoiceField(choices=["municipality", "country", "peer", "other"])
    points = PointSerializer(many=True)


class IndicatorSerializer(serializers.Serializer[Any]):
    slug = serializers.SlugField()
    name = serializers.CharField()
    unit = serializers.CharField()
    description = serializers.CharField()
    is_higher_better = serializers.BooleanField(allow_null=True)
    source_kind = serializers.CharField()
    table_id = serializers.CharField()
    citation = serializers.CharField()
    provenance = serializers.CharField()
    is_demo = serializers.BooleanField()
    focus_areas = serializers.ListField(child=serializers.SlugField())
    csv_url = serializers.CharField()
    series = SeriesSerializer(many=True)


def _role(code: str, comparison: ComparisonSet | None) -> str:
    if comparison is None:
        return "other"
    if code == comparison.municipality_code:
        return "municipality"
    if code == comparison.country_code:
        return "country"
    return "peer" if code in comparison.peer_codes else "other"


class IndicatorListView(APIView):
    """Every key figure of a published process, with its series per area."""

    @extend_schema(responses=IndicatorSerializer(many=True))
    def get(self, request: Request, slug: str) -> Response:
        process = get_process_for_user(request.user, slug)
        comparison = ComparisonSet.objects.filter(process=process).first()
        indicators = list(
            process.indicators.prefetch_related("focus_areas").order_by("order", "name")
        )
        data = series_data(indicators, comparison)
        order = comparison.area_codes if comparison else []
        payload = []
        for indicator in indicators:
            series = data[indicator.pk]
            codes = sorted(
                series.values, key=lambda c: (order.index(c) if c in order else len(order), c)
            )
            payload.append(
                {
                    "slug": indicator.slug,
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "description": indicator.description,
                    "is_higher_better": indicator.is_higher_better,
                    "source_kind": indicator.source_kind,
                    "table_id": indicator.table_id,
                    "citation": indicator.citation,
                    "provenance": indicator.provenance,
                    "is_demo": indicator.is_demo,
                    "focus_areas": [area.slug for area in indicator.focus_areas.all()],
                    "csv_url": request.build_absolute_uri(
                        reverse(
                            "indicators-api:series_csv",
                            kwargs={"slug": process.slug, "indicator_slug": indicator.slug},
                        )
                    ),
                    "series": [
                        {
                            "area_code": code,
                            "area_name": area_name(code),
                            "role": _role(code, comparison),
                            "points": [
                                {"period": period, "value": series.values[code][period]}
                                for period in series.periods
                                if period in series.values[code]
                            ],
                        }
                        for code in codes
                    ],
                }
            )
        return Response(IndicatorSerializer(payload, many=True).data)


def _danish(value: Decimal | None) -> str:
    if value is None:
        return ".."
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


class SeriesCSVView(APIView):
    """One indicator's observations as CSV (semicolon, decimal comma, UTF-8 with BOM), in the
    same columns the upload accepts."""

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(description="CSV")})
    def get(self, request: Request, slug: str, indicator_slug: str) -> HttpResponse:
        indicator: Indicator = get_indicator_for_user(request.user, slug, indicator_slug)
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(["område", "områdenavn", "periode", "værdi"])
        for code, period, value in indicator.observations.order_by(
            "area_code", "period"
        ).values_list("area_code", "period", "value"):
            writer.writerow([code, area_name(code), period, _danish(value)])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{indicator.process.slug}-{indicator.slug}.csv"'
        )
        return response
