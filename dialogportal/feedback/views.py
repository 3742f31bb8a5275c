"""Pages of the feedback app. Public: "Det har vi hørt" per process and focus area, the feedback
report per source (HTML and PDF), unsubscribing. Staff: answering inputs, themes and duplicate
groups, answer templates, outcomes and the hvidbog."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dialogportal.accounts.access import (
    can_view_contact_data,
    can_view_nonpublic_text,
    log_access_many,
)
from dialogportal.accounts.models import AccessKind, User
from dialogportal.analysis.models import CuratedTheme, CuratedThemeMember, DuplicateMember
from dialogportal.core.page_cache import public_page
from dialogportal.feedback import exports, finding, letters, queries, services
from dialogportal.feedback.forms import AnswerForm, OutcomeForm, StatusForm, TemplateForm
from dialogportal.feedback.models import (
    Answer,
    AnswerTemplate,
    NotificationPreference,
    Outcome,
    StatusChange,
)
from dialogportal.feedback.permissions import (
    can_answer,
    get_duplicate_group_for_staff,
    get_input_for_staff,
    get_process_for_staff,
    get_template_for_staff,
    get_theme_for_staff,
    require_answerer,
    shown_inputs,
)
from dialogportal.inputs.models import Channel, Input
from dialogportal.organisation.models import Committee
from dialogportal.processes.models import FocusArea, Process
from dialogportal.processes.permissions import get_focus_area_for_user, get_process_for_user

# --- public --------------------------------------------------------------------------------


def _heard(request: HttpRequest, process: Process, area: FocusArea | None) -> HttpResponse:
    """ "Det har vi hørt"; with `?nr=` the answer of "find mit input" on top."""
    found = finding.find_input(process, request.GET["nr"]) if "nr" in request.GET else None
    report = queries.heard_report(process, area)
    open_theme_ids = {hit.theme.pk for hit in found.themes} if found else set()
    return render(
        request,
        "feedback/heard.html",
        {
            "process": process,
            "focus_area": area,
            "report": report,
            "areas": process.focus_areas.order_by("order", "pk"),
            "found": found,
            "query_max": finding.QUERY_MAX_CHARS,
            "on_page_ids": {heard.theme.pk for heard in report.themes},
            # An unanswered theme the search points to is shown unfolded.
            "open_unanswered": any(h.theme.pk in open_theme_ids for h in report.unanswered),
        },
        status=400 if found is not None and found.error else 200,
    )


@require_GET
@public_page()
def heard_process(request: HttpRequest, slug: str) -> HttpResponse:
    return _heard(request, get_process_for_user(request.user, slug), None)


@require_GET
@public_page()
def heard_area(request: HttpRequest, slug: str, area_slug: str) -> HttpResponse:
    area = get_focus_area_for_user(request.user, slug, area_slug)
    return _heard(request, area.process, area)


@require_GET
def source_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    committees = dict(Committee.objects.med().values_list("name", "slug"))
    rows = [
        (source, committees.get(source.source) if source.channel == Channel.MED_COMMITTEE else None)
        for source in queries.sources(process)
    ]
    return render(request, "feedback/source_list.html", {"process": process, "rows": rows})


def _source_args(request: HttpRequest) -> tuple[str, str | None]:
    channel = request.GET.get("kanal", "")
    if channel not in Channel.values:
        raise Http404
    source = request.GET.get("kilde")
    return channel, (source[:200] if source is not None else None)


def _source_response(
    request: HttpRequest, process: Process, channel: str, source: str | None, fmt: str
) -> HttpResponse:
    report = queries.source_report(process, channel=channel, source=source)
    if fmt == "pdf":
        name = slugify(f"tilbagemelding-{report.source or report.channel_label}") or "rapport"
        return _download(exports.source_report_pdf(report), f"{name}.pdf", "application/pdf")
    return render(
        request,
        "feedback/source_report.html",
        {"process": process, "report": report, "query": request.GET.urlencode()},
    )


@require_GET
def source_report(request: HttpRequest, slug: str, fmt: str = "html") -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    channel, source = _source_args(request)
    return _source_response(request, process, channel, source, fmt)


@require_GET
def committee_report(
    request: HttpRequest, slug: str, committee_slug: str, fmt: str = "html"
) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    committee = Committee.objects.med().filter(slug=committee_slug).first()
    if committee is None:
        raise Http404
    return _source_response(request, process, Channel.MED_COMMITTEE, committee.name, fmt)


@csrf_exempt  # RFC 8058 one-click unsubscribe is a cross-site POST from the mail client
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    pref = NotificationPreference.objects.filter(unsubscribe_token=token[:64]).first()
    if pref is None:
        return render(request, "feedback/unsubscribe.html", {"unknown": True}, status=404)
    done = False
    if request.method == "POST":
        if request.POST.get("action") == "resubscribe":
            services.resubscribe(token=pref.unsubscribe_token)
        else:
            services.unsubscribe(token=pref.unsubscribe_token)
            done = True
        pref.refresh_from_db()
    response = render(request, "feedback/unsubscribe.html", {"pref": pref, "done": done})
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- staff ---------------------------------------------------------------------------------


def _actor(user: object) -> User:
    assert isinstance(user, User)
    return user


@login_required
@require_GET
def staff_overview(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_staff(request.user, slug)
    run = queries.latest_run(process)
    themes = list(
        CuratedTheme.objects.filter(process=process)
        .current()
        .with_size()
        .select_related("focus_area")
        .in_order()
    )
    answers = queries.latest_theme_answers(themes)
    groups = list(run.duplicates.all()[:50]) if run else []
    return render(
        request,
        "feedback/staff_overview.html",
        {
            "process": process,
            "run": run,
            "themes": [(theme, answers.get(theme.pk)) for theme in themes],
            "duplicate_groups": groups,
            "answers": Answer.objects.for_process(process).select_related("answered_by")[:30],
            "can_answer": can_answer(request.user),
        },
    )


def _answer_form(request: HttpRequest, process: Process) -> AnswerForm:
    templates = AnswerTemplate.objects.filter(process=process)
    if request.method == "POST" and "use_template" in request.POST:
        chosen = templates.filter(pk=request.POST.get("template") or 0).first()
        initial = (
            {
                "template": chosen.pk,
                "status": chosen.status,
                "explanation": chosen.explanation,
                "text": chosen.text,
            }
            if chosen
            else {}
        )
        return AnswerForm(initial=initial, templates=templates)
    if request.method == "POST":
        return AnswerForm(request.POST, templates=templates)
    return AnswerForm(templates=templates)


def _give(request: HttpRequest, form: AnswerForm, give: object) -> bool:
    """Run `give(**cleaned)` for a valid submitted form; form errors from the service are shown
    on the form."""
    if request.method != "POST" or "use_template" in request.POST or not form.is_valid():
        return False
    require_answerer(request.user)
    data = form.cleaned_data
    try:
        give(  # type: ignore[operator]
            status=data["status"],
            text=data["text"],
            explanation=data["explanation"],
            template=data["template"],
            acting_user=_actor(request.user),
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return False
    messages.success(request, _("Svaret er gemt. Bidragyderne får besked."))
    return True


def _add_errors(
    form: AnswerForm | TemplateForm | OutcomeForm | StatusForm, exc: ValidationError
) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@require_http_methods(["GET", "POST"])
def staff_theme(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = get_theme_for_staff(request.user, theme_id)
    if theme.is_merged and theme.merged_into_id is not None:
        return redirect("feedback:staff_theme", theme_id=theme.merged_into_id)
    process = theme.process
    form = _answer_form(request, process)

    def give(**kwargs: object) -> None:
        services.answer_theme(theme=theme, **kwargs)  # type: ignore[arg-type]

    if _give(request, form, give):
        return redirect("feedback:staff_theme", theme_id=theme.pk)
    member_ids = CuratedThemeMember.objects.filter(theme=theme).values("input_id")
    members = shown_inputs(request.user, Input.objects.filter(pk__in=member_ids)).select_related(
        "focus_area"
    )
    return render(
        request,
        "feedback/staff_target.html",
        {
            "process": process,
            "heading": _("Besvar temaet »%(label)s«") % {"label": theme.title},
            "theme": theme,
            "members": members[:200],
            "member_count": members.count(),
            "form": form,
            "outcome_form": OutcomeForm(),
            "outcome_url_name": "feedback:staff_theme_outcome",
            "target_id": theme.pk,
            "answers": Answer.objects.filter(theme__in=queries.theme_ids_counting_as(theme)),
            "outcomes": Outcome.objects.filter(theme__in=queries.theme_ids_counting_as(theme)),
            "can_answer": can_answer(request.user),
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_duplicate_group(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_duplicate_group_for_staff(request.user, group_id)
    process = group.run.process
    form = _answer_form(request, process)

    def give(**kwargs: object) -> None:
        services.answer_duplicate_group(group=group, **kwargs)  # type: ignore[arg-type]

    if _give(request, form, give):
        return redirect("feedback:staff_duplicate_group", group_id=group.pk)
    member_ids = DuplicateMember.objects.filter(group=group).values("input_id")
    members = shown_inputs(request.user, Input.objects.filter(pk__in=member_ids)).select_related(
        "focus_area"
    )
    return render(
        request,
        "feedback/staff_target.html",
        {
            "process": process,
            "heading": _("Besvar en gruppe af %(n)d ens input") % {"n": group.size},
            "members": members[:200],
            "member_count": members.count(),
            "form": form,
            "answers": Answer.objects.filter(duplicate_group=group),
            "can_answer": can_answer(request.user),
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_input(request: HttpRequest, input_id: int) -> HttpResponse:
    item = get_input_for_staff(request.user, input_id)
    form = _answer_form(request, item.process)
    status_form = StatusForm(initial={"status": item.status})
    if request.method == "POST" and request.POST.get("form") == "status":
        require_answerer(request.user)
        status_form = StatusForm(request.POST)
        if status_form.is_valid():
            try:
                services.set_status(
                    item=item,
                    status=status_form.cleaned_data["status"],
                    explanation=status_form.cleaned_data["explanation"],
                    acting_user=_actor(request.user),
                )
            except ValidationError as exc:
                _add_errors(status_form, exc)
            else:
                messages.success(request, _("Status er ændret."))
                return redirect("feedback:staff_input", input_id=item.pk)
        form = AnswerForm(templates=AnswerTemplate.objects.filter(process=item.process))
    else:

        def give(**kwargs: object) -> None:
            services.answer_input(item=item, **kwargs)  # type: ignore[arg-type]

        if _give(request, form, give):
            return redirect("feedback:staff_input", input_id=item.pk)
    has_errors = bool(form.errors or status_form.errors)
    return render(
        request,
        "feedback/staff_target.html",
        {
            "process": item.process,
            "heading": _("Besvar input #%(id)d") % {"id": item.pk},
            "item": item,
            "form": form,
            "status_form": status_form,
            "outcome_form": OutcomeForm(),
            "outcome_url_name": "feedback:staff_input_outcome",
            "target_id": item.pk,
            "feedback": queries.receipt_feedback(item),
            "changes": StatusChange.objects.filter(input=item).select_related("changed_by")[:50],
            "outcomes": Outcome.objects.filter(input=item),
            "can_answer": can_answer(request.user),
        },
        status=400 if request.method == "POST" and has_errors else 200,
    )


def _outcome(
    request: HttpRequest, *, item: Input | None, theme: CuratedTheme | None
) -> HttpResponse:
    require_answerer(request.user)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.add_outcome(
                text=form.cleaned_data["text"],
                item=item,
                theme=theme,
                acting_user=_actor(request.user),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("»Det førte til« er gemt."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    if item is not None:
        return redirect("feedback:staff_input", input_id=item.pk)
    assert theme is not None
    return redirect("feedback:staff_theme", theme_id=theme.pk)


@login_required
@require_POST
def staff_theme_outcome(request: HttpRequest, target_id: int) -> HttpResponse:
    return _outcome(request, item=None, theme=get_theme_for_staff(request.user, target_id))


@login_required
@require_POST
def staff_input_outcome(request: HttpRequest, target_id: int) -> HttpResponse:
    return _outcome(request, item=get_input_for_staff(request.user, target_id), theme=None)


@login_required
@require_http_methods(["GET", "POST"])
def staff_templates(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_staff(request.user, slug)
    form = TemplateForm(request.POST or None)
    if request.method == "POST":
        require_answerer(request.user)
        if form.is_valid():
            try:
                services.create_answer_template(
                    process=process, acting_user=_actor(request.user), **form.cleaned_data
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Skabelonen er gemt."))
                return redirect("feedback:staff_templates", slug=process.slug)
    return render(
        request,
        "feedback/staff_templates.html",
        {
            "process": process,
            "form": form,
            "templates": AnswerTemplate.objects.filter(process=process),
            "can_answer": can_answer(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def staff_template_delete(request: HttpRequest, slug: str, template_id: int) -> HttpResponse:
    process = get_process_for_staff(request.user, slug)
    services.delete_answer_template(
        template=get_template_for_staff(request.user, process, template_id)
    )
    messages.success(request, _("Skabelonen er slettet."))
    return redirect("feedback:staff_templates", slug=process.slug)


@login_required
@require_GET
def staff_hvidbog(request: HttpRequest, slug: str, fmt: str = "html") -> HttpResponse:
    process = get_process_for_staff(request.user, slug)
    if fmt not in ("html", "pdf", "docx"):
        raise Http404
    book = queries.hvidbog(process)
    if fmt == "pdf":
        return _download(
            exports.hvidbog_pdf(book), f"hvidbog-{process.slug}.pdf", "application/pdf"
        )
    if fmt == "docx":
        return _download(
            exports.hvidbog_docx(book),
            f"hvidbog-{process.slug}.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    return HttpResponse(exports.hvidbog_html(book))


# --- letters for contributors without e-mail ------------------------------------------------


def _require_letters(user: User | object) -> User:
    """Letters carry names and the contributors' own (maybe unpublished) text: only those the
    privacy matrix lets see contact data and non-public text."""
    if not (can_view_contact_data(user) and can_view_nonpublic_text(user)):
        raise PermissionDenied
    return _actor(user)


@login_required
@require_GET
def staff_letters(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_staff(request.user, slug)
    user = _require_letters(request.user)
    inputs = list(
        letters.without_email(process).filter(channel__in=letters.PERSONAL_CHANNELS)[
            : letters.MAX_LETTERS
        ]
    )
    log_access_many(
        user=user,
        kind=AccessKind.CONTACT_DATA,
        objects=inputs,
        request=request,
        detail="Breve: afsendere uden e-mail",
    )
    meetings = [s for s in queries.sources(process) if s.channel == Channel.DIALOG_MEETING]
    return render(
        request,
        "feedback/staff_letters.html",
        {"process": process, "inputs": inputs, "meetings": meetings},
    )


@login_required
@require_GET
def staff_letters_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """`?input=<nr>`: one contributor's letter; `?alle=1`: every contributor's; `?moede=<source>`:
    the letter to a dialog meeting's participants (no personal data, see `meeting_letter`)."""
    process = get_process_for_staff(request.user, slug)
    now = timezone.now()
    if "moede" in request.GET:
        letter = letters.meeting_letter(process, source=request.GET["moede"][:200])
        if letter is None:
            raise Http404
        pdf = exports.letters_pdf([letter], process=process, generated_at=now, personal=False)
        return _download(
            pdf, f"{slugify('tilbagemelding-' + letter.recipient)[:80]}.pdf", "application/pdf"
        )
    user = _require_letters(request.user)
    raw = request.GET.get("input", "")
    if raw:
        number = finding.parse_number(raw[:40])
        if number is None:
            raise Http404
        chosen = letters.contributor_letters(process, input_id=number)
        if not chosen:
            raise Http404
        name = f"brev-input-{number}.pdf"
    elif request.GET.get("alle") == "1":
        chosen = letters.contributor_letters(process)
        if not chosen:
            messages.info(request, _("Der er ingen afsendere uden e-mail at skrive til."))
            return redirect("feedback:staff_letters", slug=process.slug)
        name = f"breve-{process.slug}.pdf"
    else:
        raise Http404
    pdf = exports.letters_pdf(chosen, process=process, generated_at=now, personal=True)
    # Logged once the letters exist: one row per contributor whose letter was made.
    log_access_many(
        user=user,
        kind=AccessKind.CONTACT_DATA,
        objects=Input.objects.filter(pk__in=[i for letter in chosen for i in letter.input_ids]),
        request=request,
        detail="Breve (PDF) til afsendere uden e-mail",
    )
    response = _download(pdf, name, "application/pdf")
    response["Cache-Control"] = "no-store"
    return response
