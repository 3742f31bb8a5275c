"""A process's public page and a focus area's public page. They belong to the processes, but
they list published inputs (counts per area, one page of an area's inputs), so they are composed
here, one layer above `processes` (docs/architecture.md), and routed by `inputs.urls` as
`inputs:process` and `inputs:focus_area` (`Process.get_absolute_url` and
`FocusArea.get_absolute_url` name them)."""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from dialogportal.core.page_cache import public_page, valid_until
from dialogportal.core.public_version import public_version
from dialogportal.inputs.models import ContributorType, Input
from dialogportal.inputs.queries import public_input
from dialogportal.processes.models import Phase
from dialogportal.processes.permissions import (
    documents_for_user,
    get_focus_area_for_user,
    get_process_for_user,
)

INPUTS_PER_PAGE = 20
# A cached public part is keyed by the public version; the timeout only bounds the memory.
PUBLIC_PART_CACHE_SECONDS = 600


def _accepts_input(phase: Phase | None) -> bool:
    return phase is not None and phase.rules.accepts_input


def _shows_inputs(phase: Phase | None) -> bool:
    # Before any input phase there is nothing to show; after the last phase inputs stay visible.
    return phase is None or phase.rules.shows_inputs


@public_page()
def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    now = timezone.now()
    phases = list(process.phases.all())
    stage = process.stage_at(now)
    current = stage.current_phase
    area_counts: dict[int | None, int] = dict(
        Input.objects.public()
        .filter(process=process)
        .values_list("focus_area_id")
        .annotate(n=Count("id"))
        .values_list("focus_area_id", "n")
    )
    areas = list(process.focus_areas.all())
    for area in areas:
        area.public_input_count = area_counts.get(area.pk, 0)  # type: ignore[attr-defined]
    response = render(
        request,
        "inputs/pages/process_detail.html",
        {
            "process": process,
            "phases": phases,
            "current_phase": current,
            "stage": stage,
            "accepts_input": _accepts_input(current),
            "focus_areas": areas,
            "other_count": area_counts.get(None, 0),
            "documents": documents_for_user(request.user, process),
            "now": now,
        },
    )
    return valid_until(response, [process.stage_changes_after(now)], now=now)


def _public_listing(area_id: int, version: str | None) -> tuple[tuple[int, ...], dict[str, int]]:
    """The ids of the area's published inputs in page order and the count per contributor type:
    one narrow query (the index `input_area_state_created_id`), cached under the public version
    so that a page not seen before costs a look-up of 20 rows by id, not an OFFSET scan."""
    key = f"inputs:area-listing:{version}:{area_id}"
    if version is not None:
        cached: tuple[tuple[int, ...], dict[str, int]] | None = cache.get(key)
        if cached is not None:
            return cached
    rows = list(
        Input.objects.public()
        .filter(focus_area_id=area_id)
        .order_by("-created_at", "-id")
        .values_list("id", "contributor_type")
    )
    by_type: dict[str, int] = {}
    for _pk, contributor_type in rows:
        by_type[contributor_type] = by_type.get(contributor_type, 0) + 1
    listing = (tuple(pk for pk, _type in rows), by_type)
    if version is not None:
        cache.set(key, listing, PUBLIC_PART_CACHE_SECONDS)
    return listing


def _render_public_inputs(area_id: int, page_number: str | None, version: str | None) -> str:
    """The public part of the focus-area page: counts per contributor type, one page of
    published inputs (through the one projection `public_input`) and the pagination.

    The page's rows are read again through `Input.objects.public()`, so even an id listing
    that were somehow stale could only drop an input, never show one that is not public."""
    ids, by_type = _public_listing(area_id, version)
    page = Paginator(ids, INPUTS_PER_PAGE).get_page(page_number)
    page_ids = list(page.object_list)
    rows = {
        obj.pk: obj for obj in Input.objects.for_focus_area_page(area_id).filter(pk__in=page_ids)
    }
    return render_to_string(
        "inputs/pages/_focus_area_inputs.html",
        {
            "total": len(ids),
            "counts": [
                (label, by_type.get(value, 0))
                for value, label in ContributorType.choices
                if by_type.get(value)
            ],
            "page": page,
            "inputs": [public_input(rows[pk]) for pk in page_ids if pk in rows],
        },
    )


def _public_inputs_html(area_id: int, page_number: str | None) -> SafeString:
    """`_render_public_inputs`, cached under the public version read BEFORE the data.

    Every write that can change what the public sees bumps the version in the same transaction
    (database triggers, see core.public_version), so a cached part is never older than
    its version and a newer version never finds an old part. Pages that are not a plain number
    (or absurdly large) are rendered without the cache."""
    version = public_version()
    cacheable = version is not None and (
        page_number is None or (page_number.isdigit() and len(page_number) <= 6)
    )
    if not cacheable:
        return mark_safe(_render_public_inputs(area_id, page_number, None))  # noqa: S308
    key = (
        f"inputs:area-inputs:{version}:{area_id}:{get_language()}:"
        f"{int(page_number) if page_number else 1}"
    )
    html: str | None = cache.get(key)
    if html is None:
        html = _render_public_inputs(area_id, page_number, version)
        cache.set(key, html, PUBLIC_PART_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's autoescaped output


@public_page(query=("side",))
def focus_area_detail(request: HttpRequest, slug: str, area_slug: str) -> HttpResponse:
    focus_area = get_focus_area_for_user(request.user, slug, area_slug)
    process = focus_area.process
    now = timezone.now()
    current = process.current_phase(now)
    shows_inputs = _shows_inputs(current)
    context: dict[str, object] = {
        "process": process,
        "focus_area": focus_area,
        "current_phase": current,
        "accepts_input": _accepts_input(current),
        "shows_inputs": shows_inputs,
    }
    if shows_inputs:
        context["inputs_html"] = _public_inputs_html(focus_area.pk, request.GET.get("side"))
    response = render(request, "inputs/pages/focus_area_detail.html", context)
    return valid_until(response, [process.stage_changes_after(now)], now=now)
