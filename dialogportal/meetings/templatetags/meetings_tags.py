from datetime import date, datetime

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from dialogportal.meetings.document import DocVoter
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
def iso_datetime(value: str) -> datetime | None:
    """An ISO 8601 moment with offset; the `date` filter then shows it in Danish local time."""
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.filter
def lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


@register.filter
def voters(value: tuple[DocVoter, ...]) -> str:
    """ "A (12), V (6) og C (2)": a party with its votes, a member (one vote) by name."""
    names = [f"{v.name} ({v.count})" if v.count > 1 else v.name for v in value]
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s og %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
