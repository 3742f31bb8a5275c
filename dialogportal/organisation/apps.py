from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "dialogportal.organisation"
    label = "organisation"
