from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "heard.accounts"
    label = "accounts"
    verbose_name = "People and roles"

    def ready(self) -> None:
        from heard.accounts import signals  # noqa: F401 (audits failed sign-ins)
