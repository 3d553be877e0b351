from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "heard.funding"
    label = "funding"
    verbose_name = "Funding: pots, bids, allocations, payments and who does what"
