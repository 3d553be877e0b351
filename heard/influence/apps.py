from django.apps import AppConfig


class InfluenceConfig(AppConfig):
    name = "heard.influence"
    label = "influence"
    verbose_name = 'Influence: recommendations, responses, "you said, we did" and residents\' verdicts'
