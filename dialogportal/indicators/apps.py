from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "dialogportal.indicators"
    label = "indicators"
