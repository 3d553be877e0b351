from django.urls import path

from heard.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_timeline, name="audit-timeline"),
    path("healthz", views.healthz, name="healthz"),
]
