"""Checks every MED service shares."""

from collections.abc import Sequence
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dialogportal.core.uploads import check_attachments


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


def check_files(files: Sequence[tuple[str, IO[bytes]]], field: str) -> list[tuple[str, bytes]]:
    """The inputs app's upload rules (type by content, size, count, a safe name)."""
    if not files:
        return []
    try:
        checked = check_attachments(list(files))
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return [(c.name, c.data) for c in checked]
