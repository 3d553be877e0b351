from django.urls import path

from heard.privacy import views

app_name = "privacy"
urlpatterns = [
    path("safeguarding/", views.flag_list, name="flag-list"),
    path("safeguarding/<int:pk>/", views.flag_detail, name="flag-detail"),
    path("records/<int:pk>/consent/", views.consent, name="consent"),
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("answers/<int:pk>/redaction/", views.redaction_review, name="redaction-review"),
]
