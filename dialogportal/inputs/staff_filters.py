"""Turning query parameters into the staff list's filters (used by the page and the API)."""

from django.http import QueryDict

from dialogportal.inputs.forms import InputFilterForm
from dialogportal.inputs.models import Input, InputQuerySet


def filter_from_params(
    params: QueryDict, *, base: InputQuerySet | None = None
) -> tuple[InputQuerySet, dict[str, list[str]]]:
    """The filtered inputs (of `base`: the ones the user may see) and, for invalid parameters, a
    message per parameter."""
    form = InputFilterForm(params)
    qs = base if base is not None else Input.objects.none()
    if not form.is_valid():
        return qs.none(), {
            field: [str(error) for error in errors] for field, errors in form.errors.items()
        }
    data = form.cleaned_data
    process = data.get("process")
    return (
        qs.filtered(
            process_id=process.pk if process else None,
            focus_area_slug=(data.get("focus_area") or "").strip()[:80],
            channel=data.get("channel") or "",
            contributor_type=data.get("contributor_type") or "",
            status=data.get("status") or "",
            moderation_state=data.get("moderation_state") or "",
            postcode=(data.get("postcode") or "").strip(),
            given_from=data.get("given_from"),
            given_to=data.get("given_to"),
            q=(data.get("q") or "")[:200],
        ),
        {},
    )
