from django.urls import URLPattern, URLResolver, path

from dialogportal.strategy import api, staff_views, views

app_name = "strategy"

urlpatterns: list[URLPattern | URLResolver] = [
    path("processer/<slug:slug>/strategisk-plan/", views.plan, name="plan"),
    path("processer/<slug:slug>/strategisk-plan.pdf", views.plan_pdf, name="plan_pdf"),
    # Staff
    path(
        "medarbejder/processer/<slug:slug>/strategisk-plan/",
        staff_views.staff_plan,
        name="staff_plan",
    ),
    path(
        "medarbejder/processer/<slug:slug>/strategisk-plan/maal/nyt/",
        staff_views.staff_goal_create,
        name="staff_goal_create",
    ),
    path(
        "medarbejder/processer/<slug:slug>/strategisk-plan/byraadssag/",
        staff_views.staff_council,
        name="staff_council",
    ),
    path("medarbejder/strategi/maal/<int:pk>/", staff_views.staff_goal_edit, name="staff_goal"),
    path(
        "medarbejder/strategi/maal/<int:pk>/maalepunkt/nyt/",
        staff_views.staff_target_create,
        name="staff_target_create",
    ),
    path(
        "medarbejder/strategi/maalepunkter/<int:pk>/",
        staff_views.staff_target_edit,
        name="staff_target",
    ),
    path(
        "medarbejder/strategi/maal/<int:pk>/indsats/ny/",
        staff_views.staff_initiative_create,
        name="staff_initiative_create",
    ),
    path(
        "medarbejder/strategi/indsatser/<int:pk>/",
        staff_views.staff_initiative,
        name="staff_initiative",
    ),
    path(
        "medarbejder/strategi/indsatser/<int:pk>/fremdrift/",
        staff_views.staff_progress,
        name="staff_progress",
    ),
    path(
        "medarbejder/strategi/indsatser/<int:pk>/grundlag/",
        staff_views.staff_links,
        name="staff_links",
    ),
]

# REST API, mounted under /api/v1/ without a language prefix.
api_urlpatterns: list[URLPattern | URLResolver] = [
    path("processes/<slug:slug>/strategic-plan/", api.strategic_plan, name="strategic-plan"),
]
