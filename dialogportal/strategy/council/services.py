"""Putting the council case (byrådssag) on the agendas: a case with its sagsnummer and its
route through the political committees (e.g. fagudvalg → Økonomiudvalget → Byrådet), the
decision item on the first meeting of the route, and the plan and the hvidbog attached as PDF
files. The secretariat sends the item on to the next committee once each has decided."""

import io
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dialogportal.accounts.models import User
from dialogportal.meetings.models import OPEN_FOR_ITEMS, AgendaItem, ItemKind, Meeting
from dialogportal.meetings.services import (
    RouteStep,
    add_attachment,
    add_item,
    open_case,
    plan_route,
)
from dialogportal.organisation.models import CommitteeKind, CommitteeLevel
from dialogportal.strategy.council.files import hvidbog_pdf, plan_pdf
from dialogportal.strategy.council.text import Stop, council_case
from dialogportal.strategy.models import StrategicPlan


def council_meetings() -> list[Meeting]:
    """The meetings a council case can go on: open agendas of political committees."""
    return list(
        Meeting.objects.filter(
            committee__kind=CommitteeKind.POLITICAL, status__in=[str(s) for s in OPEN_FOR_ITEMS]
        )
        .select_related("committee")
        .order_by("held_on", "start_time", "pk")
    )


def _check_route(meetings: Sequence[Meeting]) -> None:
    if not meetings:
        raise ValidationError({"first": [_("Vælg mindst ét møde – det sidste i Byrådet.")]})
    for meeting in meetings:
        if meeting.committee.kind != CommitteeKind.POLITICAL:
            raise ValidationError({"first": [_("Vælg møder i politiske udvalg.")]})
        if meeting.status not in OPEN_FOR_ITEMS:
            raise ValidationError(
                {
                    "first": [
                        _("Dagsordenen til %(committee)s den %(date)s er lukket.")
                        % {
                            "committee": meeting.committee.name,
                            "date": date_format(meeting.held_on, "j. F Y"),
                        }
                    ]
                }
            )
    if meetings[-1].committee.level != CommitteeLevel.CITY_COUNCIL:
        raise ValidationError(
            {"last": [_("En byrådssag slutter i Byrådet: vælg et byrådsmøde som sidste trin.")]}
        )


@transaction.atomic
def create_council_item(
    *,
    plan: StrategicPlan,
    journal_number: str,
    meetings: Sequence[Meeting],
    acting_user: User | None,
) -> AgendaItem:
    """Open the case (sagsnummer) with its route through `meetings` in order, and put the plan
    on the first one as a decision item – Resumé, Indstilling, Sagsfremstilling, Økonomi, and
    the plan and the hvidbog as PDF attachments. The author can open the item afterwards."""
    journal_number = " ".join(journal_number.split())
    if not journal_number:
        raise ValidationError({"journal_number": [_("Skriv sagens sagsnummer.")]})
    _check_route(meetings)
    case = open_case(
        journal_number=journal_number,
        title=_("Vedtagelse af %(title)s") % {"title": plan.title},
        process=plan.process,
        acting_user=acting_user,
    )
    if case.items.filter(meeting=meetings[0]).exists():
        raise ValidationError(
            {
                "journal_number": [
                    _("Sag %(number)s står allerede på dagsordenen til %(committee)s.")
                    % {"number": journal_number, "committee": meetings[0].committee.name}
                ]
            }
        )
    plan_route(
        case=case,
        steps=[RouteStep(committee=m.committee, meeting=m) for m in meetings],
        acting_user=acting_user,
    )
    with translation.override("da"):  # the case and its files are Danish, whoever writes
        title, content = council_case(
            plan, [Stop(committee=m.committee.name, held_on=m.held_on) for m in meetings]
        )
        files = (
            (_("Strategisk plan"), f"strategisk-plan-{plan.process.slug}.pdf", plan_pdf(plan)),
            (_("Hvidbog"), f"hvidbog-{plan.process.slug}.pdf", hvidbog_pdf(plan.process)),
        )
    item = add_item(
        meeting=meetings[0],
        title=title,
        kind=ItemKind.DECISION,
        journal_number=journal_number,
        content=content,
        process=plan.process,
        case=case,
        acting_user=acting_user,
    )
    for attachment_title, file_name, data in files:
        add_attachment(
            item=item,
            acting_user=acting_user,
            title=attachment_title,
            file_name=file_name,
            data=io.BytesIO(data),
            is_public=True,
        )
    return item
