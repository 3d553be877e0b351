from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "heard.returns"
    label = "returns"
    verbose_name = "Partner returns: templates, imports and exports"
