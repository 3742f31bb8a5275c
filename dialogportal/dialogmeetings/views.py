"""Public pages: a process's dialog meetings, a meeting with its registration form, the private
registration receipt (with cancelling), the discussion guide and the overview."""

from pathlib import Path
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dialogportal.core.net import browser_secret
from dialogportal.core.page_cache import csrf_context, one_time_key, public_page, valid_until
from dialogportal.core.pdf import render_pdf
from dialogportal.core.spamtrap import HONEYPOT_FIELD
from dialogportal.dialogmeetings import queries
from dialogportal.dialogmeetings.forms import RegistrationForm
from dialogportal.dialogmeetings.models import DialogMeeting
from dialogportal.dialogmeetings.permissions import (
    can_view_meetings,
    get_meeting_for_user,
    get_registration_by_token,
    visible_meetings,
)
from dialogportal.dialogmeetings.services import (
    REGISTRATION_CONSENT_VERSION,
    RegistrationClosedError,
    cancel_registration,
    register,
)
from dialogportal.feedback.exports import letters_pdf
from dialogportal.feedback.letters import meeting_letter
from dialogportal.processes.permissions import get_process_for_user

GUIDE_STYLESHEET = Path(__file__).resolve().parent / "static" / "dialogmeetings" / "guide-print.css"
ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


def _private(response: ResponseT) -> ResponseT:
    """The registration link is a secret: never cached by others, never sent to another site.
    Not "no-referrer": the page's own cancel form would then post with `Origin: null`, which
    Django's CSRF check refuses."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_http_methods(["GET"])
@public_page()
def process_meetings(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    now = timezone.now()
    lists = queries.process_meetings(visible_meetings(request.user).filter(process=process), at=now)
    response = render(
        request,
        "dialogmeetings/process_meetings.html",
        {"process": process, "upcoming": lists.upcoming, "past": lists.past, "now": now},
    )
    # An upcoming meeting moves to the past when it ends; its "Tilmeld dig" goes at its deadline.
    return valid_until(
        response,
        [moment for m in lists.upcoming for moment in m.public_state_changes()],
        now=now,
    )


def _render_meeting(
    request: HttpRequest,
    meeting: DialogMeeting,
    form: RegistrationForm | None,
    *,
    status: int = 200,
    notice: str = "",
) -> HttpResponse:
    now = timezone.now()
    is_open = meeting.is_registration_open_at(now)
    seats_taken = meeting.seats_taken()
    is_full = meeting.capacity is not None and seats_taken >= meeting.capacity
    response = render(
        request,
        "dialogmeetings/detail.html",
        {
            # The CSRF token and the one-time key: markers while the page is rendered for the
            # cache, filled in per visitor by core.page_cache.
            **csrf_context(request),
            "meeting": meeting,
            "process": meeting.process,
            "areas": list(meeting.covered_focus_areas()),
            "committees": list(meeting.committees.all()),
            "units": list(meeting.units.all()),
            "is_open": is_open and not is_full,
            "is_full": is_open and is_full,
            "seats_left": (meeting.capacity - seats_taken) if meeting.capacity else None,
            "form": form
            if form is not None
            else RegistrationForm(initial={"submission_key": one_time_key(request)}),
            "notice": notice,
            "consent_text_version": REGISTRATION_CONSENT_VERSION,
            "honeypot_name": HONEYPOT_FIELD,
        },
        status=status,
    )
    # Registration closes at the deadline or the start, whichever comes first.
    return valid_until(response, meeting.public_state_changes(), now=now)


@require_http_methods(["GET", "POST"])
@public_page()
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    if request.method != "POST":
        return _render_meeting(request, meeting, None)
    form = RegistrationForm(request.POST)
    if request.POST.get(HONEYPOT_FIELD, "").strip():
        # Filled in by a bot (or a browser's autofill): nothing is stored, and the page says so.
        notice = _(
            "Din tilmelding blev stoppet af vores spamfilter, fordi et felt, der skal stå tomt, "
            "var udfyldt. Det sker typisk, når en browser udfylder formularen automatisk. Du er "
            "IKKE tilmeldt. Send formularen igen uden at udfylde feltet »Lad dette felt stå tomt«."
        )
        return _render_meeting(
            request, meeting, RegistrationForm(request.POST), status=400, notice=notice
        )
    if not form.is_valid():
        return _render_meeting(request, meeting, form, status=400)
    data = form.cleaned_data
    try:
        registration = register(
            meeting=meeting,
            name=data["name"],
            email=data["email"],
            postcode=data["postcode"],
            contributor_type=data["contributor_type"],
            party_size=data["party_size"],
            consent_text_version=REGISTRATION_CONSENT_VERSION if data["accept_privacy"] else "",
            submission_key=data["submission_key"],
            client_secret=browser_secret(request),
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            target = "accept_privacy" if field == "consent_text_version" else field
            for message in messages:
                form.add_error(target if target in form.fields else None, message)
        return _render_meeting(request, meeting, form, status=400)
    except RegistrationClosedError as exc:
        return _render_meeting(request, meeting, form, status=409, notice=exc.message)
    if registration.email:
        # Never reveal whether this address was registered already, nor anyone's link: the
        # private link goes to the address by e-mail, and every sender sees the same page.
        return render(request, "dialogmeetings/registration_sent.html", {"meeting": meeting})
    flag = "ny" if registration.was_created else "findes"
    return redirect(f"{registration.get_receipt_url()}?{flag}=1")


@require_http_methods(["GET", "POST"])
def registration_receipt(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_registration_by_token(token)
    meeting = registration.meeting
    if request.method == "POST":
        cancel_registration(token=registration.token)
        return _private(
            render(request, "dialogmeetings/registration_cancelled.html", {"meeting": meeting})
        )
    return _private(
        render(
            request,
            "dialogmeetings/registration.html",
            {
                "registration": registration,
                "meeting": meeting,
                "process": meeting.process,
                "is_new": request.GET.get("ny") == "1",
                "was_known": request.GET.get("findes") == "1",
                "receipt_url": request.build_absolute_uri(registration.get_receipt_url()),
            },
        )
    )


def _guide_context(meeting: DialogMeeting) -> dict[str, object]:
    return {"guide": queries.discussion_guide(meeting), "meeting": meeting}


@require_http_methods(["GET"])
@public_page()
def guide(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    return render(request, "dialogmeetings/guide.html", _guide_context(meeting))


@require_http_methods(["GET"])
def guide_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    html = render_to_string("dialogmeetings/guide_pdf.html", _guide_context(meeting), request=None)
    response = HttpResponse(
        render_pdf(html, stylesheet=GUIDE_STYLESHEET), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="droeftelsesguide-{meeting.pk}.pdf"'
    return response


@require_http_methods(["GET"])
@public_page()
def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dialogmeetings/overview.html",
        {
            "overview": queries.overview(visible_meetings(request.user)),
            "is_staff_view": can_view_meetings(request.user),
            "title": _("Hvor har vi holdt dialogmøder?"),
        },
    )


@require_http_methods(["GET"])
def meeting_feedback(request: HttpRequest, pk: int, fmt: str = "html") -> HttpResponse:
    """What became of a meeting's notes, for the host to hand out (HTML and PDF). Public like
    the meeting: a note that is not published shows only its number and status."""
    meeting = get_meeting_for_user(request.user, pk)
    letter = meeting_letter(meeting.process, source=meeting.source_label)
    if fmt == "pdf":
        if letter is None:
            raise Http404
        pdf = letters_pdf(
            [letter], process=meeting.process, generated_at=timezone.now(), personal=False
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="tilbagemelding-{meeting.pk}.pdf"'
        return response
    return render(
        request,
        "dialogmeetings/feedback.html",
        {"meeting": meeting, "process": meeting.process, "letter": letter},
    )
