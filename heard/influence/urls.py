from django.urls import path

from heard.influence import public_views, verdict_views, views

app_name = "influence"
urlpatterns = [
    path("influence/", views.stage, name="stage"),
    path("projects/<slug:slug>/verdicts/", verdict_views.verdicts, name="verdicts"),
    path("projects/<slug:slug>/verdicts/new/", verdict_views.verdict_enter, name="verdict-enter"),
    path("projects/<slug:slug>/verdicts/import/", verdict_views.verdict_import, name="verdict-import"),
    path("projects/<slug:slug>/verdicts/template.xlsx", verdict_views.verdict_template, name="verdict-template"),
    path("verdict/<str:token>/", public_views.verdict_public, name="verdict-public"),
    path("verdict/<str:token>/thanks/", public_views.verdict_thanks, name="verdict-thanks"),
]
