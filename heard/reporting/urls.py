from django.urls import path

from heard.reporting import editor_views, public, recommendation_views, views

app_name = "reporting"
urlpatterns = [
    path("report/", views.stage, name="stage"),
    path("report/<slug:slug>/start/", views.start, name="start"),
    path("report/<slug:slug>/draft/", views.draft, name="report"),
    path("report/<slug:slug>/download/<str:fmt>/", views.download, name="download"),
    path("report/<slug:slug>/publish/", views.publish, name="publish"),
    path("report/<slug:slug>/recommendations/", recommendation_views.recommendations, name="recommendations"),
    path("report/recommendations/<int:pk>/", recommendation_views.recommendation_edit, name="recommendation-edit"),
    path(
        "report/recommendations/<int:pk>/delete/",
        recommendation_views.recommendation_delete,
        name="recommendation-delete",
    ),
    path("report/sections/<int:pk>/", editor_views.section_editor, name="section"),
    path("report/sections/<int:pk>/autosave/", editor_views.autosave, name="autosave"),
    path("report/sections/<int:pk>/quotes/", editor_views.quote_picker, name="quote-picker"),
    path("report/versions/<int:pk>/restore/", editor_views.restore, name="restore"),
    path("report/quotes/<int:pk>/remove/", editor_views.remove_quote, name="quote-remove"),
    path("report/quotes/<int:pk>/move/", editor_views.move_quote, name="quote-move"),
    path("reports/<slug:slug>/", public.published_page, name="public"),
    path("reports/<slug:slug>/<str:fmt>/", public.published_download, name="public-download"),
]
