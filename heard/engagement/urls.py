from django.urls import path

from heard.engagement import privacy_notice, public, question_views, translation_views, views

app_name = "engagement"
urlpatterns = [
    path("projects/", views.project_list, name="project-list"),
    path("projects/new/", views.project_create, name="project-create"),
    path("projects/<slug:slug>/", views.project_detail, name="project-detail"),
    path("projects/<slug:slug>/edit/", views.project_edit, name="project-edit"),
    path("projects/<slug:slug>/activities/new/", views.activity_create, name="activity-create"),
    path("projects/<slug:slug>/records/", views.experience_list, name="experience-list"),
    path("projects/<slug:slug>/records/new/", views.experience_create, name="experience-create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity-detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity-edit"),
    path("records/<int:pk>/", views.experience_detail, name="experience-detail"),
    path("records/<int:pk>/edit/", views.experience_edit, name="experience-edit"),
    path("projects/<slug:slug>/links/", views.entry_links, name="entry-links"),
    path("projects/<slug:slug>/questions/", question_views.question_list, name="question-list"),
    path("projects/<slug:slug>/questions/new/", question_views.question_create, name="question-create"),
    path(
        "projects/<slug:slug>/questions/in/<str:language>/",
        translation_views.translate_questions,
        name="question-translate",
    ),
    path("questions/<int:pk>/edit/", question_views.question_edit, name="question-edit"),
    path("questions/<int:pk>/retire/", question_views.question_retire, name="question-retire"),
    path("say/<str:token>/", public.public_entry, name="public-entry"),
    path("say/<str:token>/thanks/", public.public_thanks, name="public-thanks"),
    path("say/<str:token>/privacy/", privacy_notice.public_privacy, name="public-privacy"),
    path("hear/", views.hear, name="hear"),
    path("understand/", views.understand, name="understand"),
]
