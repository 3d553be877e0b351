from django.urls import path  # noqa: F401

app_name = "place"
urlpatterns: list = []  # type: ignore[type-arg]
