"""REST API of inputs. POST goes through `services.submit_input`, the same service as the form."""

from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dialogportal.accounts.models import User
from dialogportal.inputs import exports
from dialogportal.inputs.models import Channel, ContributorType, Input
from dialogportal.inputs.permissions import can_view_inputs
from dialogportal.inputs.queries import public_input
from dialogportal.inputs.services import (
    CONSENT_TEXT_VERSION,
    IdempotencyConflictError,
    PhaseClosedError,
    RateLimitedError,
    submit_input,
)
from dialogportal.inputs.staff_filters import filter_from_params
from dialogportal.inputs.views import client_ip
from dialogportal.processes.models import FocusArea, Process


class DanishErrorsMixin:
    """DRF's parse and media-type errors, in the project's words."""

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, exceptions.ParseError):
            exc = exceptions.ParseError(
                _("Ugyldig JSON: kroppen kunne ikke læses som et JSON-objekt.")
            )
        elif isinstance(exc, exceptions.UnsupportedMediaType):
            exc = exceptions.UnsupportedMediaType(
                exc.args[0] if exc.args else "",
                _("Send input som JSON med Content-Type: application/json."),
            )
        elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            exc = exceptions.NotAuthenticated(
                _("Log ind med et gyldigt token (Authorization: Token …).")
            )
        response: Response = super().handle_exception(exc)  # type: ignore[misc]
        return response


class PublicAttachmentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.CharField()


class PublicInputSerializer(serializers.Serializer[Any]):
    """An input as the public may see it (built from `queries.PublicInput`)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    focus_area_slug = serializers.CharField(allow_null=True)
    focus_area_title = serializers.CharField(allow_null=True)
    contributor_type = serializers.CharField()
    contributor_type_label = serializers.CharField()
    organisation = serializers.CharField()
    name = serializers.CharField()
    postcode = serializers.CharField()
    town = serializers.CharField()
    given_on = serializers.DateField()
    attachments = PublicAttachmentSerializer(many=True)


class SubmitInputSerializer(serializers.Serializer[Any]):
    """Parses the JSON body only; every rule is in `services.submit_input`."""

    focus_area = serializers.CharField(allow_null=True, allow_blank=True, required=False)
    title = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    contributor_type = serializers.ChoiceField(choices=ContributorType.choices)
    organisation = serializers.CharField(allow_blank=True, required=False)
    name = serializers.CharField(allow_blank=True, required=False)
    email = serializers.CharField(allow_blank=True, required=False)
    postcode = serializers.CharField(allow_blank=True, required=False)
    consent_publish_name = serializers.BooleanField()
    consent_contact = serializers.BooleanField()
    consent_text_version = serializers.CharField(
        required=False,
        help_text="Version of the privacy text the contributor accepted; default: the current.",
    )

    default_error_messages = {"invalid": "Send et JSON-objekt."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        messages = {
            "required": _("Feltet skal være med."),
            "null": _("Feltet må ikke være null."),
            "invalid": _("Ugyldig værdi."),
            "invalid_choice": _("»{input}« er ikke en gyldig værdi."),
        }
        for field in self.fields.values():
            field.error_messages.update(
                {key: value for key, value in messages.items() if key in field.error_messages}
            )


def _get_public_process(slug: str) -> Process:
    try:
        return Process.objects.published().get(slug=slug)
    except Process.DoesNotExist as exc:
        raise Http404 from exc


class InputPagination(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class ProcessInputsView(DanishErrorsMixin, APIView):
    """Published inputs of a process (GET) and a new input (POST, optional Idempotency-Key)."""

    parser_classes = [JSONParser]
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=PublicInputSerializer(many=True))
    def get(self, request: Request, slug: str) -> Response:
        process = _get_public_process(slug)
        qs = (
            Input.objects.public()
            .filter(process=process)
            .select_related("focus_area", "process")
            .prefetch_related("attachments")
            .order_by("-created_at", "-id")
        )
        paginator = InputPagination()
        page = paginator.paginate_queryset(qs, request, view=self) or []
        data = [asdict(public_input(obj)) for obj in page]
        return paginator.get_paginated_response(PublicInputSerializer(data, many=True).data)

    @extend_schema(
        request=SubmitInputSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Repeat a request with the same key to get the same input back.",
            )
        ],
        responses={
            201: inline_serializer(
                "InputCreated",
                {"id": serializers.IntegerField(), "receipt_url": serializers.URLField()},
            )
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        process = _get_public_process(slug)
        if not isinstance(request.data, dict):
            return Response(
                {"detail": _("Send et JSON-objekt med felterne for dit input.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        parsed = SubmitInputSerializer(data=request.data)
        if not parsed.is_valid():
            return Response(parsed.errors, status=status.HTTP_400_BAD_REQUEST)
        data = parsed.validated_data
        area_slug = data.get("focus_area") or ""
        area = None
        if area_slug:
            area = process.focus_areas.filter(slug=area_slug[:80]).first()
            if area is None:
                return Response(
                    {
                        "focus_area": [
                            _("Fokusområdet »%(slug)s« findes ikke i denne proces.")
                            % {"slug": area_slug[:80]}
                        ]
                    },
                    status=status.HTTP_400_BAD_REQUEST,
                )
        try:
            obj = submit_input(
                process=process,
                focus_area=area,
                text=data["text"],
                title=data.get("title", ""),
                contributor_type=data["contributor_type"],
                organisation=data.get("organisation", ""),
                name=data.get("name", ""),
                email=data.get("email", ""),
                postcode=data.get("postcode", ""),
                consent_publish_name=data["consent_publish_name"],
                consent_contact=data["consent_contact"],
                consent_text_version=data.get("consent_text_version", CONSENT_TEXT_VERSION),
                idempotency_key=request.headers.get("Idempotency-Key", ""),
                submitted_ip=client_ip(request._request),
            )
        except ValidationError as exc:
            return Response(exc.message_dict, status=status.HTTP_400_BAD_REQUEST)
        except PhaseClosedError as exc:
            return Response({"detail": exc.message}, status=status.HTTP_403_FORBIDDEN)
        except IdempotencyConflictError as exc:
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        except RateLimitedError as exc:
            return Response({"detail": exc.message}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        response = Response(
            {"id": obj.pk, "receipt_url": request.build_absolute_uri(obj.get_receipt_url())},
            status=status.HTTP_201_CREATED,
        )
        if not obj.was_created:
            response["Idempotent-Replayed"] = "true"
        return response


class CanViewInputs(permissions.BasePermission):
    message = "Du har ikke adgang til input."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_view_inputs(request.user)


class StaffInputSerializer(serializers.ModelSerializer[Input]):
    process: serializers.SlugRelatedField[Process] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    focus_area: serializers.SlugRelatedField[FocusArea] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    receipt_url = serializers.SerializerMethodField()

    class Meta:
        model = Input
        fields = [
            "id",
            "process",
            "focus_area",
            "title",
            "text",
            "contributor_type",
            "organisation",
            "name",
            "email",
            "phone",
            "postcode",
            "consent_publish_name",
            "consent_contact",
            "consent_text_version",
            "channel",
            "source",
            "given_on",
            "created_at",
            "moderation_state",
            "status",
            "is_anonymised",
            "receipt_url",
        ]

    def get_receipt_url(self, obj: Input) -> str:
        return obj.get_receipt_url()


STAFF_FILTER_PARAMETERS = [
    OpenApiParameter(name, str, OpenApiParameter.QUERY, description=description)
    for name, description in (
        ("process", "process slug"),
        ("focus_area", "focus-area slug, or 'andet' for inputs without one"),
        ("channel", ", ".join(Channel.values)),
        ("contributor_type", ", ".join(ContributorType.values)),
        ("status", "feedback status"),
        ("moderation_state", "pending, published, hidden, rejected"),
        ("postcode", "four digits"),
        ("given_from", "YYYY-MM-DD"),
        ("given_to", "YYYY-MM-DD"),
        ("q", "text search"),
    )
]


class StaffInputListView(DanishErrorsMixin, APIView):
    """Every input with personal data, filtered (staff token required)."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [permissions.IsAuthenticated, CanViewInputs]

    @extend_schema(parameters=STAFF_FILTER_PARAMETERS, responses=StaffInputSerializer(many=True))
    def get(self, request: Request) -> Response:
        qs, problems = filter_from_params(request.query_params)
        if problems:
            return Response(problems, status=status.HTTP_400_BAD_REQUEST)
        paginator = InputPagination()
        page = paginator.paginate_queryset(
            qs.select_related("process", "focus_area"), request, view=self
        )
        return paginator.get_paginated_response(StaffInputSerializer(page, many=True).data)


class StaffInputExportView(DanishErrorsMixin, APIView):
    """The filtered inputs as CSV (`export.csv`) or XLSX (`export.xlsx`)."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [permissions.IsAuthenticated, CanViewInputs]

    @extend_schema(parameters=STAFF_FILTER_PARAMETERS, responses={200: bytes})
    def get(self, request: Request, kind: str) -> HttpResponse | Response:
        if kind not in ("csv", "xlsx"):
            raise Http404
        qs, problems = filter_from_params(request.query_params)
        if problems:
            return Response(problems, status=status.HTTP_400_BAD_REQUEST)
        return export_response(qs, kind)


def export_response(qs: Any, kind: str) -> HttpResponse:
    if kind == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(exports.rows(qs)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            exports.to_csv(exports.rows(qs)), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="input.{kind}"'
    return response


class StaffTokenView(DanishErrorsMixin, APIView):
    """POST username/password → a token for the staff endpoints; DELETE revokes it."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
    )
    def post(self, request: Request) -> Response:
        from django.contrib.auth import authenticate

        data = request.data if isinstance(request.data, dict) else {}
        username = str(data.get("username", ""))[:150]
        password = str(data.get("password", ""))[:200]
        user = authenticate(request._request, username=username, password=password)
        if not isinstance(user, User) or not can_view_inputs(user):
            return Response(
                {
                    "detail": _(
                        "Forkert brugernavn eller adgangskode, eller ingen adgang til input."
                    )
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        if not isinstance(request.user, User):
            raise exceptions.NotAuthenticated
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
