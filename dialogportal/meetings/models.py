"""Meetings, their agenda items (with ordered sections, "at …" recommendations and attachments),
approval and versions of the minutes. (Items passed down the MED hierarchy: the `med` app.)

The political parts live beside this module and are re-exported here: a case and its route
through committees (`cases`), what was recorded on an item beyond its text – votes, protocol
notes, absence and conflicts of interest (`proceedings`) – and the audit log (`audit`)."""

import secrets
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Re-exported: these models live in their own modules (see the docstring).
from dialogportal.meetings.audit import AuditAction as AuditAction
from dialogportal.meetings.audit import AuditEntry as AuditEntry
from dialogportal.meetings.cases import Case as Case
from dialogportal.meetings.cases import CaseStep as CaseStep
from dialogportal.meetings.cases import ExternalDecision as ExternalDecision
from dialogportal.meetings.proceedings import AttendanceKind as AttendanceKind
from dialogportal.meetings.proceedings import ItemAttendance as ItemAttendance
from dialogportal.meetings.proceedings import NoteKind as NoteKind
from dialogportal.meetings.proceedings import ProtocolNote as ProtocolNote
from dialogportal.meetings.proceedings import Vote as Vote
from dialogportal.meetings.proceedings import VoteChoice as VoteChoice
from dialogportal.meetings.proceedings import VoteCount as VoteCount
from dialogportal.organisation.models import Committee, CommitteeKind


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    AGENDA_PUBLISHED = "agenda_published", _("Dagsorden offentliggjort")
    HELD = "held", _("Afholdt")
    MINUTES_DRAFT = "minutes_draft", _("Referat (kladde)")
    MINUTES_APPROVED = "minutes_approved", _("Referat godkendt")
    CANCELLED = "cancelled", _("Aflyst")


# The lifecycle: each status may move only to the ones listed.
STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    MeetingStatus.PLANNED: (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.CANCELLED),
    MeetingStatus.AGENDA_PUBLISHED: (MeetingStatus.HELD, MeetingStatus.CANCELLED),
    MeetingStatus.HELD: (MeetingStatus.MINUTES_DRAFT,),
    MeetingStatus.MINUTES_DRAFT: (MeetingStatus.MINUTES_APPROVED,),
    MeetingStatus.MINUTES_APPROVED: (),
    MeetingStatus.CANCELLED: (),
}
# Statuses in which a meeting (its agenda at least) may be shown outside the secretariat.
PUBLISHED_STATUSES = (
    MeetingStatus.AGENDA_PUBLISHED,
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFT,
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.CANCELLED,
)
# Statuses that can still receive new items (e.g. a cascaded "Orientering fra …").
OPEN_FOR_ITEMS = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED)


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def published(self) -> "MeetingQuerySet":
        return self.filter(status__in=[str(s) for s in PUBLISHED_STATUSES])

    def next_open_for_items(self, committee: Committee, on: date) -> "Meeting | None":
        """The committee's next meeting (on or after `on`) that can still take new items."""
        return (
            self.filter(
                committee=committee,
                held_on__gte=on,
                status__in=[str(s) for s in OPEN_FOR_ITEMS],
            )
            .order_by("held_on", "start_time", "pk")
            .first()
        )


class Meeting(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("udvalg")
    )
    held_on = models.DateField(_("mødedato"))
    start_time = models.TimeField(_("starttidspunkt"), null=True, blank=True)
    end_time = models.TimeField(_("sluttidspunkt"), null=True, blank=True)
    place = models.CharField(_("mødested"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    participants = models.TextField(_("deltagere"), blank=True)
    excused = models.TextField(_("afbud"), blank=True)
    absent = models.TextField(_("fraværende"), blank=True)
    remarks = models.TextField(_("bemærkninger"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the agenda was first published: item numbers are fixed from then on, and later
    # additions make a tillægsdagsorden (`Addendum`).
    agenda_published_at = models.DateTimeField(_("dagsorden offentliggjort"), null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        ordering = ["-held_on", "-start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "held_on", "start_time"],
                name="meeting_unique_per_committee_date_time",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.held_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", kwargs={"pk": self.pk})

    @property
    def is_minutes(self) -> bool:
        return self.status in (MeetingStatus.MINUTES_DRAFT, MeetingStatus.MINUTES_APPROVED)

    @property
    def is_locked(self) -> bool:
        """Approved minutes are immutable: changes go through a correction (a new version)."""
        return self.status == MeetingStatus.MINUTES_APPROVED

    def can_move_to(self, status: str) -> bool:
        return status in STATUS_TRANSITIONS[self.status]

    @property
    def is_political(self) -> bool:
        return self.committee.kind == CommitteeKind.POLITICAL

    @property
    def is_numbered(self) -> bool:
        """Item numbers are given when the agenda is published and never change afterwards."""
        return self.status != MeetingStatus.PLANNED

    def starts_at(self) -> datetime:
        """When the meeting starts, as an aware datetime (the day's start without a time)."""
        return datetime.combine(
            self.held_on, self.start_time or time(0), tzinfo=ZoneInfo(settings.TIME_ZONE)
        )


class Addendum(models.Model):
    """A tillægsdagsorden: items added after the agenda was published. It is published the
    moment it is made (dated), and every output marks its items as "Tillæg"."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="addenda")
    number = models.PositiveSmallIntegerField(_("nummer"))
    published_at = models.DateTimeField(_("offentliggjort"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tillægsdagsorden")
        verbose_name_plural = _("tillægsdagsordener")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="addendum_number_unique_in_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} tillæg {self.number}"


class ItemKind(models.TextChoices):
    DECISION = "decision", _("Beslutning")
    INFORMATION = "information", _("Orientering")
    DISCUSSION = "discussion", _("Drøftelse")


class AgendaTemplateItem(models.Model):
    """A standard item a committee puts on every agenda (per-committee template)."""

    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        related_name="agenda_template",
        verbose_name=_("udvalg"),
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"))
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(
        _("type"), max_length=20, choices=ItemKind.choices, default=ItemKind.INFORMATION
    )
    is_last = models.BooleanField(
        _("sidst på dagsordenen"), default=False, help_text=_("Fx “Eventuelt”.")
    )

    class Meta:
        verbose_name = _("standardpunkt")
        verbose_name_plural = _("standardpunkter")
        ordering = ["committee", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "order"], name="template_item_order_unique_in_committee"
            )
        ]

    def __str__(self) -> str:
        return self.title


# The order of an agenda in every output: open items, then closed ones ("Åbne punkter" /
# "Lukkede punkter"), each group in the secretariat's order; "Eventuelt" and other closing
# standard items have an order of at least `CLOSING_ORDER`.
AGENDA_ORDER = ("is_closed", "order", "number", "number_suffix", "pk")
CLOSING_ORDER = 1000


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    def next_number(self, committee: Committee, year: int) -> int:
        """Items are numbered consecutively through the committee's year, not per meeting."""
        highest = self.filter(committee=committee, year=year).aggregate(top=Max("number"))["top"]
        return (highest or 0) + 1

    def in_agenda_order(self) -> "AgendaItemQuerySet":
        return self.order_by(*AGENDA_ORDER)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("møde")
    )
    # Copied from the meeting so the database can enforce numbers unique per committee and year.
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    # Empty until the agenda is published (then numbered in agenda order); an item on a
    # tillægsdagsorden placed between two numbered items gets the earlier one's number and a
    # letter ("7a"), so numbers stay ascending and never change.
    number = models.PositiveIntegerField(_("punktnummer"), null=True, blank=True)
    number_suffix = models.CharField(_("bogstav"), max_length=2, blank=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    title = models.CharField(_("titel"), max_length=500)
    presenter = models.CharField(_("v. (fremlægger)"), max_length=200, blank=True)
    journal_number = models.CharField(_("sagsnummer (som skrevet)"), max_length=100, blank=True)
    kle_subject = models.CharField(_("KLE-emne"), max_length=8, blank=True)
    kle_facet = models.CharField(_("handlingsfacet"), max_length=3, blank=True)
    kle_serial = models.PositiveIntegerField(_("løbenummer"), null=True, blank=True)
    kle_year = models.PositiveSmallIntegerField(_("sagsår"), null=True, blank=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=ItemKind.choices, default=ItemKind.INFORMATION
    )
    is_closed = models.BooleanField(_("lukket punkt"), default=False)
    closure_reason = models.CharField(_("begrundelse for lukning"), max_length=300, blank=True)
    is_draft = models.BooleanField(
        _("kladde"), default=False, help_text=_("Fx et punkt videregivet fra et andet udvalg.")
    )
    is_standard = models.BooleanField(_("standardpunkt"), default=False)
    is_last = models.BooleanField(
        _("sidst blandt de åbne punkter"), default=False, help_text=_("Fx “Eventuelt”.")
    )
    recommendation_intro = models.CharField(
        _("indledning til indstillingen"), max_length=300, blank=True
    )
    process = models.ForeignKey(
        "processes.Process",
        verbose_name=_("proces"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    # A closed item shows the public only "Lukket punkt", or "Lukket punkt: <public title>",
    # and – once the minutes are approved – the published decision, if one is written.
    public_title = models.CharField(_("offentlig titel"), max_length=300, blank=True)
    public_decision = models.TextField(_("offentliggjort beslutning"), blank=True)
    addendum = models.ForeignKey(
        Addendum,
        verbose_name=_("tillægsdagsorden"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("sag"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    forwarded_from = models.ForeignKey(
        "self",
        verbose_name=_("sendt videre fra"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forwarded_to",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        ordering = ["meeting", *AGENDA_ORDER]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "number", "number_suffix"],
                name="agenda_item_number_unique_per_committee_year",
            ),
            models.CheckConstraint(
                condition=Q(number_suffix="") | Q(number__isnull=False),
                name="agenda_item_letter_needs_a_number",
            ),
        ]

    def __str__(self) -> str:
        return f"Punkt {self.label}: {self.title}" if self.label else self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:staff_item", kwargs={"pk": self.pk})

    @property
    def label(self) -> str:
        """The item's number as printed ("12", "12a"); empty before the agenda is published."""
        return f"{self.number}{self.number_suffix}" if self.number is not None else ""


class SectionKind(models.TextChoices):
    SUMMARY = "summary", _("Resumé")
    RECOMMENDATION = "recommendation", _("Indstilling")
    DECISION = "decision", _("Referat")
    CASE_DESCRIPTION = "case_description", _("Sagsfremstilling")
    FINANCES = "finances", _("Økonomi")
    CUSTOM = "custom", _("Andet afsnit")


class ItemSection(models.Model):
    """A titled block of an item's text (Markdown), in order. The Indstilling's clauses are
    `Recommendation` rows; its section holds the intro and marks its place."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("type"), max_length=20, choices=SectionKind.choices)
    heading = models.CharField(_("overskrift"), max_length=200)
    body = models.TextField(_("tekst"), blank=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"))

    class Meta:
        verbose_name = _("afsnit")
        verbose_name_plural = _("afsnit")
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(fields=["item", "order"], name="section_order_unique_in_item")
        ]

    def __str__(self) -> str:
        return self.heading


class Outcome(models.TextChoices):
    PENDING = "pending", _("Ikke behandlet")
    ADOPTED = "adopted", _("Godkendt")
    ADOPTED_WITH_CHANGES = "adopted_with_changes", _("Godkendt med ændringer")
    REJECTED = "rejected", _("Ikke godkendt")
    NOTED = "noted", _("Taget til efterretning")
    DISCUSSED = "discussed", _("Drøftet")
    POSTPONED = "postponed", _("Udsat")


class Recommendation(models.Model):
    """One numbered "at …" clause of the Indstilling, with what became of it."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recommendations")
    order = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("tekst"))
    outcome = models.CharField(
        _("udfald"), max_length=30, choices=Outcome.choices, default=Outcome.PENDING
    )

    class Meta:
        verbose_name = _("indstilling")
        verbose_name_plural = _("indstillinger")
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "order"], name="recommendation_order_unique_in_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.text}"


class Attachment(models.Model):
    """A "bilag". Each has its own public flag, also on open items ("lukkede bilag")."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("fil"), upload_to="meetings/attachments/%Y/", blank=True)
    is_public = models.BooleanField(_("må offentliggøres"), default=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["item", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class ApprovalRole(models.TextChoices):
    CHAIR = "chair", _("Formand")
    VICE_CHAIR = "vice_chair", _("Næstformand")
    MEMBER = "member", _("Medlem")


class MinutesApproval(models.Model):
    """Who approved (signed) the minutes, in which capacity, and when: the "underskriftsblad".
    MED minutes are approved by the chair and the vice-chair; political minutes are signed by
    the members who took part (kommunestyrelseslovens § 13), each of whom may add a dissent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="approvals")
    role = models.CharField(_("som"), max_length=20, choices=ApprovalRole.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("navn"), max_length=200)
    approved_at = models.DateTimeField(_("godkendt"), auto_now_add=True)
    dissent = models.TextField(_("afvigende mening"), blank=True)

    class Meta:
        verbose_name = _("godkendelse af referat")
        verbose_name_plural = _("godkendelser af referater")
        ordering = ["meeting", "approved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "role"],
                condition=Q(role__in=["chair", "vice_chair"]),
                name="minutes_approval_once_per_role",
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"], name="minutes_approval_once_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_role_display()})"


class MinutesVersion(models.Model):
    """A frozen copy of approved minutes. Version 1 is the approved text; every correction adds
    a version with its reason. The document is stored whole and redacted when shown."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    reason = models.TextField(_("begrundelse"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    document = models.JSONField(_("dokument"))

    class Meta:
        verbose_name = _("referatversion")
        verbose_name_plural = _("referatversioner")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="minutes_version_number_unique_in_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.number}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """A person's private calendar address. Calendar apps cannot log in, so the feed of a
    committee that is not public (MED: for employees only) is fetched with this token instead of
    a session, and shows what its owner may see. Renewing it ends the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kalenderadresse")
        verbose_name_plural = _("kalenderadresser")

    def __str__(self) -> str:
        return str(self.user)


class MinutesImport(models.Model):
    """A document imported into a meeting by `import-minutes`: who imported which file when.

    The file's SHA-256 digest is unique, so the same file imported again is recognised and
    changes nothing (also when it is renamed or moved)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="imports", verbose_name=_("møde")
    )
    digest = models.CharField(_("SHA-256 af filen"), max_length=64)
    source_name = models.CharField(_("fil"), max_length=500)
    kind = models.CharField(_("dokument"), max_length=30)
    item_count = models.PositiveIntegerField(_("punkter"))
    imported_at = models.DateTimeField(_("importeret"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("import af referat")
        verbose_name_plural = _("importer af referater")
        ordering = ["meeting", "imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["digest"], name="minutes_import_digest_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source_name} → {self.meeting}"
