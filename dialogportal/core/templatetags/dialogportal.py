from datetime import datetime, time
from decimal import Decimal

from django import forms, template
from django.urls import translate_url
from django.utils.safestring import SafeString

from dialogportal.core import formatting

register = template.Library()

# Dates, times and amounts: one filter per function of core.formatting, in the active language.
register.filter("long_date", formatting.long_date)
register.filter("short_date", formatting.short_date)
register.filter("weekday_date", formatting.weekday_date)
register.filter("date_time", formatting.date_time)
register.filter("short_date_time", formatting.short_date_time)
register.filter("kroner", formatting.kroner)


def _as_time(value: time | datetime | str | None) -> time | datetime | None:
    """A time as published documents keep it ("19:00") or as the models do."""
    if isinstance(value, str):
        try:
            return time.fromisoformat(value) if value else None
        except ValueError:
            return None
    return value


@register.filter
def clock(value: time | datetime | str | None) -> str:
    """{{ meeting.starts_at|clock }} → "kl. 19.00"."""
    return formatting.clock(_as_time(value))


@register.filter
def clock_until(start: time | datetime | str | None, end: time | datetime | str | None) -> str:
    """{{ meeting.starts_at|clock_until:meeting.ends_at }} → "kl. 19.00–21.00"."""
    return formatting.clock_span(_as_time(start), _as_time(end))


@register.filter
def number(value: Decimal | int | float | None, decimals: int = 0) -> str:
    """{{ count|number }} → "1.200"; {{ score|number:2 }} → "0,87"."""
    return formatting.format_number(value, int(decimals))


_INPUT_CLASSES: dict[type[forms.Widget], str] = {
    forms.CheckboxInput: "form-checkbox",
    forms.RadioSelect: "form-radio",
    forms.Select: "form-select",
    forms.Textarea: "form-input",
}


@register.filter
def as_dkfds(field: forms.BoundField) -> SafeString:
    """Render a form field's widget with the design system's classes and ARIA wiring."""
    widget = field.field.widget
    css = next(
        (cls for kind, cls in _INPUT_CLASSES.items() if isinstance(widget, kind)), "form-input"
    )
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_hint")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs: dict[str, str | bool] = {
        "class": " ".join(filter(None, [widget.attrs.get("class"), css]))
    }
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_optional(field: forms.BoundField) -> bool:
    """A field the person may leave empty: not required by the form, and not marked
    aria-required by a form whose service checks it (so that every error comes in one pass)."""
    if field.field.required:
        return False
    return str(field.field.widget.attrs.get("aria-required", "")).lower() != "true"


@register.simple_tag(takes_context=True)
def translated_path(context: template.Context, language: str) -> str:
    """This page's address in `language` (resolved while the page's own language is active;
    Django's set_language cannot resolve an address of another language by itself)."""
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language)
