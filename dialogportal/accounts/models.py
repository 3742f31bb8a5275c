from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles; each is a Django group with the permissions the apps declare for it.

    What each role may do with personal data is written once, in `privacy.matrix`."""

    ADMINISTRATOR = "administrator", _("Administrator")
    PROCESS_MANAGER = "process_manager", _("Procesansvarlig")
    MODERATOR = "moderator", _("Moderator")
    COMMITTEE_SECRETARY = "committee_secretary", _("Udvalgssekretær")
    MED_SECRETARIAT = "med_secretariat", _("MED-sekretariat (HR)")
    # MED practice: the chair (management side) and vice-chair (employee side) prepare the
    # agenda and approve the minutes of their own committee; they are not case workers and see
    # no contributor's data.
    COMMITTEE_CHAIR = "committee_chair", _("Formand eller næstformand i et udvalg")
    # A member of a political or MED committee: signs the minutes of the committees they sit on
    # (through the membership); the role itself grants nothing.
    COMMITTEE_MEMBER = "committee_member", _("Udvalgsmedlem")


class User(AbstractUser):
    """A staff account. Citizens never need one: they give input without logging in."""

    full_name = models.CharField(_("fulde navn"), max_length=200, blank=True)
    # The identity provider's `sub` claim: the one stable, never reassigned identifier of a
    # person there (an e-mail address can be reassigned, so it never identifies a login).
    oidc_subject = models.CharField(
        _("OpenID Connect-id"),
        max_length=255,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Brugerens id (sub) hos kommunens identitetsudbyder; sættes ved første login."),
    )
    # The roles the identity provider's groups gave at the last login: the next login takes
    # away those it no longer gives, and leaves roles granted here by hand alone.
    oidc_roles = models.JSONField(_("roller fra identitetsudbyderen"), default=list, blank=True)

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def has_role(self, role: Role) -> bool:
        return self.is_superuser or self.groups.filter(name=role.value).exists()


class AccessKind(models.TextChoices):
    """What kind of personal data a staff user saw or handled."""

    HIDDEN_INPUT = "hidden_input", _("Så skjult eller ikke-offentligt input")
    CONTACT_DATA = "contact_data", _("Så afsenderens kontaktoplysninger")
    HISTORY = "history", _("Så historik med oprindelig tekst")
    ATTACHMENT = "attachment", _("Hentede ikke-offentligt bilag")
    INPUT_LIST = "input_list", _("Så liste over input med kontaktoplysninger")
    EXPORT = "export", _("Eksporterede input (CSV/XLSX)")
    API = "api", _("Hentede input med kontaktoplysninger gennem API'et")
    REGISTRANTS = "registrants", _("Så tilmeldte til et dialogmøde")
    SUBJECT_SEARCH = "subject_search", _("Søgte efter en registreret")
    SUBJECT_EXPORT_JSON = "subject_export_json", _("Udleverede data (JSON)")
    SUBJECT_EXPORT_PDF = "subject_export_pdf", _("Udleverede data (PDF)")
    SUBJECT_ERASE = "subject_erase", _("Slettede en registrerets data")


class AccessLog(models.Model):
    """Who saw or handled which personal data, when, on which page. Rows are only ever added.

    It lives in `accounts` – the lowest app that knows a staff user – so every app that shows
    personal data can write it without importing upwards. It names what was seen by
    `object_type` ("inputs.input", "dialogmeetings.dialogmeeting") and `object_id`, not by a
    foreign key: the row must outlive the input it is about (erasure deletes inputs)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(_("bruger"), max_length=150)
    kind = models.CharField(_("adgang"), max_length=30, choices=AccessKind.choices)
    object_type = models.CharField(_("hvad"), max_length=60, blank=True)
    object_id = models.BigIntegerField(_("id"), null=True, blank=True)
    # How many records a list, an export or an API page showed.
    record_count = models.PositiveIntegerField(_("antal poster"), default=1)
    # A data-subject request names a person by e-mail; the log keeps a keyed digest so that a
    # later request can be matched without the log itself holding the address.
    subject_digest = models.CharField(max_length=64, blank=True)
    path = models.CharField(_("adresse"), max_length=300, blank=True)
    detail = models.CharField(_("detaljer"), max_length=300, blank=True)
    accessed_at = models.DateTimeField(_("tidspunkt"), db_index=True)

    class Meta:
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")
        ordering = ["-accessed_at", "-id"]
        indexes = [
            # "Who saw this input?" (the input's history, a data-subject request).
            models.Index(fields=["object_type", "object_id"], name="accesslog_object"),
        ]
        # The permissions that decide who sees personal data; `privacy.matrix` gives them to
        # roles. They sit here because every app checks them and accounts is below every app.
        permissions = [
            ("view_contact_data", _("Kan se afsenderes og tilmeldtes kontaktoplysninger")),
            ("view_nonpublic_text", _("Kan se ikke-offentlig tekst i alle input")),
            ("export_personal_data", _("Kan eksportere input med personoplysninger")),
            ("handle_data_subject_request", _("Kan behandle anmodninger fra registrerede")),
            ("use_staff_api", _("Kan hente et API-token til medarbejder-API'et")),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.kind} {self.accessed_at:%Y-%m-%d %H:%M}"

    def object_description(self) -> str:
        """What was seen, in words ("Dialogmøde 3"), from the model's name; the stored type
        when the model no longer exists."""
        if not self.object_type:
            return ""
        try:
            verbose = str(apps.get_model(self.object_type)._meta.verbose_name)
            name = verbose[:1].upper() + verbose[1:]
        except (LookupError, ValueError):
            name = self.object_type
        return name if self.object_id is None else f"{name} {self.object_id}"
