"""The one staff navigation: every tool a staff member may use, shown only to those whose role
allows it. Tools that work on one process ("Analyse", "Nøgletal" …) go through
`workspace:tool`, which opens the tool for the process in question or lets the person choose."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dialogportal.accounts.models import User


@dataclass(frozen=True)
class Tool:
    key: str
    label: str | Promise
    permission: str
    # A page for all processes (url name without arguments) or for one (url name taking `slug`).
    url_name: str
    per_process: bool = False
    # A second permission that also opens the tool (either one is enough).
    or_permission: str = ""


TOOLS: tuple[Tool, ...] = (
    Tool("opsaetning", _("Processer"), "processes.change_process", "processes:staff_list"),
    Tool("input", _("Alle input"), "inputs.view_input", "inputs:staff_list"),
    Tool("moderering", _("Moderering"), "moderation.moderate_input", "moderation:queue"),
    Tool("analyse", _("Analyse"), "analysis.view_analysisrun", "analysis:runs", True),
    Tool(
        "tilbagemelding",
        _("Tilbagemelding"),
        "feedback.add_answer",
        "feedback:staff_overview",
        True,
    ),
    Tool(
        "strategisk-plan",
        _("Strategisk plan"),
        "strategy.change_strategicplan",
        "strategy:staff_plan",
        True,
    ),
    Tool("noegletal", _("Nøgletal"), "indicators.change_indicator", "indicators:manage", True),
    Tool(
        "dialogmoeder",
        _("Dialogmøder"),
        "dialogmeetings.view_dialogmeeting",
        "dialogmeetings:staff_list",
    ),
    Tool("udvalg", _("Udvalgssekretariat"), "meetings.change_meeting", "meetings:staff_home"),
    Tool(
        "med",
        _("MED-systemet"),
        "meetings.change_meeting",
        "med:home",
        or_permission="med.view_med_overview",
    ),
)
TOOLS_BY_KEY = {tool.key: tool for tool in TOOLS}


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    url: str
    is_current: bool


def tools_for(user: User | object) -> list[Tool]:
    if not isinstance(user, User) or not user.is_active:
        return []
    return [
        tool
        for tool in TOOLS
        if user.has_perm(tool.permission)
        or (tool.or_permission and user.has_perm(tool.or_permission))
    ]


def tool_url(tool: Tool) -> str:
    if tool.per_process:
        return reverse("workspace:tool", kwargs={"key": tool.key})
    return reverse(tool.url_name)


def staff_navigation(request: HttpRequest) -> dict[str, list[NavLink]]:
    """Context processor: `STAFF_NAV`, empty for everyone who is not staff."""
    tools = tools_for(getattr(request, "user", None))
    if not tools:
        return {"STAFF_NAV": []}
    home = reverse("workspace:home")
    links = [NavLink(_("Mit overblik"), home, request.path == home)]
    for tool in tools:
        url = tool_url(tool)
        links.append(NavLink(tool.label, url, request.path.startswith(url)))
    return {"STAFF_NAV": links}
