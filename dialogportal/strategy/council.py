"""The council case (byrådssag) generated from the plan: the text of the agenda item that asks
the committee to adopt it, in the usual Danish order (Resumé, Indstilling with "at …" clauses,
Sagsfremstilling, Økonomi, Bilag). Read-only: `services.create_council_item` writes it."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dialogportal.core.formatting import kroner
from dialogportal.feedback.queries import heard_report
from dialogportal.meetings.services import ItemContent, NewAttachment
from dialogportal.strategy.models import StrategicPlan
from dialogportal.strategy.queries import PlanView, plan_view, public_inputs_per_area


def _case_description(view: PlanView) -> str:
    plan = view.plan
    process = plan.process
    report = heard_report(process)
    lines: list[str] = [
        _("Baggrund"),
        _(
            "Planen bygger på hvidbogen for »%(process)s« og på dialogen med borgere, "
            "medarbejdere, virksomheder og foreninger."
        )
        % {"process": process.title},
        "",
        _("Sådan blev inputtet brugt"),
        ngettext(
            "Der kom %(count)d input, hvoraf %(public)d er offentliggjort.",
            "Der kom %(count)d input, hvoraf %(public)d er offentliggjort.",
            report.received_count,
        )
        % {"count": report.received_count, "public": report.public_count},
    ]
    channel_rows = report.charts[0].rows if report.charts else ()
    if channel_rows:
        lines.append(_("Offentliggjorte input efter kanal:"))
        lines.extend(f"- {label}: {count}" for label, count in channel_rows)
    area_rows = public_inputs_per_area(process)
    if area_rows:
        lines.append(_("Offentliggjorte input efter fokusområde:"))
        lines.extend(f"- {label}: {count}" for label, count in area_rows)
    linked = sum(item.input_count for item in view.initiatives)
    lines.append(
        _("Indsatserne henviser i alt %(count)d gange til konkrete input.") % {"count": linked}
    )
    for area in view.areas:
        lines += ["", area.area.title]
        for goal in area.goals:
            lines.append(_("Mål: %(text)s") % {"text": goal.goal.text})
            for target in goal.targets:
                lines.append(
                    _("- %(name)s: fra %(baseline)s (%(from)d) til %(goal)s (%(to)d)")
                    % {
                        "name": target.indicator.name,
                        "baseline": target.baseline,
                        "from": target.target.baseline_year,
                        "goal": target.goal_value,
                        "to": target.target.target_year,
                    }
                )
            for item in goal.initiatives:
                initiative = item.initiative
                lines.append(
                    _("- Indsats: %(title)s (%(status)s; ansvarlig: %(owner)s)")
                    % {
                        "title": initiative.title,
                        "status": item.status_label,
                        "owner": initiative.owner_name,
                    }
                )
    lines += [
        "",
        _("Videre proces"),
        _(
            "Indsatsernes status og fremdrift følges på planens offentlige side, "
            "%(url)s, og nøgletallene opdateres løbende."
        )
        % {"url": settings.SITE_URL.rstrip("/") + plan.get_absolute_url()},
    ]
    return "\n".join(lines)


def _finances(view: PlanView) -> str:
    budgeted = [item.initiative for item in view.initiatives if item.initiative.budget_dkk]
    if not budgeted:
        return _("Indsatserne har endnu ingen budgetter. Der er ingen økonomiske konsekvenser.")
    lines = [_("Samlet budget for indsatserne: %(total)s") % {"total": kroner(view.total_budget)}]
    lines.extend(f"- {i.title}: {kroner(i.budget_dkk or 0)}" for i in budgeted)
    lines.append(_("Finansieringen indgår i budgetlægningen."))
    return "\n".join(lines)


def council_case(plan: StrategicPlan) -> tuple[str, ItemContent]:
    """The item's title and content."""
    view = plan_view(plan)
    goal_count = len(view.goals)
    summary = _(
        "Den strategiske plan »%(title)s« samler %(goals)d mål og %(initiatives)d indsatser, "
        "der bygger på hvidbogen og dialogen i »%(process)s«. Planen forelægges til vedtagelse."
    ) % {
        "title": plan.title,
        "goals": goal_count,
        "initiatives": view.initiative_count,
        "process": plan.process.title,
    }
    if plan.summary:
        summary = f"{summary}\n\n{plan.summary}"
    content = ItemContent(
        summary=summary,
        recommendation_intro=_("Administrationen indstiller,"),
        recommendations=(
            _("at strategien godkendes,"),
            _("at hvidbogen tages til efterretning,"),
            _("at indsatsernes fremdrift følges op på årligt."),
        ),
        case_description=_case_description(view),
        finances=_finances(view),
        attachments=(
            NewAttachment(title=_("Strategisk plan")),
            NewAttachment(title=_("Hvidbog")),
        ),
    )
    return _("Vedtagelse af %(title)s") % {"title": plan.title}, content
