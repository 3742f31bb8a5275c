"""The council case's attachments as real PDF files (WeasyPrint through `core.pdf`): the plan,
as on its public PDF, and the hvidbog of the process, as its staff export."""

from pathlib import Path

from django.template.loader import render_to_string

from dialogportal.core.pdf import render_pdf
from dialogportal.feedback.exports import hvidbog_pdf as render_hvidbog_pdf
from dialogportal.feedback.queries import hvidbog
from dialogportal.processes.models import Process
from dialogportal.strategy.models import StrategicPlan
from dialogportal.strategy.queries import plan_view

PLAN_STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "strategy" / "plan-print.css"


def plan_pdf(plan: StrategicPlan) -> bytes:
    """The plan as its public PDF, in the active language."""
    html = render_to_string(
        "strategy/plan_pdf.html", {"view": plan_view(plan), "plan": plan}, request=None
    )
    return render_pdf(html, stylesheet=PLAN_STYLESHEET)


def hvidbog_pdf(process: Process) -> bytes:
    """The hvidbog of the process: every input grouped by theme with the municipality's
    answers, published inputs as shown publicly."""
    return render_hvidbog_pdf(hvidbog(process))
