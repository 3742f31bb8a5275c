from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "dialogportal.analysis"
    label = "analysis"
