from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dialogportal.meetings"
    label = "meetings"
