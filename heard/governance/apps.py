from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "heard.governance"
    label = "governance"
    verbose_name = "Learn: the steering group, charter, temperature checks, theory of change and story of change"
