from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from dialogportal.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (None, {"fields": ("full_name",)}),
        (_("Kommunens login"), {"fields": ("oidc_subject", "oidc_roles")}),
    )
    readonly_fields = ("oidc_roles",)
    list_display = ("username", "full_name", "email", "is_staff", "is_active")
