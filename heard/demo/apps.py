from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "heard.demo"
    label = "demo"
    verbose_name = "Demo partnership"
