from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("heard.core.urls")),
    path("accounts/", include("heard.accounts.urls")),
    path("partners/", include("heard.partners.urls")),
    path("", include("heard.engagement.urls")),
    path("returns/", include("heard.returns.urls")),
    path("analysis/", include("heard.analysis.urls")),
    path("place/", include("heard.place.urls")),
    path("privacy/", include("heard.privacy.urls")),
    path("", include("heard.reporting.urls")),
    path("", include("heard.influence.urls")),
    path("funding/", include("heard.funding.urls")),
    path("", include("heard.governance.urls")),
    # One sign-in page for everything, with its limits, two-factor check and audit: not the admin's own form.
    path(
        "django-admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    ),
    path("django-admin/", admin.site.urls),
]
