from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "heard.returns"
    label = "returns"
    verbose_name = "Partner returns: templates, imports and exports"

    def ready(self) -> None:
        from heard.core.signals import tasks_swept
        from heard.privacy.signals import retention_ran
        from heard.returns import receivers

        retention_ran.connect(receivers.clear_stale_uploads, dispatch_uid="returns-stale-uploads")
        tasks_swept.connect(receivers.fail_stuck_uploads, dispatch_uid="returns-stuck-uploads")
