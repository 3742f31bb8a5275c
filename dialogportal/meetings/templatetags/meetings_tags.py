from datetime import date

from django import template
from django.utils.safestring import SafeString

from dialogportal.meetings.markup import to_html

register = template.Library()


@register.filter
def markup(text: str, heading_level: int = 4) -> SafeString:
    """Section text (Markdown as written in minutes) as escaped HTML."""
    return to_html(text or "", heading_level=int(heading_level))


@register.filter
def iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.filter
def lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]
