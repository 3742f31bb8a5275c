"""Which committee an imported document belongs to: the one named by its slug, the one whose
name the document gives (spelled with or without article and "MED"), or, on request, a new
one with the kind guessed from the name."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from dialogportal.minutes import MinutesError, ParsedMinutes
from dialogportal.minutes.committees import committee_key, guess_level, kind_of_level, slug_for
from dialogportal.organisation.models import Committee, CommitteeKind, CommitteeLevel
from dialogportal.organisation.services import save_committee

__all__ = ["CommitteeChoice", "CommitteeRefusedError", "choose_committee"]


class CommitteeRefusedError(MinutesError):
    """No committee can be chosen for the document; the message says which exist."""


@dataclass(frozen=True)
class CommitteeChoice:
    committee: Committee
    #: Set when the committee was created for this import: what was guessed, for the report.
    created_note: str = ""


def _existing() -> str:
    committees = list(Committee.objects.order_by("name").values_list("name", "slug"))
    if not committees:
        return _(
            "Der findes ingen udvalg endnu. Brug --create-committee for at oprette udvalget "
            "fra dokumentet, eller opret det i administrationen."
        )
    listed = ", ".join(f"{name} ({slug})" for name, slug in committees[:40])
    more = (
        _(" og %(count)d flere") % {"count": len(committees) - 40} if len(committees) > 40 else ""
    )
    return _(
        "Udvalgene er: %(committees)s%(more)s. Brug --committee SLUG, eller "
        "--create-committee for at oprette udvalget fra dokumentet."
    ) % {"committees": listed, "more": more}


def choose_committee(
    parsed: ParsedMinutes, *, slug: str | None, create: bool, level: str | None
) -> CommitteeChoice:
    """The committee to import into; raises :class:`CommitteeRefusedError` saying why not."""
    if slug:
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None:
            raise CommitteeRefusedError(
                _("der er intet udvalg med det korte navn „%(slug)s“. %(existing)s"),
                slug=slug,
                existing=_existing(),
            )
        return CommitteeChoice(committee)
    name = " ".join((parsed.committee or "").split())
    if not name:
        raise CommitteeRefusedError(
            _("dokumentet nævner intet udvalg; angiv det med --committee SLUG. %(existing)s"),
            existing=_existing(),
        )
    key = committee_key(name)
    matches = [c for c in Committee.objects.all() if committee_key(c.name) == key]
    if len(matches) == 1:
        return CommitteeChoice(matches[0])
    if len(matches) > 1:
        raise CommitteeRefusedError(
            _("flere udvalg hedder „%(name)s“: %(committees)s; vælg ét med --committee SLUG"),
            name=name,
            committees=", ".join(f"{c.name} ({c.slug})" for c in matches),
        )
    if not create:
        raise CommitteeRefusedError(
            _("der er intet udvalg ved navn „%(name)s“. %(existing)s"),
            name=name,
            existing=_existing(),
        )
    return _create(name, level)


def _create(name: str, level: str | None) -> CommitteeChoice:
    guessed = guess_level(name)
    if level is None and guessed is None:
        raise CommitteeRefusedError(
            _(
                "navnet „%(name)s“ siger ikke, hvilket slags udvalg det er; angiv "
                "--committee-level (fx standing for et fagudvalg, main for et hovedudvalg)"
            ),
            name=name,
        )
    chosen_level = level or (guessed[1] if guessed else CommitteeLevel.STANDING)
    kind = kind_of_level(chosen_level)
    committee = save_committee(
        slug=slug_for(name, set(Committee.objects.values_list("slug", flat=True))),
        name=name[:200],
        kind=kind,
        level=chosen_level,
    )
    how = _("angivet") if level else _("gættet ud fra navnet")
    note = _(
        "Oprettede udvalget „%(name)s“ (%(slug)s): %(kind)s, %(level)s (%(how)s; ret det i "
        "administrationen, hvis det er forkert)."
    ) % {
        "name": committee.name,
        "slug": committee.slug,
        "kind": CommitteeKind(kind).label,
        "level": CommitteeLevel(chosen_level).label,
        "how": how,
    }
    return CommitteeChoice(committee, note)
