from django.apps import AppConfig


class InfluenceConfig(AppConfig):
    name = "heard.influence"
    label = "influence"
    verbose_name = 'Influence: recommendations, responses, "you said, we did" and residents\' verdicts'

    def ready(self) -> None:
        from heard.core.signals import tasks_swept
        from heard.influence import receivers

        tasks_swept.connect(receivers.run_clock, dispatch_uid="influence-clock")
