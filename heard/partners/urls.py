from django.urls import path

from heard.partners import register_views, selection_views, views

app_name = "partners"
urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("communities/", views.community_list, name="community-list"),
    path("communities/new/", views.community_create, name="community-create"),
    path("new/", views.organisation_create, name="organisation-create"),
    path("policy-templates/", register_views.policy_template_list, name="policy-templates"),
    path("policy-templates/new/", register_views.policy_template_create, name="policy-template-create"),
    path("policy-templates/<int:pk>/", register_views.policy_template_download, name="policy-template-download"),
    path("policies/<int:pk>/", register_views.policy_download, name="policy-download"),
    path("policies/<int:pk>/check/", register_views.policy_check, name="policy-check"),
    path("selection/", selection_views.selection, name="selection"),
    path("selection/weights/", selection_views.selection_weights, name="selection-weights"),
    path("<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path("<slug:slug>/contacts/new/", views.contact_create, name="contact-create"),
    path("<slug:slug>/centres/new/", register_views.centre_create, name="centre-create"),
    path("<slug:slug>/policies/new/", register_views.policy_create, name="policy-create"),
    path("<slug:slug>/score/", selection_views.assessment, name="assessment"),
]
