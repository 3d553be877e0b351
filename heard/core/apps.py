from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "heard.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.conf import locale

        from heard.core import checks  # noqa: F401 (registers the deployment checks)
        from heard.core.languages import EXTRA_LANG_INFO

        # Django's LANG_INFO has no Somali, Kurmanji, Tigrinya, Amharic, Yoruba or Twi, so get_language_info() (the
        # language picker's names) would fail for them; Django's own entries win if it gains them later.
        for code, info in EXTRA_LANG_INFO.items():
            locale.LANG_INFO.setdefault(code, info)
