"""Checks every MED service shares."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def refuse_bad_text(**texts: tuple[str, int]) -> None:
    """Each text within its limit and without NUL (PostgreSQL cannot store it); one error per
    field, in Danish."""
    errors: dict[str, str] = {}
    for name, (text, limit) in texts.items():
        if "\x00" in text:
            errors[name] = _("Teksten indeholder et ugyldigt tegn (NUL).")
        elif len(text) > limit:
            errors[name] = _("Teksten er for lang (højst %(limit)s tegn).") % {
                "limit": f"{limit:,}".replace(",", ".")
            }
    if errors:
        raise ValidationError(errors)
