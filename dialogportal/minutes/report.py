"""The readable summary of a parsed document that ``import-minutes --dry-run`` prints."""

from __future__ import annotations

from dialogportal.minutes.errors import Translate, gettext_noop, render
from dialogportal.minutes.model import ParsedMinutes

__all__ = ["format_text"]


_ALWAYS_SHOWN = frozenset({"sagsnr.", "resumé"})


def _identity(text: str) -> str:
    return text


def _shorten(text: str | None, width: int = 70) -> str:
    if not text:
        return "-"
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def format_text(
    parsed: ParsedMinutes, committee_slug: str | None = None, translate: Translate = _identity
) -> str:
    """A readable summary of what would be imported."""

    def t(template: str, **params: object) -> str:
        return render(template, params, translate)

    when = " ".join(
        part
        for part in (
            parsed.date.isoformat() if parsed.date else t(gettext_noop("ingen dato")),
            parsed.start_time.strftime("%H:%M") if parsed.start_time else "",
            f"- {parsed.end_time:%H:%M}" if parsed.end_time else "",
        )
        if part
    )
    committee = parsed.committee or t(gettext_noop("(intet udvalg nævnt)"))
    lines = [
        f"{parsed.kind.capitalize()}: {committee}",
        t(gettext_noop("Tid:    %(when)s"), when=when),
        t(gettext_noop("Sted:   %(place)s"), place=parsed.location or "-"),
    ]
    if committee_slug:
        lines.append(t(gettext_noop("Til udvalget: %(slug)s"), slug=committee_slug))
    for label, names in (
        (gettext_noop("Deltagere:  %(names)s"), parsed.participants),
        (gettext_noop("Afbud:      %(names)s"), parsed.excused),
        (gettext_noop("Fraværende: %(names)s"), parsed.absent),
        (gettext_noop("Underskrevet af: %(names)s"), parsed.signatures),
    ):
        if names:
            lines.append(t(label, names=", ".join(names)))
    lines.append(t(gettext_noop("Punkter: %(count)d"), count=len(parsed.items)))
    for item in parsed.items:
        flags = t(gettext_noop(" (lukket)")) if item.closed else ""
        presenter = f" v. {item.presenter}" if item.presenter else ""
        lines.append(f"  {item.display_number:>4}  {_shorten(item.title)}{presenter}{flags}")
        details: list[tuple[str, str | None]] = [
            (gettext_noop("sagsnr."), item.journal_number),
            (gettext_noop("resumé"), item.summary),
        ]
        details += [(gettext_noop("indstilling"), clause) for clause in item.recommendations]
        details += [
            (gettext_noop("beslutning"), f"[{decision.heading}] {decision.text}")
            for decision in item.decisions
        ]
        details += [
            (gettext_noop("sagsfremst."), item.case_description),
            (gettext_noop("økonomi"), item.finances),
        ]
        details += [(gettext_noop("sagsoplysn."), f"{k}: {v}") for k, v in item.metadata]
        if item.absent:
            details.append((gettext_noop("fraværende"), ", ".join(item.absent)))
        details += [
            (
                gettext_noop("bilag"),
                attachment.title
                + ("" if attachment.is_public else t(gettext_noop(" (lukket bilag)"))),
            )
            for attachment in item.attachments
        ]
        for name, value in details:
            if value or name in _ALWAYS_SHOWN:
                lines.append(f"        {translate(name):<12} {_shorten(value)}")
    return "\n".join(lines)
