"""Read models of the staff overview: a process's "klar til at åbne" checklist and the figures of
each role's home page. They read many apps; this top-layer app is the one place that may."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import Permission
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dialogportal.accounts.models import User
from dialogportal.analysis.models import AnalysisRun, CuratedTheme, RunStatus
from dialogportal.dialogmeetings.models import DialogMeeting
from dialogportal.feedback.models import Answer
from dialogportal.inputs.models import Input, ModerationState
from dialogportal.med.models import Cascade, HearingPart
from dialogportal.meetings.models import Meeting
from dialogportal.meetings.permissions import managed_committees
from dialogportal.moderation.models import Report
from dialogportal.processes.models import Process, ProcessStage

# A focus area's plain-language description is meant for citizens and for the analysis, which
# places inputs by it: a title repeated is not a description.
MIN_DESCRIPTION_CHARS = 80
HOME_LIST_LENGTH = 5


@dataclass(frozen=True)
class Check:
    """One line of the checklist: what must be in place, whether it is, and where to fix it."""

    label: str
    is_done: bool
    detail: str
    fix_url: str
    fix_label: str


def moderators() -> QuerySet[User]:
    """Active accounts given the right to moderate (through a role or directly); superusers
    alone do not count: someone must have been asked to do it."""
    perm = Q(codename="moderate_input", content_type__app_label="moderation")
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__in=_permissions(perm))
            | Q(user_permissions__in=_permissions(perm))
        )
        .distinct()
    )


def _permissions(condition: Q) -> QuerySet[Permission, int]:
    return Permission.objects.filter(condition).values_list("pk", flat=True)


def readiness(process: Process, *, at: datetime | None = None) -> list[Check]:
    """What a process needs before it opens: an input phase still to come, a summary, focus
    areas described in plain language, key figures on every area, and moderators."""
    now = at or timezone.now()
    slug = process.slug
    phases = list(process.phases.all())
    input_phases = [p for p in phases if p.rules.accepts_input]
    coming = [p for p in input_phases if p.ends_at > now]
    areas = list(process.focus_areas.annotate(n_indicators=Count("indicators")))
    undescribed = [a.title for a in areas if len(a.description.strip()) < MIN_DESCRIPTION_CHARS]
    without_figures = [a.title for a in areas if not a.n_indicators]
    n_moderators = moderators().count()
    return [
        Check(
            label=_("Resumé og hvidbogens tekst er skrevet"),
            is_done=bool(process.summary.strip() and process.body.strip()),
            detail=_("Resuméet vises på forsiden; teksten forklarer processen i klart sprog."),
            fix_url=reverse("processes:staff_edit", kwargs={"slug": slug}),
            fix_label=_("Ret processen"),
        ),
        Check(
            label=_("En fase, hvor der modtages input"),
            is_done=bool(coming),
            detail=(
                _("Ingen fase modtager input endnu.")
                if not input_phases
                else _("Alle faser med input er slut.")
                if not coming
                else ngettext(
                    "%(count)d fase modtager input.", "%(count)d faser modtager input.", len(coming)
                )
                % {"count": len(coming)}
            ),
            fix_url=reverse("processes:staff_phase_create", kwargs={"slug": slug}),
            fix_label=_("Tilføj en fase"),
        ),
        Check(
            label=_("Fokusområderne er beskrevet i klart sprog"),
            is_done=bool(areas) and not undescribed,
            detail=(
                _("Der er ingen fokusområder endnu.")
                if not areas
                else _("Mangler en beskrivelse på mindst %(min)d tegn: %(areas)s.")
                % {"min": MIN_DESCRIPTION_CHARS, "areas": ", ".join(undescribed)}
                if undescribed
                else ngettext(
                    "%(count)d fokusområde er beskrevet.",
                    "%(count)d fokusområder er beskrevet.",
                    len(areas),
                )
                % {"count": len(areas)}
            ),
            fix_url=reverse("processes:staff_area_create", kwargs={"slug": slug}),
            fix_label=_("Tilføj et fokusområde"),
        ),
        Check(
            label=_("Nøgletal er knyttet til hvert fokusområde"),
            is_done=bool(areas) and not without_figures,
            detail=(
                _("Mangler nøgletal: %(areas)s.") % {"areas": ", ".join(without_figures)}
                if without_figures
                else _("Hvert fokusområde har mindst ét nøgletal.")
                if areas
                else _("Der er ingen fokusområder endnu.")
            ),
            fix_url=reverse("indicators:manage", kwargs={"slug": slug}),
            fix_label=_("Nøgletal"),
        ),
        Check(
            label=_("Moderering er bemandet"),
            is_done=n_moderators > 0,
            detail=(
                ngettext(
                    "%(count)d medarbejder kan moderere.",
                    "%(count)d medarbejdere kan moderere.",
                    n_moderators,
                )
                % {"count": n_moderators}
                if n_moderators
                else _("Ingen har rollen Moderator. Bed en administrator om at give den.")
            ),
            fix_url=reverse("moderation:queue"),
            fix_label=_("Moderering"),
        ),
    ]


@dataclass(frozen=True)
class ProcessStatus:
    process: Process
    checks_done: int
    checks_total: int
    stage: ProcessStage


@dataclass(frozen=True)
class UnansweredThemes:
    process: Process
    count: int


@dataclass
class Home:
    """The staff home: each part is None when the role has no business with it."""

    processes: list[ProcessStatus] | None = None
    queue_count: int | None = None
    open_reports: int | None = None
    unanswered_themes: list[UnansweredThemes] | None = None
    runs_in_progress: list[AnalysisRun] | None = None
    next_meetings: list[Meeting] | None = None
    next_dialog_meetings: list[DialogMeeting] | None = None
    overdue_cascades: list[Cascade] | None = None
    overdue_hearing_parts: list[HearingPart] | None = None
    notes: list[str] = field(default_factory=list)


def unanswered_themes(process: Process) -> int:
    """The process's curated themes (not merged away) that have no answer yet; answers are
    given to curated themes, which outlive each analysis run."""
    themes = CuratedTheme.objects.filter(process=process).current()
    answered = Answer.objects.filter(theme__in=themes).values("theme_id")
    return themes.exclude(pk__in=answered).count()


def overdue_cascades(user: User, *, at: datetime) -> QuerySet[Cascade]:
    """Cascades to or from the user's committees not handled by their "behandles senest"
    date."""
    committees = managed_committees(user)
    return (
        Cascade.objects.filter(
            Q(target_committee__in=committees) | Q(source_item__committee__in=committees)
        )
        .overdue_on(timezone.localdate(at))
        .select_related("source_item", "target_committee")
        .order_by("due_on")
    )


def overdue_hearing_parts(user: User, *, at: datetime) -> QuerySet[HearingPart]:
    """Hearing parts of the user's committees (asked or asking) without an approved answer
    after the hearing's deadline."""
    committees = managed_committees(user)
    return (
        HearingPart.objects.filter(
            Q(committee__in=committees) | Q(hearing__committee__in=committees)
        )
        .overdue_on(timezone.localdate(at))
        .select_related("hearing", "committee")
        .order_by("hearing__answer_by")
    )


def home_for(user: User, *, at: datetime | None = None) -> Home:
    now = at or timezone.now()
    home = Home()
    if user.has_perm("processes.change_process"):
        home.processes = [
            ProcessStatus(
                process, sum(c.is_done for c in checks), len(checks), process.stage_at(now)
            )
            for process in Process.objects.prefetch_related("phases").order_by("-created_at")[
                :HOME_LIST_LENGTH
            ]
            for checks in [readiness(process, at=now)]
        ]
    if user.has_perm("moderation.moderate_input"):
        home.queue_count = Input.objects.filter(moderation_state=ModerationState.PENDING).count()
        home.open_reports = Report.objects.open().count()
    if user.has_perm("feedback.add_answer"):
        home.unanswered_themes = [
            UnansweredThemes(process, count)
            for process in Process.objects.order_by("-created_at")
            for count in [unanswered_themes(process)]
            if count
        ]
    if user.has_perm("analysis.view_analysisrun"):
        home.runs_in_progress = list(
            AnalysisRun.objects.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
            .select_related("process")
            .order_by("created_at")
        )
    if user.has_perm("meetings.change_meeting"):
        committees = managed_committees(user)
        home.next_meetings = list(
            Meeting.objects.filter(committee__in=committees, held_on__gte=timezone.localdate(now))
            .select_related("committee")
            .order_by("held_on", "start_time")[:HOME_LIST_LENGTH]
        )
        home.overdue_cascades = list(overdue_cascades(user, at=now)[:HOME_LIST_LENGTH])
        home.overdue_hearing_parts = list(overdue_hearing_parts(user, at=now)[:HOME_LIST_LENGTH])
    if user.has_perm("dialogmeetings.view_dialogmeeting"):
        home.next_dialog_meetings = list(
            DialogMeeting.objects.upcoming_at(now)
            .select_related("process")
            .order_by("starts_at")[:HOME_LIST_LENGTH]
        )
    return home
