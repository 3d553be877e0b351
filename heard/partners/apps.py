from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "heard.partners"
    label = "partners"
    verbose_name = "Partners and communities"
