"""Staff pages for curating themes: the themes of a process per focus area, and one theme's page
where it is renamed, summarised, merged, split, moved, and marked ready for publication. Every
form posts to its own URL; an invalid form shows the theme's page again with the errors
(status 400) and changes nothing."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dialogportal.analysis import queries, suggestions
from dialogportal.analysis.forms import MergeForm, MoveThemeForm, ThemeInputsForm, ThemeTextForm
from dialogportal.analysis.models import CuratedTheme, CuratedThemeMember
from dialogportal.analysis.permissions import (
    acting_user,
    can_curate,
    get_curated_theme,
    get_process_for_analysis,
    require,
)
from dialogportal.analysis.services import (
    edit_theme,
    mark_draft,
    mark_ready,
    merge_themes,
    move_inputs,
    move_theme,
    split_theme,
)


@login_required
@require_GET
def theme_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_analysis(request.user, slug)
    return render(
        request,
        "analysis/curation/theme_list.html",
        {
            "process": process,
            "areas": queries.themes_by_area(process),
            "can_curate": can_curate(request.user),
        },
    )


def _siblings(theme: CuratedTheme) -> Any:
    return (
        CuratedTheme.objects.current()
        .filter(focus_area_id=theme.focus_area_id)
        .exclude(pk=theme.pk)
        .order_by("title")
    )


def _forms(theme: CuratedTheme, suggestion: str = "", name: str = "") -> dict[str, Form]:
    member_ids = list(
        CuratedThemeMember.objects.filter(theme=theme).values_list("input_id", flat=True)
    )
    return {
        "text_form": ThemeTextForm(
            initial={"title": name or theme.title, "summary": suggestion or theme.summary}
        ),
        "merge_form": MergeForm(siblings=_siblings(theme)),
        "move_form": MoveThemeForm(process=theme.process),
        "inputs_form": ThemeInputsForm(member_ids=member_ids, siblings=_siblings(theme)),
    }


def _page(
    request: HttpRequest,
    theme: CuratedTheme,
    *,
    bound: dict[str, Form] | None = None,
    suggestion: str = "",
    model: suggestions.Suggestion | None = None,
) -> HttpResponse:
    forms = _forms(theme, model.summary if model else suggestion, model.name if model else "") | (
        bound or {}
    )
    return render(
        request,
        "analysis/curation/theme_detail.html",
        {
            "process": theme.process,
            "page": queries.theme_page(theme),
            "can_curate": can_curate(request.user) and not theme.is_merged,
            "using_suggestion": bool(suggestion),
            "model_suggestion": model,
            "can_suggest": suggestions.is_configured() and can_curate(request.user),
            **forms,
        },
        status=400 if bound else 200,
    )


@login_required
@require_GET
def theme_detail(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = get_curated_theme(request.user, theme_id)
    suggestion = ""
    if request.GET.get("forslag") == "1":
        # Prefill the summary with the analysis's verbatim sentences from published inputs;
        # nothing is saved until the staff member presses "Gem".
        suggestion = " ".join(s.sentence for s in queries.theme_page(theme).suggestion)
    return _page(request, theme, suggestion=suggestion)


def _curating(request: HttpRequest, theme_id: int) -> CuratedTheme:
    theme = get_curated_theme(request.user, theme_id)
    require(can_curate(request.user))
    return theme


def _failed(request: HttpRequest, theme: CuratedTheme, name: str, form: Form) -> HttpResponse:
    theme.refresh_from_db()
    return _page(request, theme, bound={name: form})


def _add_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@require_POST
def theme_edit(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = _curating(request, theme_id)
    form = ThemeTextForm(request.POST)
    if form.is_valid():
        try:
            edit_theme(
                theme=theme,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                acting_user=acting_user(request.user),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Temaet er gemt."))
            return redirect("analysis:theme", theme_id=theme.pk)
    return _failed(request, theme, "text_form", form)


@login_required
@require_POST
def theme_status(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = _curating(request, theme_id)
    ready = request.POST.get("status") == "ready"
    try:
        if ready:
            mark_ready(theme=theme, acting_user=acting_user(request.user))
        else:
            mark_draft(theme=theme, acting_user=acting_user(request.user))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Temaet er offentliggjort.")
            if ready
            else _("Temaet er sat tilbage til kladde og vises ikke længere offentligt."),
        )
    return redirect("analysis:theme", theme_id=theme.pk)


@login_required
@require_POST
def theme_merge(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = _curating(request, theme_id)
    form = MergeForm(request.POST, siblings=_siblings(theme))
    if form.is_valid():
        try:
            target = merge_themes(
                source=theme,
                target=form.cleaned_data["target"],
                acting_user=acting_user(request.user),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("»%(source)s« er lagt sammen med »%(target)s«.")
                % {"source": theme.title, "target": target.title},
            )
            return redirect("analysis:theme", theme_id=target.pk)
    return _failed(request, theme, "merge_form", form)


@login_required
@require_POST
def theme_move(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = _curating(request, theme_id)
    form = MoveThemeForm(request.POST, process=theme.process)
    if form.is_valid():
        try:
            moved = move_theme(
                theme=theme,
                focus_area=form.cleaned_data["focus_area"],
                acting_user=acting_user(request.user),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Temaet er flyttet til »%(area)s«.") % {"area": moved.focus_area.title},
            )
            return redirect("analysis:theme", theme_id=theme.pk)
    return _failed(request, theme, "move_form", form)


@login_required
@require_POST
def theme_inputs(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = _curating(request, theme_id)
    member_ids = list(
        CuratedThemeMember.objects.filter(theme=theme).values_list("input_id", flat=True)
    )
    form = ThemeInputsForm(request.POST, member_ids=member_ids, siblings=_siblings(theme))
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "split":
                new = split_theme(
                    theme=theme,
                    input_ids=data["inputs"],
                    title=data["new_title"],
                    acting_user=acting_user(request.user),
                )
                messages.success(
                    request,
                    _("%(n)d input er udskilt som temaet »%(title)s«.")
                    % {"n": len(data["inputs"]), "title": new.title},
                )
            else:
                count = move_inputs(
                    theme=theme,
                    input_ids=data["inputs"],
                    target=data["target"],
                    acting_user=acting_user(request.user),
                )
                messages.success(
                    request,
                    _("%(n)d input er flyttet til »%(title)s«.")
                    % {"n": count, "title": data["target"].title},
                )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("analysis:theme", theme_id=theme.pk)
    return _failed(request, theme, "inputs_form", form)


@login_required
@require_POST
def theme_suggest(request: HttpRequest, theme_id: int) -> HttpResponse:
    """Ask the municipality's language model for a name and a summary; the page shows them in
    the form, unsaved (a suggestion: the staff member edits and saves, or ignores it)."""
    if not suggestions.is_configured():
        raise Http404
    theme = _curating(request, theme_id)
    if theme.is_merged:
        return redirect("analysis:theme", theme_id=theme.pk)
    try:
        model = suggestions.suggest(theme)
    except suggestions.SummariserError:
        messages.error(
            request,
            _(
                "Sprogmodellen kunne ikke give et forslag lige nu (eller temaet har intet "
                "offentliggjort input at sende). Prøv igen senere, eller skriv selv navn og "
                "resumé."
            ),
        )
        return redirect("analysis:theme", theme_id=theme.pk)
    return _page(request, theme, model=model)
