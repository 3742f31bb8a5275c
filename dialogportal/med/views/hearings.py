"""Hearings in MED: start one from an item, follow it (the sender), answer and approve it (a
part), the høringsnotat and the decision item."""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dialogportal.core.forms import add_service_errors
from dialogportal.med.exports import hearing_note, hearing_note_docx, hearing_note_pdf
from dialogportal.med.forms import AnswerFileForm, AnswerForm, HearingForm, NoteCommentForm
from dialogportal.med.models import (
    AnswerFile,
    HearingAnswer,
    HearingFile,
    HearingPart,
    HearingStatus,
    PartStatus,
)
from dialogportal.med.permissions import (
    can_read_material,
    get_hearing_for_user,
    get_item_to_send,
    get_part_for_user,
)
from dialogportal.med.services import (
    add_answer_file,
    approval_role,
    approve_answer,
    comment_on_answer,
    generate_decision_item,
    save_answer,
    start_hearing,
)
from dialogportal.med.views.common import acting, form_errors, med_staff, show_errors


def _new_page(request: HttpRequest, item_pk: int, form: HearingForm) -> HttpResponse:
    item = get_item_to_send(request.user, item_pk)
    return render(request, "med/hearing_new.html", {"item": item, "form": form})


@med_staff
def hearing_new(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_to_send(request.user, pk)
    source = item.meeting.committee
    if request.method != "POST":
        form = HearingForm(
            source=source,
            initial={
                "title": item.title,
                "deciding_committee": source.pk,
                "process": item.process_id,
            },
        )
        return _new_page(request, pk, form)
    form = HearingForm(request.POST, request.FILES, source=source)
    if not form.is_valid():
        return _new_page(request, pk, form)
    try:
        hearing = start_hearing(
            committee=source,
            title=form.cleaned_data["title"],
            material=form.cleaned_data["material"],
            answer_by=form.cleaned_data["answer_by"],
            parts=form.chosen_targets(),
            acting_user=acting(request),
            source_item=item,
            process=form.cleaned_data["process"],
            deciding_committee=form.cleaned_data["deciding_committee"],
            files=[(f.name or "", f) for f in form.cleaned_data["material_files"]],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _new_page(request, pk, form)
    messages.success(
        request,
        _("Høringen er sendt til %(n)d parter.") % {"n": hearing.parts.count()},
    )
    return redirect("med:hearing", pk=hearing.pk)


@med_staff
def hearing(request: HttpRequest, pk: int) -> HttpResponse:
    obj, can_act = get_hearing_for_user(request.user, pk)
    today = timezone.localdate()
    note = hearing_note(obj, today=today)
    return render(
        request,
        "med/hearing.html",
        {
            "hearing": obj,
            "note": note,
            "can_act": can_act,
            "today": today,
            "commented": [
                (
                    entry,
                    NoteCommentForm(
                        prefix=f"part-{entry.part.pk}",
                        initial={
                            "comment": entry.part.administration_comment,
                            "changes_proposal": entry.part.changes_proposal,
                        },
                    ),
                )
                for entry in note.entries
            ],
            "can_decide": can_act
            and obj.decision_item_id is None
            and (obj.is_past_deadline_on(today) or note.missing == 0),
        },
    )


@require_POST
@med_staff
def hearing_comment(request: HttpRequest, pk: int, part_pk: int) -> HttpResponse:
    obj, can_act = get_hearing_for_user(request.user, pk)
    part = obj.parts.filter(pk=part_pk).first()
    if not can_act or part is None:
        raise Http404
    form = NoteCommentForm(request.POST, prefix=f"part-{part.pk}")
    if not form.is_valid():
        form_errors(request, form)
        return redirect("med:hearing", pk=obj.pk)
    try:
        comment_on_answer(
            part=part,
            acting_user=acting(request),
            comment=form.cleaned_data["comment"],
            changes_proposal=form.cleaned_data["changes_proposal"],
        )
        messages.success(request, _("Bemærkningen til %(c)s er gemt.") % {"c": part.committee.name})
    except ValidationError as error:
        show_errors(request, error)
    return redirect(f"{obj.get_absolute_url()}#part-{part.pk}")


@require_POST
@med_staff
def hearing_decide(request: HttpRequest, pk: int) -> HttpResponse:
    obj, can_act = get_hearing_for_user(request.user, pk)
    if not can_act:
        raise Http404
    try:
        item = generate_decision_item(hearing=obj, acting_user=acting(request))
    except ValidationError as error:
        show_errors(request, error)
        return redirect("med:hearing", pk=obj.pk)
    messages.success(
        request,
        _("Beslutningspunktet er sat på dagsordenen for %(c)s den %(d)s.")
        % {"c": item.meeting.committee.name, "d": item.meeting.held_on.strftime("%d.%m.%Y")},
    )
    return redirect("med:hearing", pk=obj.pk)


@med_staff
def hearing_note_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    obj, _can_act = get_hearing_for_user(request.user, pk)
    today = timezone.localdate()
    if fmt == "pdf":
        response = HttpResponse(hearing_note_pdf(obj, today=today), content_type="application/pdf")
    elif fmt == "docx":
        response = HttpResponse(
            hearing_note_docx(obj, today=today),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="hoeringsnotat-{obj.pk}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@med_staff
def hearing_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """Hearing material: for the hearing's readers and the parts' people, nobody else."""
    material = (
        HearingFile.objects.select_related("hearing").filter(pk=file_pk, hearing_id=pk).first()
    )
    if material is None or not can_read_material(request.user, material.hearing):
        raise Http404
    response = FileResponse(
        material.file.open("rb"), as_attachment=True, filename=PurePath(material.file.name).name
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _part_page(
    request: HttpRequest,
    part: HearingPart,
    can_act: bool,
    *,
    answer_form: AnswerForm | None = None,
    file_form: AnswerFileForm | None = None,
) -> HttpResponse:
    answer: HearingAnswer | None = HearingAnswer.objects.filter(part=part).first()
    today = timezone.localdate()
    is_open = part.status == PartStatus.SENT and part.hearing.status == HearingStatus.OPEN
    role = approval_role(part, request.user) if can_act else None  # type: ignore[arg-type]
    approved_roles = set(answer.approvals.values_list("role", flat=True)) if answer else set()
    return render(
        request,
        "med/part.html",
        {
            "part": part,
            "hearing": part.hearing,
            "answer": answer,
            "can_act": can_act,
            "is_open": is_open,
            "status_label": part.status_label_on(today),
            "is_overdue": part.is_overdue_on(today),
            "answer_form": answer_form
            or AnswerForm(
                initial={
                    "is_no_comments": answer.is_no_comments,
                    "summary": answer.summary,
                    "text": answer.text,
                    "management_view": answer.management_view,
                    "employee_view": answer.employee_view,
                }
                if answer
                else None
            ),
            "file_form": file_form or AnswerFileForm(prefix="fil"),
            "role": role,
            "can_approve": bool(
                can_act and is_open and answer and role and role not in approved_roles
            ),
            "approvals": answer.approvals.all() if answer else [],
            "files": answer.files.all() if answer else [],
            "material": part.hearing.files.all(),
        },
    )


@med_staff
def part(request: HttpRequest, pk: int) -> HttpResponse:
    obj, can_act = get_part_for_user(request.user, pk)
    return _part_page(request, obj, can_act)


def _answering_part(request: HttpRequest, pk: int) -> HearingPart:
    obj, can_act = get_part_for_user(request.user, pk)
    if not can_act:
        raise Http404
    return obj


@require_POST
@med_staff
def part_answer(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _answering_part(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _part_page(request, obj, True, answer_form=form)
    try:
        save_answer(part=obj, acting_user=acting(request), **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return _part_page(request, obj, True, answer_form=form)
    messages.success(
        request,
        _("Høringssvaret er gemt. Det sendes, når formand og næstformand har godkendt det."),
    )
    return redirect("med:part", pk=obj.pk)


@require_POST
@med_staff
def part_file(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _answering_part(request, pk)
    form = AnswerFileForm(request.POST, request.FILES, prefix="fil")
    if not form.is_valid():
        return _part_page(request, obj, True, file_form=form)
    upload = form.cleaned_data["file"]
    try:
        attached = add_answer_file(
            part=obj,
            acting_user=acting(request),
            file_name=upload.name or "",
            data=upload,
            title=form.cleaned_data["title"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _part_page(request, obj, True, file_form=form)
    messages.success(request, _("Bilaget “%(t)s” er tilføjet.") % {"t": attached.title})
    return redirect("med:part", pk=obj.pk)


@require_POST
@med_staff
def part_approve(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _answering_part(request, pk)
    try:
        approval = approve_answer(part=obj, acting_user=acting(request))
    except ValidationError as error:
        show_errors(request, error)
        return redirect("med:part", pk=obj.pk)
    obj.refresh_from_db()
    if obj.status == PartStatus.SENT:
        messages.success(
            request,
            _("Du har godkendt høringssvaret som %(role)s.")
            % {"role": approval.get_role_display()},
        )
    else:
        messages.success(request, _("Høringssvaret er godkendt af begge og sendt."))
    return redirect("med:part", pk=obj.pk)


@med_staff
def answer_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    obj, _can_act = get_part_for_user(request.user, pk)
    attached = AnswerFile.objects.filter(pk=file_pk, answer__part=obj).first()
    if attached is None:
        raise Http404
    response = FileResponse(
        attached.file.open("rb"), as_attachment=True, filename=PurePath(attached.file.name).name
    )
    response["Cache-Control"] = "private, no-store"
    return response
