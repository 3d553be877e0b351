from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "heard.reporting"
    label = "reporting"
    verbose_name = "Report: the overarching report, its versions and public pages"
