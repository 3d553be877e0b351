from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "heard.accounts"
    label = "accounts"
    verbose_name = "People and roles"
