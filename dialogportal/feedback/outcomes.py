"""What an input or a theme led to, as a reader sees it: staff's own words, or a sentence made
now – in the page's language – from the linked initiative's state now. A dropped or paused
initiative is never described as one the idea "is part of"."""

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dialogportal.feedback.models import LinkedState, Outcome


@dataclass(frozen=True)
class OutcomeLink:
    """What the strategy app tells feedback about an initiative an outcome points to."""

    key: str  # "initiative:12"
    title: str
    context: str  # the plan's title
    url: str
    state: str  # a LinkedState value
    reason: str = ""


def _pattern(state: str) -> str:
    """The sentence for a state, with %(title)s and %(context)s (and %(reason)s where a reason
    is owed)."""
    if state == LinkedState.DONE:
        return _("Det indgik i indsatsen %(title)s i planen %(context)s. Indsatsen er gennemført.")
    if state == LinkedState.PAUSED:
        return _(
            "Det skulle indgå i indsatsen %(title)s i planen %(context)s, men indsatsen er sat i "
            "bero: %(reason)s"
        )
    if state == LinkedState.DROPPED:
        return _(
            "Det skulle indgå i indsatsen %(title)s i planen %(context)s, men indsatsen er "
            "opgivet: %(reason)s"
        )
    if state == LinkedState.IN_PROGRESS:
        return _("Det indgår i indsatsen %(title)s i planen %(context)s. Indsatsen er i gang.")
    return _("Det indgår i indsatsen %(title)s i planen %(context)s. Indsatsen er planlagt.")


@dataclass(frozen=True)
class OutcomeView:
    """One "det førte til" line. `str()` is the plain sentence (e-mail, API, PDF); `html` marks
    the Danish titles with lang="da" and links the initiative."""

    text: str
    html: SafeString
    url: str
    state: str
    state_label: str

    def __str__(self) -> str:
        return self.text

    @property
    def is_stopped(self) -> bool:
        return self.state in (LinkedState.PAUSED, LinkedState.DROPPED)


def view(outcome: Outcome) -> OutcomeView:
    if not outcome.link_key:
        return OutcomeView(
            text=outcome.text,
            html=format_html('<span lang="da">{}</span>', outcome.text),
            url="",
            state="",
            state_label="",
        )
    pattern = _pattern(outcome.link_state)
    reason = outcome.link_reason or _("ingen begrundelse givet.")
    text = pattern % {
        "title": f"»{outcome.link_title}«",
        "context": f"»{outcome.link_context}«",
        "reason": reason,
    }
    title = (
        format_html(
            '»<a href="{}"><span lang="da">{}</span></a>«', outcome.link_url, outcome.link_title
        )
        if outcome.link_url
        else format_html('»<span lang="da">{}</span>«', outcome.link_title)
    )
    # The pattern is escaped first; the parts put into it are escaped HTML of their own.
    html = mark_safe(  # noqa: S308
        escape(pattern)
        % {
            "title": title,
            "context": format_html('»<span lang="da">{}</span>«', outcome.link_context),
            "reason": format_html('<span lang="da">{}</span>', reason)
            if outcome.link_reason
            else escape(reason),
        }
    )
    return OutcomeView(
        text=text,
        html=html,
        url=outcome.link_url,
        state=outcome.link_state,
        state_label=str(LinkedState(outcome.link_state).label) if outcome.link_state else "",
    )
