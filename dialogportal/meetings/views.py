"""Pages: committees, meetings (agenda/minutes as HTML, PDF, DOCX), versions, the iCal feed and
attachments. Every document comes from `permissions.document_for_user`, which redacts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dialogportal.accounts.models import User
from dialogportal.meetings.exports import committee_calendar, document_docx, document_pdf
from dialogportal.meetings.models import CalendarToken, Meeting, MinutesVersion
from dialogportal.meetings.permissions import (
    can_manage_committee,
    can_see_closed,
    document_for_user,
    documents_for_user,
    get_attachment_for_user,
    get_calendar_owner,
    get_committee_for_user,
    get_meeting_for_user,
    readable_committees,
    readable_meetings,
)
from dialogportal.meetings.publication import DocMeeting, redact
from dialogportal.meetings.services import renew_calendar_token
from dialogportal.organisation.models import CommitteeKind, CommitteeLevel, Membership


def committee_list(request: HttpRequest) -> HttpResponse:
    committees = list(readable_committees(request.user).order_by("name"))
    groups = []
    for kind in CommitteeKind:
        members = [c for c in committees if c.kind == kind]
        members.sort(key=lambda c: (list(CommitteeLevel).index(CommitteeLevel(c.level)), c.name))
        if members:
            groups.append({"label": kind.label, "committees": members})
    return render(request, "meetings/committee_list.html", {"groups": groups})


def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_committee_for_user(request.user, slug)
    meetings = readable_meetings(request.user, committee).order_by("-held_on", "-start_time")
    members = Membership.objects.active_on(timezone.localdate()).filter(committee=committee)
    private_calendar_url = None
    if isinstance(request.user, User):
        token = CalendarToken.objects.filter(user=request.user).first()
        if token is not None:
            private_calendar_url = request.build_absolute_uri(
                reverse("meetings:private_calendar", kwargs={"slug": slug, "token": token.token})
            )
    return render(
        request,
        "meetings/committee_detail.html",
        {
            "committee": committee,
            "meetings": meetings,
            "members": members,
            "children": readable_committees(request.user).filter(parent=committee),
            "private_calendar_url": private_calendar_url,
        },
    )


def _calendar(reader: object, slug: str) -> HttpResponse:
    committee = get_committee_for_user(reader, slug)
    # Calendar clients poll often: the feed carries the latest 200 meetings, not the archive.
    meetings = list(readable_meetings(reader, committee).order_by("-held_on")[:200])
    body = committee_calendar(
        committee_name=committee.name,
        meetings=list(zip(meetings, documents_for_user(reader, committee, meetings), strict=True)),
        base_url=settings.SITE_URL,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{committee.slug}.ics"'
    return response


@require_GET
def committee_calendar_feed(request: HttpRequest, slug: str) -> HttpResponse:
    return _calendar(request.user, slug)


@require_GET
def private_calendar_feed(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The feed as the owner of the private address sees it (for calendar apps, no session)."""
    response = _calendar(get_calendar_owner(token), slug)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
@login_required
def renew_calendar_address(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_committee_for_user(request.user, slug)
    assert isinstance(request.user, User)
    renew_calendar_token(user=request.user)
    messages.success(
        request,
        _("Du har fået en ny kalenderadresse. Den gamle virker ikke længere."),
    )
    return redirect(committee.get_absolute_url() + "#kalender")


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    document = document_for_user(request.user, meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "doc": document,
            "pdf_url": reverse("meetings:meeting_pdf", kwargs={"pk": pk}),
            "docx_url": reverse("meetings:meeting_docx", kwargs={"pk": pk}),
            "has_versions": meeting.versions.exists(),
            "can_manage": can_manage_committee(request.user, meeting.committee),
        },
    )


def _filename(meeting: Meeting, document: DocMeeting, suffix: str) -> str:
    kind = "referat" if document.is_minutes else "dagsorden"
    return f"{kind}-{meeting.committee.slug}-{meeting.held_on:%Y-%m-%d}.{suffix}"


def meeting_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    document = document_for_user(request.user, meeting)
    response = HttpResponse(document_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(meeting, document, "pdf")}"'
    return response


def meeting_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    document = document_for_user(request.user, meeting)
    response = HttpResponse(
        document_docx(document),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(meeting, document, "docx")}"'
    )
    return response


def meeting_versions(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    versions = meeting.versions.order_by("number")
    if not versions:
        raise Http404
    return render(request, "meetings/versions.html", {"meeting": meeting, "versions": versions})


def meeting_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    version = MinutesVersion.objects.filter(meeting=meeting, number=number).first()
    if version is None:
        raise Http404
    document = redact(
        DocMeeting.from_json(version.document),
        full_access=can_see_closed(request.user, meeting.committee),
    )
    return render(request, "meetings/version_detail.html", {"meeting": meeting, "doc": document})


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_attachment_for_user(request.user, pk)
    if not attachment.file:
        raise Http404(_("Bilaget har ingen fil."))
    return FileResponse(attachment.file.open("rb"), as_attachment=True)
