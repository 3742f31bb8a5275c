"""Dialog meetings for tests, made through the real services."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from dialogportal.dialogmeetings.models import DialogMeeting, MeetingKind
from dialogportal.dialogmeetings.services import MeetingPlan, plan_meeting
from dialogportal.processes.models import Process


def make_meeting(
    process: Process,
    *,
    starts_at: datetime | None = None,
    capacity: int | None = None,
    registration_closes_at: datetime | None = None,
    is_public: bool = True,
    title: str = "Forsamlingshusmøde i Spentrup",
    **extra: Any,
) -> DialogMeeting:
    starts_at = starts_at or timezone.now() + timedelta(days=7)
    plan = MeetingPlan(
        title=title,
        kind=MeetingKind.VILLAGE_HALL,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        place="Spentrup Forsamlingshus",
        address="Hovedgaden 1",
        postcode="8981",
        host_name="Anne Østergård",
        capacity=capacity,
        registration_closes_at=registration_closes_at,
        is_public=is_public,
        **extra,
    )
    return plan_meeting(process=process, plan=plan, acting_user=None)
