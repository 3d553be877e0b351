from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class AnalysisConfig(AppConfig):
    name = "heard.analysis"
    label = "analysis"
    verbose_name = "Understanding what residents said"

    def ready(self) -> None:
        from heard.analysis import receivers
        from heard.engagement.signals import contributions_saved

        contributions_saved.connect(receivers.suggest_for_new_contributions, dispatch_uid="analysis-suggest")
        pre_migrate.connect(receivers.drop_summary_triggers_on_sqlite, sender=self, dispatch_uid="analysis-pre")
        post_migrate.connect(receivers.install_summary_triggers, sender=self, dispatch_uid="analysis-post")
