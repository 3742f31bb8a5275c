from django.contrib import admin

from dialogportal.organisation.models import Committee, Membership, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name",)


class MembershipInline(admin.TabularInline[Membership, Committee]):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin[Committee]):
    list_display = ("name", "slug", "kind", "level", "parent", "is_public")
    list_filter = ("kind", "level", "is_public")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = (
        "person_name",
        "committee",
        "role",
        "side",
        "representation",
        "starts_on",
        "ends_on",
    )
    list_filter = ("role", "side", "representation", "committee__level")
    search_fields = ("person_name", "committee__name")
    raw_id_fields = ("user",)
    autocomplete_fields = ("committee",)
