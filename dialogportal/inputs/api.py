"""REST API of inputs. POST goes through `services.submit_input`, the same service as the form."""

from dataclasses import asdict
from typing import Any

from django.contrib.auth import authenticate
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dialogportal.accounts.access import can_use_staff_api, log_access
from dialogportal.accounts.authentication import ExpiringTokenAuthentication, token_expires_at
from dialogportal.accounts.models import AccessKind, User
from dialogportal.accounts.services import issue_api_token, revoke_api_tokens
from dialogportal.core.api import TokenAddressThrottle, TokenUsernameThrottle, paginated
from dialogportal.core.net import client_ip
from dialogportal.inputs import exports
from dialogportal.inputs.models import Channel, ContributorType, Input
from dialogportal.inputs.permissions import can_view_all_inputs, visible_inputs
from dialogportal.inputs.queries import public_input, submission_target
from dialogportal.inputs.services import CONSENT_TEXT_VERSION, InputDraft, submit_draft
from dialogportal.inputs.staff_filters import filter_from_params
from dialogportal.processes.models import FocusArea, Process


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


INPUT_CREATED = inline_serializer(
    "InputCreated", {"id": serializers.IntegerField(), "receipt_url": serializers.URLField()}
)


class ProcessInputsView(APIView):
    """Published inputs of a process (GET) and a new input (POST, optional Idempotency-Key)."""

    permission_classes = [permissions.AllowAny]

    def get_throttles(self) -> list[Any]:
        # A submission is held to the flood limits of the public channels (`limits.py`, per
        # address, network, text and attachment bytes, counted in its own transaction), the same
        # for the form and the API; DRF's per-request throttles guard the reading side.
        if self.request.method == "POST":
            return []
        return super().get_throttles()

    @extend_schema(responses=paginated("PaginatedPublicInputs", PublicInputSerializer(many=True)))
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
            201: INPUT_CREATED,
            200: inline_serializer(
                "InputReplayed",
                {
                    "id": serializers.IntegerField(),
                    "receipt_url": serializers.URLField(allow_null=True),
                    "detail": serializers.CharField(),
                },
            ),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        if not isinstance(request.data, dict):
            _get_public_process(slug)  # a missing process is a 404 first
            return Response(
                {"detail": _("Send et JSON-objekt med felterne for dit input.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        parsed = SubmitInputSerializer(data=request.data)
        if not parsed.is_valid():
            _get_public_process(slug)
            return Response(parsed.errors, status=status.HTTP_400_BAD_REQUEST)
        data = parsed.validated_data
        area_slug = (data.get("focus_area") or "")[:80]
        try:
            # The process, its focus area and its open input phase in one query.
            target = submission_target(process_slug=slug, area_slug=area_slug, at=timezone.now())
        except Process.DoesNotExist as exc:
            raise Http404 from exc
        except FocusArea.DoesNotExist:
            return Response(
                {
                    "focus_area": [
                        _("Fokusområdet »%(slug)s« findes ikke i denne proces.")
                        % {"slug": area_slug}
                    ]
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        # Refusals (400, 403, 409, 429) are raised and answered by core.api.exception_handler.
        obj = submit_draft(
            process=target.process,
            known_phase=target.phase,
            draft=InputDraft(
                focus_area=target.area,
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
            ),
            idempotency_key=request.headers.get("Idempotency-Key", ""),
            submitted_ip=client_ip(request._request),
        )
        if not obj.was_created:
            # A repeat proves nothing about who sends it (an anonymous client holds no secret),
            # so it never carries the private receipt link: that went with the first answer.
            response = Response(
                {
                    "id": obj.pk,
                    "receipt_url": None,
                    "detail": _(
                        "Inputtet er allerede modtaget. Linket til kvitteringen fulgte med det "
                        "første svar (og blev sendt på e-mail, hvis der var en adresse)."
                    ),
                },
                status=status.HTTP_200_OK,
            )
            response["Idempotent-Replayed"] = "true"
            return response
        return Response(
            {"id": obj.pk, "receipt_url": request.build_absolute_uri(obj.get_receipt_url())},
            status=status.HTTP_201_CREATED,
        )


class CanUseStaffAPI(permissions.BasePermission):
    """The staff API hands out every input with contact data: `privacy.matrix` gives it to
    process managers and administrators only."""

    message = _("Du har ikke adgang til medarbejder-API'et.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_use_staff_api(request.user) and can_view_all_inputs(request.user)


def _staff(request: Request) -> User:
    assert isinstance(request.user, User)  # guaranteed by the permission classes
    return request.user


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


class StaffInputListView(APIView):
    """Every input with personal data, filtered (staff token required); logged."""

    authentication_classes = [ExpiringTokenAuthentication]
    permission_classes = [permissions.IsAuthenticated, CanUseStaffAPI]

    @extend_schema(
        parameters=STAFF_FILTER_PARAMETERS,
        responses=paginated("PaginatedStaffInputs", StaffInputSerializer(many=True)),
    )
    def get(self, request: Request) -> Response:
        user = _staff(request)
        qs, problems = filter_from_params(request.query_params, base=visible_inputs(user))
        if problems:
            return Response(problems, status=status.HTTP_400_BAD_REQUEST)
        paginator = InputPagination()
        page = paginator.paginate_queryset(
            qs.select_related("process", "focus_area"), request, view=self
        )
        rows = list(page or [])
        if rows:
            log_access(
                user=user, kind=AccessKind.API, record_count=len(rows), request=request._request
            )
        return paginator.get_paginated_response(StaffInputSerializer(rows, many=True).data)


class StaffInputExportView(APIView):
    """The filtered inputs as CSV (`export.csv`) or XLSX (`export.xlsx`); logged."""

    authentication_classes = [ExpiringTokenAuthentication]
    permission_classes = [permissions.IsAuthenticated, CanUseStaffAPI]

    @extend_schema(
        parameters=STAFF_FILTER_PARAMETERS,
        responses={
            (200, "text/csv"): bytes,
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): bytes,
        },
    )
    def get(self, request: Request, kind: str) -> HttpResponse | Response:
        if kind not in ("csv", "xlsx"):
            raise Http404
        user = _staff(request)
        qs, problems = filter_from_params(request.query_params, base=visible_inputs(user))
        if problems:
            return Response(problems, status=status.HTTP_400_BAD_REQUEST)
        response = export_response(qs, kind)
        log_access(
            user=user,
            kind=AccessKind.EXPORT,
            record_count=qs.count(),
            request=request._request,
            detail=f"api {kind}",
        )
        return response


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


class StaffTokenView(APIView):
    """POST username/password → a token for the staff endpoints, valid for
    STAFF_API_TOKEN_SECONDS (a new POST replaces it); DELETE revokes it. Throttled per address
    and per account; django-axes locks an account or address out after repeated failures."""

    authentication_classes = [ExpiringTokenAuthentication]
    permission_classes = [permissions.AllowAny]

    def get_throttles(self) -> list[Any]:
        if self.request.method == "POST":
            return [TokenAddressThrottle(), TokenUsernameThrottle()]
        return super().get_throttles()

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses={
            200: inline_serializer(
                "TokenResponse",
                {"token": serializers.CharField(), "expires_at": serializers.DateTimeField()},
            )
        },
    )
    def post(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        username = str(data.get("username", ""))[:150]
        password = str(data.get("password", ""))[:200]
        user = authenticate(request._request, username=username, password=password)
        if not isinstance(user, User) or not can_use_staff_api(user):
            return Response(
                {
                    "detail": _(
                        "Forkert brugernavn eller adgangskode, eller ingen adgang til "
                        "medarbejder-API'et."
                    ),
                    "code": "invalid_credentials",
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        token = issue_api_token(user=user)
        return Response({"token": token.key, "expires_at": token_expires_at(token)})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        if not isinstance(request.user, User):
            return Response(
                {
                    "detail": _("Log ind med et gyldigt token (Authorization: Token …)."),
                    "code": "not_authenticated",
                },
                status=status.HTTP_401_UNAUTHORIZED,
            )
        revoke_api_tokens(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
