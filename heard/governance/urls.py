from django.urls import path

from heard.governance import views

app_name = "governance"
urlpatterns = [
    path("learn/", views.stage, name="stage"),
]
