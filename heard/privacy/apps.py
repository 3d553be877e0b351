from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "heard.privacy"
    label = "privacy"
    verbose_name = "Protecting residents: consent, redaction, safeguarding, retention"

    def ready(self) -> None:
        from heard.engagement.signals import contributions_saved
        from heard.privacy import receivers

        contributions_saved.connect(receivers.check_for_safeguarding, dispatch_uid="privacy-safeguarding")
