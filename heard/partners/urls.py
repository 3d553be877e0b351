from django.urls import path

from heard.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("communities/", views.community_list, name="community-list"),
    path("communities/new/", views.community_create, name="community-create"),
    path("new/", views.organisation_create, name="organisation-create"),
    path("<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path("<slug:slug>/contacts/new/", views.contact_create, name="contact-create"),
]
