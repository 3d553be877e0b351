from django.urls import path  # noqa: F401

app_name = "returns"
urlpatterns: list = []  # type: ignore[type-arg]
