from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles; each is a Django group with the permissions the apps declare for it."""

    ADMINISTRATOR = "administrator", _("Administrator")
    PROCESS_MANAGER = "process_manager", _("Procesansvarlig")
    MODERATOR = "moderator", _("Moderator")
    COMMITTEE_SECRETARY = "committee_secretary", _("Udvalgssekretær")
    MED_SECRETARIAT = "med_secretariat", _("MED-sekretariat (HR)")


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
