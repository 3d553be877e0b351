from django.apps import AppConfig


class PlaceConfig(AppConfig):
    name = "heard.place"
    label = "place"
    verbose_name = "Place: population, deprivation and postcodes"
