from django.urls import path

from heard.reporting import views

app_name = "reporting"
urlpatterns = [
    path("report/", views.stage, name="stage"),
]
