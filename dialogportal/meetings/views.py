"""Pages: committees, meetings (agenda/minutes as HTML, PDF, DOCX), one item, signing the
minutes, versions, the iCal feed and attachments. Every document comes from
`permissions.document_for_user`, which redacts. A page a logged-out visitor may not see sends
them to the login page (`login_to_see`); a logged-in user without access gets a 404."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dialogportal.accounts.models import User
from dialogportal.meetings.exports import committee_calendar, document_pdf
from dialogportal.meetings.minutes_forms import SignForm
from dialogportal.meetings.models import AgendaItem, CalendarToken, Meeting, MinutesVersion
from dialogportal.meetings.permissions import (
    can_manage_committee,
    can_see_closed,
    document_for_user,
    documents_for_user,
    get_attachment_for_user,
    get_calendar_owner,
    get_committee_for_user,
    get_item_for_user,
    get_meeting_for_user,
    login_to_see,
    readable_committees,
    readable_meetings,
)
from dialogportal.meetings.publication import DocMeeting, redact
from dialogportal.meetings.services import (
    approve_minutes,
    can_sign,
    renew_calendar_token,
    undecided_items,
)
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


@login_to_see
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


def _sign_form(meeting: Meeting, user: object, data: object = None) -> SignForm | None:
    if not can_sign(meeting, user):
        return None
    return SignForm(
        data,
        undecided=[item.label or item.title for item in undecided_items(meeting)],
        with_dissent=meeting.is_political,
    )


@login_to_see
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
            "sign_form": _sign_form(meeting, request.user),
        },
    )


@require_POST
@login_required
def meeting_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """A member signs (approves) the minutes, optionally with a dissent."""
    meeting = get_meeting_for_user(request.user, pk)
    assert isinstance(request.user, User)
    back = redirect(meeting.get_absolute_url() + "#underskriv")
    form = SignForm(
        request.POST,
        undecided=[item.label or item.title for item in undecided_items(meeting)],
        with_dissent=meeting.is_political,
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return back
    try:
        approve_minutes(
            meeting=meeting,
            acting_user=request.user,
            dissent=form.cleaned_data.get("dissent") or "",
            confirm_undecided=bool(form.cleaned_data.get("confirm_undecided")),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return back
    meeting.refresh_from_db()
    if meeting.is_locked:
        messages.success(request, _("Tak. Referatet er nu godkendt af alle og ligger fast."))
    else:
        messages.success(request, _("Tak. Din godkendelse er registreret."))
    return redirect(meeting.get_absolute_url())


@login_to_see
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One item: its text, its sagsgang with the decisions so far, and its attachments."""
    item = get_item_for_user(request.user, pk)
    meeting = AgendaItem.objects.select_related("meeting__committee").get(pk=pk).meeting
    return render(
        request,
        "meetings/item_detail.html",
        {
            "item": item,
            "meeting": meeting,
            "can_manage": can_manage_committee(request.user, meeting.committee),
        },
    )


def _filename(meeting: Meeting, document: DocMeeting, suffix: str) -> str:
    kind = "referat" if document.is_minutes else "dagsorden"
    return f"{kind}-{meeting.committee.slug}-{meeting.held_on:%Y-%m-%d}.{suffix}"


@login_to_see
def meeting_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    with translation.override("da"):  # the official record
        document = document_for_user(request.user, meeting)
    response = HttpResponse(document_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(meeting, document, "pdf")}"'
    return response


# The Word export loads python-docx (and lxml's document model) when it is imported: it is
# imported here, by its path, at the first Word download a process answers, not when the web
# process starts (cold start, issue #20). The one place that imports it on the web side.
WORD_EXPORT = "dialogportal.meetings.word.document_docx"


@login_to_see
def meeting_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    with translation.override("da"):  # the official record
        document = document_for_user(request.user, meeting)
    document_docx: Callable[[DocMeeting], bytes] = import_string(WORD_EXPORT)
    response = HttpResponse(
        document_docx(document),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(meeting, document, "docx")}"'
    )
    return response


@login_to_see
def meeting_versions(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    versions = meeting.versions.order_by("number")
    if not versions:
        raise Http404
    return render(request, "meetings/versions.html", {"meeting": meeting, "versions": versions})


@login_to_see
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


@login_to_see
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_attachment_for_user(request.user, pk)
    if not attachment.file:
        raise Http404(_("Bilaget har ingen fil."))
    return FileResponse(attachment.file.open("rb"), as_attachment=True)
