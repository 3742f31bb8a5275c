"""What was recorded on an agenda item besides its text, as structured data rendered the
Danish way: votes (for / imod / undlod at stemme, per party or member), protocol notes
(protokoltilførsel, mindretalsudtalelse, afvigende mening) and per-item absence and
conflicts of interest (inhabilitet). Re-exported by `meetings.models`."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Imod")
    ABSTAIN = "abstain", _("Undlod at stemme")


class Vote(models.Model):
    """A vote on an item ("Indstillingen", "Ændringsforslag fra Ø"). The counts must add up to
    the members present for the item; a tie rejects the motion (kommunestyrelseslovens § 11)."""

    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.CASCADE, related_name="votes")
    order = models.PositiveSmallIntegerField(_("nummer"))
    motion = models.CharField(_("hvad der stemmes om"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "meetings"
        verbose_name = _("afstemning")
        verbose_name_plural = _("afstemninger")
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(fields=["item", "order"], name="vote_order_unique_in_item")
        ]

    def __str__(self) -> str:
        return self.motion


class VoteCount(models.Model):
    """How many votes a party (or one member) gave for one option."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="counts")
    voter = models.CharField(_("parti eller medlem"), max_length=200)
    choice = models.CharField(_("stemme"), max_length=10, choices=VoteChoice.choices)
    count = models.PositiveSmallIntegerField(_("antal"))
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        app_label = "meetings"
        verbose_name = _("stemmetal")
        verbose_name_plural = _("stemmetal")
        ordering = ["vote", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "voter", "choice"], name="vote_count_once_per_voter_and_choice"
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="vote_count_is_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.voter}: {self.count} {self.get_choice_display()}"


class NoteKind(models.TextChoices):
    PROTOCOL_NOTE = "protocol_note", _("Protokoltilførsel")
    MINORITY_STATEMENT = "minority_statement", _("Mindretalsudtalelse")
    DISSENT = "dissent", _("Afvigende mening")


class ProtocolNote(models.Model):
    """A note in the protocol on an item by a member, a party or a minority."""

    item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="protocol_notes"
    )
    order = models.PositiveSmallIntegerField(_("nummer"))
    kind = models.CharField(_("type"), max_length=20, choices=NoteKind.choices)
    author = models.CharField(_("fra"), max_length=300)
    text = models.TextField(_("tekst"))

    class Meta:
        app_label = "meetings"
        verbose_name = _("protokoltilførsel")
        verbose_name_plural = _("protokoltilførsler")
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "order"], name="protocol_note_order_unique_in_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} fra {self.author}"


class AttendanceKind(models.TextChoices):
    ABSENT = "absent", _("Fraværende")
    CONFLICT = "conflict", _("Inhabil")


class ItemAttendance(models.Model):
    """A member who was absent for one item, or did not take part because of a conflict of
    interest (inhabilitet); either way not counted among the members present for that item."""

    item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="attendance"
    )
    person_name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=AttendanceKind.choices)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        app_label = "meetings"
        verbose_name = _("fravær eller inhabilitet")
        verbose_name_plural = _("fravær og inhabilitet")
        ordering = ["item", "kind", "person_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "person_name"], name="item_attendance_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.get_kind_display()}"
