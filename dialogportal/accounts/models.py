from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles; each is a Django group with the permissions the apps declare for it."""

    ADMINISTRATOR = "administrator", _("Administrator")
    PROCESS_MANAGER = "process_manager", _("Procesansvarlig")
    MODERATOR = "moderator", _("Moderator")
    COMMITTEE_SECRETARY = "committee_secretary", _("Udvalgssekretær")


class User(AbstractUser):
    """A staff account. Citizens never need one: they give input without logging in."""

    full_name = models.CharField(_("fulde navn"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def has_role(self, role: Role) -> bool:
        return self.is_superuser or self.groups.filter(name=role.value).exists()
