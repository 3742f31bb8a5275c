"""Administrators' view of the strategic plans; the staff screens are where plans are made."""

from django.contrib import admin

from dialogportal.strategy.models import (
    Goal,
    Initiative,
    InitiativeInput,
    InitiativeTheme,
    ProgressUpdate,
    StrategicPlan,
    Target,
)


class GoalInline(admin.TabularInline[Goal, StrategicPlan]):
    model = Goal
    extra = 0
    fields = ("focus_area", "text", "order")
    show_change_link = True


@admin.register(StrategicPlan)
class StrategicPlanAdmin(admin.ModelAdmin[StrategicPlan]):
    list_display = ("title", "process", "status", "adopted_on")
    list_filter = ("status",)
    search_fields = ("title", "process__title")
    inlines = [GoalInline]


class TargetInline(admin.TabularInline[Target, Goal]):
    model = Target
    extra = 0


class InitiativeInline(admin.TabularInline[Initiative, Goal]):
    model = Initiative
    extra = 0
    fields = ("title", "owner_name", "status", "progress", "order")
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin[Goal]):
    list_display = ("__str__", "plan", "focus_area", "order")
    list_filter = ("plan",)
    inlines = [TargetInline, InitiativeInline]


class ProgressInline(admin.TabularInline[ProgressUpdate, Initiative]):
    model = ProgressUpdate
    extra = 0
    readonly_fields = ("created_by", "created_at")


class InputLinkInline(admin.TabularInline[InitiativeInput, Initiative]):
    model = InitiativeInput
    extra = 0
    raw_id_fields = ("input",)
    readonly_fields = ("linked_by", "linked_at")


class ThemeLinkInline(admin.TabularInline[InitiativeTheme, Initiative]):
    model = InitiativeTheme
    extra = 0
    raw_id_fields = ("theme",)
    readonly_fields = ("linked_by", "linked_at")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin[Initiative]):
    list_display = ("title", "goal", "owner_name", "status", "progress", "budget_dkk")
    list_filter = ("status", "goal__plan")
    search_fields = ("title", "owner_name", "description")
    inlines = [ProgressInline, InputLinkInline, ThemeLinkInline]
