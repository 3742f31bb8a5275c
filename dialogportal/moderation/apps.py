from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "dialogportal.moderation"
    label = "moderation"
