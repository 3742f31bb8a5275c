"""Staff curating themes before anything is published: rename, edit the summary, merge, split,
move a theme to another focus area, move inputs between themes, mark ready (published) or back
to draft. Each service locks the theme row(s), changes them, and writes one `CurationEvent` per
change with who, when, before and after."""

import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.analysis.models import (
    SUMMARY_MAX,
    TITLE_MAX,
    CuratedTheme,
    CuratedThemeMember,
    CurationAction,
    CurationEvent,
    CurationStatus,
)
from dialogportal.core.text import clean_line, clean_text
from dialogportal.processes.models import FocusArea

# One form can move or split at most this many inputs at a time.
MAX_INPUTS_PER_ACTION = 5000


def _lock(*themes: CuratedTheme) -> list[CuratedTheme]:
    """The themes, locked in primary-key order (the run's matching locks in the same order)."""
    ids = sorted({theme.pk for theme in themes})
    locked = {t.pk: t for t in CuratedTheme.objects.select_for_update().filter(pk__in=ids)}
    if len(locked) != len(ids):
        raise ValidationError(_("Temaet findes ikke længere."))
    return [locked[theme.pk] for theme in themes]


def _record(
    theme: CuratedTheme,
    action: CurationAction,
    acting_user: User | None,
    before: dict[str, object],
    after: dict[str, object],
) -> CurationEvent:
    event = CurationEvent(
        process_id=theme.process_id,
        theme=theme,
        action=action,
        actor=acting_user,
        before=before,
        after=after,
        at=timezone.now(),
    )
    event.full_clean()
    event.save()
    return event


def _require_current(theme: CuratedTheme) -> None:
    if theme.status == CurationStatus.MERGED:
        raise ValidationError(
            _("Temaet er lagt sammen med »%(title)s« og kan ikke ændres.")
            % {"title": theme.merged_into.title if theme.merged_into else "?"}
        )


def clean_title(title: str, *, field: str = "title") -> str:
    """A theme name as one line of visible text: direction overrides and other invisible
    format characters are removed (the zero-width joiner inside emoji stays)."""
    title = clean_line(
        "".join(ch for ch in title if ch == "\u200d" or unicodedata.category(ch) != "Cf")
    )
    if not title:
        raise ValidationError({field: [_("Giv temaet et navn.")]})
    if not any(ch.isalnum() for ch in title):
        raise ValidationError({field: [_("Navnet skal indeholde bogstaver eller tal.")]})
    if len(title) > TITLE_MAX:
        raise ValidationError(
            {field: [_("Navnet er for langt: højst %(max)d tegn.") % {"max": TITLE_MAX}]}
        )
    return title


def _title_is_free(*, area_id: int, title: str, exclude: int | None, field: str) -> None:
    others = CuratedTheme.objects.current().filter(focus_area_id=area_id, title__iexact=title)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    clash = others.exists()
    if clash:
        raise ValidationError({field: [_("Der er allerede et tema med det navn i fokusområdet.")]})


@transaction.atomic
def edit_theme(
    *, theme: CuratedTheme, title: str, summary: str, acting_user: User | None
) -> CuratedTheme:
    """Rename the theme and/or change its summary; one event per changed field. A renamed
    theme keeps its name through every later run."""
    [locked] = _lock(theme)
    _require_current(locked)
    title = clean_title(title)
    summary = clean_text(summary)
    if len(summary) > SUMMARY_MAX:
        raise ValidationError(
            {
                "summary": [
                    _("Resuméet er for langt: højst %(max)d tegn (du skrev %(given)d).")
                    % {"max": SUMMARY_MAX, "given": len(summary)}
                ]
            }
        )
    if title != locked.title:
        _title_is_free(area_id=locked.focus_area_id, title=title, exclude=locked.pk, field="title")
        _record(
            locked, CurationAction.RENAMED, acting_user, {"title": locked.title}, {"title": title}
        )
        locked.title = title
        locked.is_named = True
    if summary != locked.summary:
        _record(
            locked,
            CurationAction.SUMMARY,
            acting_user,
            {"summary": locked.summary},
            {"summary": summary},
        )
        locked.summary = summary
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def mark_ready(*, theme: CuratedTheme, acting_user: User | None) -> CuratedTheme:
    """Publish the theme: "Det har vi hørt", the hvidbog and the plan show it from now on. Its
    current name counts as chosen by staff (a new run keeps it)."""
    [locked] = _lock(theme)
    _require_current(locked)
    if not locked.members.exists():
        raise ValidationError(_("Et tema uden input kan ikke offentliggøres."))
    if locked.status == CurationStatus.READY:
        return locked
    _record(
        locked,
        CurationAction.READY,
        acting_user,
        {"status": locked.status},
        {"status": CurationStatus.READY, "title": locked.title},
    )
    locked.status = CurationStatus.READY
    locked.is_named = True
    locked.ready_at = timezone.now()
    locked.ready_by = acting_user
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def mark_draft(*, theme: CuratedTheme, acting_user: User | None) -> CuratedTheme:
    """Take the theme off the public pages again (it stays, with its name and answers)."""
    [locked] = _lock(theme)
    _require_current(locked)
    if locked.status == CurationStatus.DRAFT:
        return locked
    _record(
        locked,
        CurationAction.DRAFT,
        acting_user,
        {"status": locked.status},
        {"status": CurationStatus.DRAFT},
    )
    locked.status = CurationStatus.DRAFT
    locked.ready_at = None
    locked.ready_by = None
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def merge_themes(
    *, source: CuratedTheme, target: CuratedTheme, acting_user: User | None
) -> CuratedTheme:
    """Move every input of `source` into `target` (same focus area) and retire `source`.
    Answers, outcomes and plan links of `source` count for `target` from now on; a later run
    that finds the two groups again matches both to `target`."""
    if source.pk == target.pk:
        raise ValidationError({"target": [_("Vælg et andet tema at lægge sammen med.")]})
    locked_source, locked_target = _lock(source, target)
    _require_current(locked_source)
    _require_current(locked_target)
    if locked_source.process_id != locked_target.process_id:
        raise ValidationError({"target": [_("Temaet hører til en anden proces.")]})
    if locked_source.focus_area_id != locked_target.focus_area_id:
        raise ValidationError(
            {"target": [_("Temaerne er i hvert sit fokusområde. Flyt det ene tema først.")]}
        )
    last = CuratedThemeMember.objects.filter(theme=locked_target).aggregate(n=Max("order"))["n"]
    # The target's own representatives stay first; the merged inputs follow in their order.
    count = CuratedThemeMember.objects.filter(theme=locked_source).update(
        theme=locked_target, is_representative=False, order=F("order") + (last or 0) + 1
    )
    _record(
        locked_source,
        CurationAction.MERGED,
        acting_user,
        {"status": locked_source.status, "title": locked_source.title},
        {"merged_into": locked_target.pk, "title": locked_target.title, "inputs": count},
    )
    _record(
        locked_target,
        CurationAction.MERGED,
        acting_user,
        {"title": locked_target.title},
        {"merged_from": locked_source.pk, "from_title": locked_source.title, "inputs": count},
    )
    locked_source.status = CurationStatus.MERGED
    locked_source.merged_into = locked_target
    locked_source.ready_at = None
    locked_source.save()
    return locked_target


def _members(theme: CuratedTheme, input_ids: Iterable[int]) -> list[CuratedThemeMember]:
    wanted = sorted({int(i) for i in input_ids})
    if not wanted:
        raise ValidationError({"inputs": [_("Vælg mindst ét input.")]})
    if len(wanted) > MAX_INPUTS_PER_ACTION:
        raise ValidationError(
            {"inputs": [_("Højst %(max)d input ad gangen.") % {"max": MAX_INPUTS_PER_ACTION}]}
        )
    members = list(CuratedThemeMember.objects.filter(theme=theme, input_id__in=wanted))
    if len(members) != len(wanted):
        raise ValidationError({"inputs": [_("Et af de valgte input er ikke i temaet.")]})
    return members


@transaction.atomic
def split_theme(
    *, theme: CuratedTheme, input_ids: Iterable[int], title: str, acting_user: User | None
) -> CuratedTheme:
    """Make a new draft theme, named `title`, of the chosen inputs of `theme`. The inputs are
    pinned there: a later run does not move them back."""
    [locked] = _lock(theme)
    _require_current(locked)
    title = clean_title(title, field="new_title")
    members = _members(locked, input_ids)
    if len(members) >= locked.members.count():
        raise ValidationError(
            {"inputs": [_("Lad mindst ét input blive i temaet – ellers er det en omdøbning.")]}
        )
    _title_is_free(area_id=locked.focus_area_id, title=title, exclude=None, field="new_title")
    new = CuratedTheme(
        process_id=locked.process_id,
        focus_area_id=locked.focus_area_id,
        title=title,
        is_named=True,
        order=locked.order,
    )
    new.full_clean()
    new.save()
    ids = [m.input_id for m in members]
    CuratedThemeMember.objects.filter(pk__in=[m.pk for m in members]).update(
        theme=new, is_pinned=True
    )
    _record(
        locked,
        CurationAction.SPLIT,
        acting_user,
        {"size": len(members) + locked.members.count()},
        {"new_theme": new.pk, "new_title": title, "inputs": ids},
    )
    _record(new, CurationAction.SPLIT, acting_user, {"from": locked.pk}, {"inputs": ids})
    return new


@transaction.atomic
def move_inputs(
    *,
    theme: CuratedTheme,
    input_ids: Iterable[int],
    target: CuratedTheme,
    acting_user: User | None,
) -> int:
    """Move the chosen inputs of `theme` to `target` (same focus area); they are pinned there.
    Returns how many moved."""
    if theme.pk == target.pk:
        raise ValidationError({"target": [_("Vælg et andet tema.")]})
    locked, locked_target = _lock(theme, target)
    _require_current(locked)
    _require_current(locked_target)
    if locked.focus_area_id != locked_target.focus_area_id:
        raise ValidationError({"target": [_("Vælg et tema i samme fokusområde.")]})
    members = _members(locked, input_ids)
    last = CuratedThemeMember.objects.filter(theme=locked_target).aggregate(n=Max("order"))["n"]
    ids = [m.input_id for m in members]
    CuratedThemeMember.objects.filter(pk__in=[m.pk for m in members]).update(
        theme=locked_target, is_pinned=True, is_representative=False, order=(last or 0) + 1
    )
    _record(
        locked,
        CurationAction.INPUTS_MOVED,
        acting_user,
        {"theme": locked.pk},
        {"theme": locked_target.pk, "title": locked_target.title, "inputs": ids},
    )
    _record(
        locked_target,
        CurationAction.INPUTS_MOVED,
        acting_user,
        {"theme": locked.pk, "title": locked.title},
        {"theme": locked_target.pk, "inputs": ids},
    )
    return len(members)


@transaction.atomic
def move_theme(
    *, theme: CuratedTheme, focus_area: FocusArea, acting_user: User | None
) -> CuratedTheme:
    """Move the theme with its inputs to another focus area of the process. Its inputs are
    pinned there; an input that is in a theme of that area already stays in that theme."""
    [locked] = _lock(theme)
    _require_current(locked)
    if focus_area.process_id != locked.process_id:
        raise ValidationError({"focus_area": [_("Fokusområdet hører til en anden proces.")]})
    if focus_area.pk == locked.focus_area_id:
        raise ValidationError({"focus_area": [_("Temaet er allerede i det fokusområde.")]})
    _title_is_free(area_id=focus_area.pk, title=locked.title, exclude=None, field="focus_area")
    before_area = locked.focus_area_id
    members = CuratedThemeMember.objects.filter(theme=locked)
    already = set(
        CuratedThemeMember.objects.filter(
            focus_area=focus_area, input_id__in=members.values("input_id")
        ).values_list("input_id", flat=True)
    )
    dropped = members.filter(input_id__in=already).delete()[0] if already else 0
    moved = members.update(focus_area=focus_area, is_pinned=True)
    _record(
        locked,
        CurationAction.MOVED,
        acting_user,
        {"focus_area": before_area},
        {"focus_area": focus_area.pk, "inputs": moved, "left_in_other_themes": dropped},
    )
    locked.focus_area = focus_area
    locked.full_clean()
    locked.save()
    return locked
