from dialogportal.accounts.models import Role

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PROCESS_MANAGER: tuple(
        f"organisation.{action}_{model}"
        for model in ("unit", "committee", "membership")
        for action in ("add", "change", "delete", "view")
    ),
    Role.COMMITTEE_SECRETARY: (
        "organisation.view_unit",
        "organisation.view_committee",
        "organisation.view_membership",
        "organisation.change_membership",
        "organisation.add_membership",
    ),
}
