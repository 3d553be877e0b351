from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "heard.analysis"
    label = "analysis"
    verbose_name = "Understanding what residents said"
