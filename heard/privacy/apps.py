from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "heard.privacy"
    label = "privacy"
    verbose_name = "Protecting residents: consent, redaction, safeguarding, retention"
