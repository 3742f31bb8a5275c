from django.apps import AppConfig


class InputsConfig(AppConfig):
    name = "dialogportal.inputs"
    label = "inputs"
