from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "dialogportal.feedback"
    label = "feedback"
