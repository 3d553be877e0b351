from django.urls import path

from heard.governance import change_views, pulse_views, story_views, views

app_name = "governance"
urlpatterns = [
    path("learn/", views.stage, name="stage"),
    path("learn/charter/", views.charter, name="charter"),
    path("learn/charter/<int:pk>/", views.charter_version, name="charter-version"),
    path("learn/charter/<int:pk>/approve/", views.approve_charter, name="charter-approve"),
    path("learn/meetings/", views.meetings, name="meetings"),
    path("learn/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("learn/meetings/<int:pk>/add/<slug:what>/", views.meeting_add, name="meeting-add"),
    path("learn/papers/<int:pk>/", views.paper, name="paper"),
    path("learn/checks/", pulse_views.rounds, name="rounds"),
    path("learn/checks/<int:pk>/", pulse_views.round_detail, name="round"),
    path("learn/checks/<int:pk>/answer/", pulse_views.answer, name="round-answer"),
    path("learn/checks/<int:pk>/close/", pulse_views.close, name="round-close"),
    path("learn/checks/<int:pk>/remind/", pulse_views.remind, name="round-remind"),
    path("learn/checks/<int:pk>/links/", pulse_views.send_links, name="round-links"),
    path("temperature-check/<str:token>/", pulse_views.answer_by_link, name="answer-by-link"),
    path("learn/change/", change_views.current, name="toc-current"),
    path("learn/change/<int:pk>/", change_views.version, name="toc"),
    path("learn/change/<int:pk>/elements/", change_views.add_element, name="toc-add-element"),
    path("learn/change/<int:pk>/approve/", change_views.approve, name="toc-approve"),
    path("learn/change/<int:pk>/xlsx/", change_views.export_xlsx, name="toc-xlsx"),
    path("learn/change/<int:pk>/pdf/", change_views.export_pdf, name="toc-pdf"),
    path("learn/change/outcome/<int:pk>/indicators/", change_views.add_indicator, name="toc-add-indicator"),
    path("learn/projects/<slug:slug>/change/new/", change_views.start, name="toc-start"),
    path("learn/projects/<slug:slug>/change/import/", change_views.import_xlsx, name="toc-import"),
    path("learn/story/", story_views.story, name="story"),
    path("learn/story/<int:pk>/publish/", story_views.publish, name="story-publish"),
    path("learn/standards/", story_views.standards, name="standards"),
    path("story-of-change/", story_views.public_story, name="public-story"),
    path("story-of-change/<int:pk>/", story_views.public_entry, name="public-entry"),
]
