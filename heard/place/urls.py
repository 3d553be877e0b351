from django.urls import path

from heard.place import views

app_name = "place"
urlpatterns = [
    path("", views.dataset_list, name="dataset-list"),
    path("missing/", views.who_is_missing, name="who-is-missing"),
    path("map/", views.reach_map, name="map"),
]
