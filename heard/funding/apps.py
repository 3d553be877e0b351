from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "heard.funding"
    label = "funding"
    verbose_name = "Funding: pots, bids, allocations, payments and who does what"

    def ready(self) -> None:
        from heard.engagement import nextsteps
        from heard.funding.deadlines import grant_links, next_returns

        nextsteps.register(next_returns)
        nextsteps.register_links(grant_links)
