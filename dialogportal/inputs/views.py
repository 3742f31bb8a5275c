"""Public pages of the inputs app: the input form, the receipt and attachment downloads.
Staff pages are in `staff_views.py`."""

from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dialogportal.core.errors import RefusedError
from dialogportal.core.net import browser_secret, client_ip
from dialogportal.core.uploads import max_bytes, max_count
from dialogportal.inputs.forms import HONEYPOT_FIELD, InputForm, seconds_since_started, sign_started
from dialogportal.inputs.models import Attachment
from dialogportal.inputs.permissions import (
    get_input_by_receipt,
    get_public_attachment,
    get_receipt_attachment,
)
from dialogportal.inputs.services import (
    CONSENT_TEXT_VERSION,
    PhaseClosedError,
    submit_input,
    text_max_chars,
    text_min_chars,
)
from dialogportal.processes.models import FocusArea, Process
from dialogportal.processes.permissions import get_focus_area_for_user, get_process_for_user

HttpResponseBaseT = TypeVar("HttpResponseBaseT", bound=HttpResponseBase)

# Where the service's field names differ from the form's.
_FORM_FIELD = {"consent_text_version": "accept_privacy", "idempotency_key": None}


def min_seconds_to_submit() -> float:
    return float(settings.INPUT_MIN_SECONDS_TO_SUBMIT)


@require_http_methods(["GET", "POST"])
def focus_area_input(request: HttpRequest, slug: str, area_slug: str) -> HttpResponse:
    area = get_focus_area_for_user(request.user, slug, area_slug)
    return _input_form(request, area.process, area)


@require_http_methods(["GET", "POST"])
def other_input(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    return _input_form(request, process, None)


def _render_form(
    request: HttpRequest,
    process: Process,
    area: FocusArea | None,
    form: InputForm,
    *,
    status: int = 200,
    notice: str = "",
) -> HttpResponse:
    return render(
        request,
        "inputs/input_form.html",
        {
            "process": process,
            "focus_area": area,
            "form": form,
            "notice": notice,
            "consent_text_version": CONSENT_TEXT_VERSION,
            "max_attachments": max_count(),
            "max_attachment_bytes": max_bytes(),
            "text_min": text_min_chars(),
            "text_max": text_max_chars(),
            "honeypot_name": HONEYPOT_FIELD,
        },
        status=status,
    )


def _closed(
    request: HttpRequest, process: Process, area: FocusArea | None, message: str, *, status: int
) -> HttpResponse:
    return render(
        request,
        "inputs/closed.html",
        {"process": process, "focus_area": area, "message": message},
        status=status,
    )


def _input_form(request: HttpRequest, process: Process, area: FocusArea | None) -> HttpResponse:
    if process.phases.accepting_input_at(timezone.now()).first() is None or not (
        process.is_published
    ):
        message = _(
            "Der kan ikke gives input lige nu, fordi processen ikke er i en fase, hvor der "
            "modtages input. Se tidslinjen på processens side."
        )
        return _closed(
            request, process, area, message, status=403 if request.method == "POST" else 200
        )
    if request.method != "POST":
        return _render_form(request, process, area, InputForm())

    form = InputForm(request.POST, request.FILES)
    if request.POST.get(HONEYPOT_FIELD, "").strip():
        return render(
            request,
            "inputs/blocked.html",
            {
                "process": process,
                "focus_area": area,
                "message": _(
                    "Dit input blev stoppet af vores spamfilter, fordi et felt, der skal stå "
                    "tomt, var udfyldt. Det sker typisk, når en browser udfylder formularen "
                    "automatisk. Gå tilbage, og send formularen igen uden at udfylde feltet "
                    "»Lad dette felt stå tomt«."
                ),
            },
            status=400,
        )
    elapsed = seconds_since_started(request.POST.get("started", ""))
    if elapsed is None or elapsed < min_seconds_to_submit():
        kept = {key: value for key, value in request.POST.items() if key != "started"}
        for box in ("consent_publish_name", "consent_contact", "accept_privacy"):
            kept[box] = box in request.POST  # type: ignore[assignment]
        fresh = InputForm(initial={**kept, "started": sign_started()})
        notice = (
            _(
                "Formularen blev sendt usædvanligt hurtigt, så vi kunne ikke se, om den kom fra "
                "et menneske. Dit input er IKKE gemt endnu. Kontrollér felterne, og tryk »Send "
                "input« igen."
            )
            if elapsed is not None
            else _(
                "Formularen er udløbet eller ufuldstændig. Dit input er IKKE gemt endnu. "
                "Kontrollér felterne, og tryk »Send input« igen."
            )
        )
        return _render_form(request, process, area, fresh, status=400, notice=notice)
    ip = client_ip(request)
    if not form.is_valid():
        return _render_form(request, process, area, form, status=400)
    data = form.cleaned_data
    files = data["attachments"]
    try:
        obj = submit_input(
            process=process,
            focus_area=area,
            text=data["text"],
            title=data["title"],
            contributor_type=data["contributor_type"],
            organisation=data["organisation"],
            name=data["name"],
            email=data["email"],
            postcode=data["postcode"],
            consent_publish_name=data["consent_publish_name"],
            consent_contact=data["consent_contact"],
            consent_text_version=CONSENT_TEXT_VERSION if data["accept_privacy"] else "",
            attachments=[(upload.name or "", upload) for upload in files],
            idempotency_key=data["submission_key"],
            client_secret=browser_secret(request),
            submitted_ip=ip,
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            target = _FORM_FIELD.get(field, field)
            for message in messages:
                form.add_error(target if target in form.fields else None, message)
        notice = _("Vælg dine bilag igen, før du sender.") if files else ""
        return _render_form(request, process, area, form, status=400, notice=notice)
    except PhaseClosedError as exc:
        return _closed(request, process, area, exc.message, status=403)
    except RefusedError as exc:  # the flood limits (429) or a reused key (409)
        return render(
            request,
            "inputs/blocked.html",
            {"process": process, "focus_area": area, "message": exc.message},
            status=exc.status_code,
        )
    return redirect(obj.get_receipt_url() + "?ny=1")


def _private(response: HttpResponseBaseT) -> HttpResponseBaseT:
    """The receipt link is a secret: never cached by others, never sent on as a referrer."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_http_methods(["GET"])
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    obj = get_input_by_receipt(token)
    return _private(
        render(
            request,
            "inputs/receipt.html",
            {
                "input": obj,
                "process": obj.process,
                "attachments": list(obj.attachments.all()),
                "is_new": request.GET.get("ny") == "1",
                "receipt_url": request.build_absolute_uri(obj.get_receipt_url()),
            },
        )
    )


def _file_response(attachment: Attachment) -> HttpResponseBase:
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_http_methods(["GET"])
def public_attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _file_response(get_public_attachment(pk))


@require_http_methods(["GET"])
def receipt_attachment(request: HttpRequest, token: str, pk: int) -> HttpResponseBase:
    return _private(_file_response(get_receipt_attachment(token, pk)))
