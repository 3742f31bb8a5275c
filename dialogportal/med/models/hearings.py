"""Hearings in MED: the hearing, its parts, their answers, approvals, files, reminders."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogportal.meetings.models import AgendaItem
from dialogportal.organisation.models import Committee


class HearingStatus(models.TextChoices):
    OPEN = "open", _("I høring")
    CONCLUDED = "concluded", _("Afsluttet")


class Hearing(models.Model):
    """A hearing in MED (høring i MED): material sent to parts chosen from the sending
    committee's subtree, who answer by a deadline; the answers, the administration's comments
    (the høringsnotat) and a decision item for the deciding committee."""

    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="med_hearings",
        verbose_name=_("afsendende udvalg"),
    )
    source_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="med_hearings",
        verbose_name=_("punkt"),
    )
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="med_hearings",
        verbose_name=_("proces"),
    )
    title = models.CharField(_("titel"), max_length=300)
    material = models.TextField(_("høringsmateriale og spørgsmål"), blank=True)
    answer_by = models.DateField(_("høringsfrist"))
    # Closed material (a closed item, personnel matters) reaches the parts as closed items.
    is_closed = models.BooleanField(_("lukket materiale"), default=False)
    deciding_committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besluttende udvalg"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=HearingStatus.choices, default=HearingStatus.OPEN
    )
    note_intro = models.TextField(_("indledning til høringsnotatet"), blank=True)
    decision_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sendt"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("høring i MED")
        verbose_name_plural = _("høringer i MED")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("med:hearing", kwargs={"pk": self.pk})

    def is_past_deadline_on(self, day: date) -> bool:
        return day > self.answer_by


class HearingFile(models.Model):
    """Hearing material: never public, for the parts only."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("fil"), upload_to="med/hearings/%Y/")
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("høringsmateriale")
        verbose_name_plural = _("høringsmateriale")
        ordering = ["hearing", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class PartStatus(models.TextChoices):
    SENT = "sent", _("Sendt")
    ANSWERED = "answered", _("Modtaget")
    NO_COMMENTS = "no_comments", _("Ingen bemærkninger")


# Shown, never stored: a part that has not answered when the deadline has passed.
OVERDUE_LABEL = _("Frist overskredet")


class ProposalChange(models.TextChoices):
    NO = "no", _("Nej")
    PARTLY = "partly", _("Delvis")
    YES = "yes", _("Ja")


class HearingPartQuerySet(models.QuerySet["HearingPart"]):
    def waiting(self) -> "HearingPartQuerySet":
        """Sent to a committee that has no meeting planned to put the hearing on."""
        return self.filter(
            status=PartStatus.SENT, target_item__isnull=True, hearing__status=HearingStatus.OPEN
        )

    def overdue_on(self, day: date) -> "HearingPartQuerySet":
        """No approved answer and the deadline has passed (twin of `is_overdue_on`). Stays so
        after the hearing is concluded: the part never answered in time."""
        return self.filter(status=PartStatus.SENT, hearing__answer_by__lt=day)


class HearingPart(models.Model):
    """One høringspart: a committee asked to answer, its status, and the administration's
    comment on its answer in the høringsnotat."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="parts")
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="med_hearing_parts",
        verbose_name=_("høringspart"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PartStatus.choices, default=PartStatus.SENT
    )
    target_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="hearing_part"
    )
    answered_at = models.DateTimeField(_("modtaget"), null=True, blank=True)
    is_late = models.BooleanField(_("modtaget efter fristen"), default=False)
    administration_comment = models.TextField(_("administrationens bemærkning"), blank=True)
    changes_proposal = models.CharField(
        _("ændrer forslaget"), max_length=10, choices=ProposalChange.choices, blank=True
    )
    # Stamped when the e-mail about the new hearing went to the part's secretariat (also when
    # it had no one to send to), so a re-run of the task sends nothing (`tasks.py`).
    notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = HearingPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("høringspart")
        verbose_name_plural = _("høringsparter")
        ordering = ["hearing", "committee__level", "committee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "committee"], name="hearing_part_once_per_committee"
            ),
            models.CheckConstraint(
                condition=Q(status=PartStatus.SENT) | Q(answered_at__isnull=False),
                name="hearing_part_answered_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hearing} – {self.committee}"

    def get_absolute_url(self) -> str:
        return reverse("med:part", kwargs={"pk": self.pk})

    def is_overdue_on(self, day: date) -> bool:
        """The model twin of `HearingPartQuerySet.overdue_on`; the two are tested together."""
        return self.status == PartStatus.SENT and self.hearing.answer_by < day

    def status_label_on(self, day: date) -> str:
        return str(OVERDUE_LABEL) if self.is_overdue_on(day) else str(self.get_status_display())


class HearingAnswer(models.Model):
    """A part's formal høringssvar: the joint answer, optionally the management side's and the
    employee side's own views, files; it counts once the chair and the vice-chair approved it."""

    part = models.OneToOneField(HearingPart, on_delete=models.CASCADE, related_name="answer")
    summary = models.CharField(_("hovedpunkter"), max_length=1000, blank=True)
    text = models.TextField(_("høringssvar"), blank=True)
    management_view = models.TextField(_("ledelsessidens bemærkninger"), blank=True)
    employee_view = models.TextField(_("medarbejdersidens bemærkninger"), blank=True)
    is_no_comments = models.BooleanField(_("ingen bemærkninger"), default=False)
    updated_at = models.DateTimeField(_("senest ændret"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("høringssvar")
        verbose_name_plural = _("høringssvar")

    def __str__(self) -> str:
        return f"Høringssvar fra {self.part.committee}"

    @property
    def has_split(self) -> bool:
        return bool(self.management_view or self.employee_view)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class ApprovalRole(models.TextChoices):
    CHAIR = "chair", _("Formand")
    VICE_CHAIR = "vice_chair", _("Næstformand")


class AnswerApproval(models.Model):
    """The chair's or the vice-chair's approval of an answer; a changed answer loses them."""

    answer = models.ForeignKey(HearingAnswer, on_delete=models.CASCADE, related_name="approvals")
    role = models.CharField(_("som"), max_length=20, choices=ApprovalRole.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("navn"), max_length=200)
    approved_at = models.DateTimeField(_("godkendt"), default=timezone.now)

    class Meta:
        verbose_name = _("godkendelse af høringssvar")
        verbose_name_plural = _("godkendelser af høringssvar")
        ordering = ["answer", "approved_at"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "role"], name="answer_approval_once_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_role_display()})"


class AnswerFile(models.Model):
    answer = models.ForeignKey(HearingAnswer, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("fil"), upload_to="med/answers/%Y/")
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("bilag til høringssvar")
        verbose_name_plural = _("bilag til høringssvar")
        ordering = ["answer", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class HearingReminder(models.Model):
    """An e-mail reminder sent to a part; one per part and number of days before the deadline,
    so the daily task may run twice without a second e-mail."""

    part = models.ForeignKey(HearingPart, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.SmallIntegerField(_("dage før fristen"))
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("modtagere"), default=0)

    class Meta:
        verbose_name = _("påmindelse")
        verbose_name_plural = _("påmindelser")
        ordering = ["part", "-days_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["part", "days_before"], name="hearing_reminder_once_per_day_count"
            )
        ]

    def __str__(self) -> str:
        return f"{self.part} ({self.days_before})"
