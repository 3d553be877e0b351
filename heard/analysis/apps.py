from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "heard.analysis"
    label = "analysis"
    verbose_name = "Understanding what residents said"

    def ready(self) -> None:
        from heard.analysis import receivers
        from heard.engagement.signals import contributions_saved

        contributions_saved.connect(receivers.suggest_for_new_contributions, dispatch_uid="analysis-suggest")
