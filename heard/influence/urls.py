from django.urls import path

from heard.influence import views

app_name = "influence"
urlpatterns = [
    path("influence/", views.stage, name="stage"),
]
