from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("heard.core.urls")),
    path("accounts/", include("heard.accounts.urls")),
    path("partners/", include("heard.partners.urls")),
    path("", include("heard.engagement.urls")),
    path("returns/", include("heard.returns.urls")),
    path("analysis/", include("heard.analysis.urls")),
    path("place/", include("heard.place.urls")),
    path("privacy/", include("heard.privacy.urls")),
    path("django-admin/", admin.site.urls),
]
