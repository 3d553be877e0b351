from django.urls import URLPattern, URLResolver, path

from heard.funding import funder_views, views

app_name = "funding"
urlpatterns: list[URLPattern | URLResolver] = [
    path("funders/", funder_views.funders, name="funders"),
    path("funders/new/", funder_views.funder_create, name="funder-create"),
    path("pots/new/", funder_views.pot_create, name="pot-create"),
    path("bids/new/", funder_views.bid_create, name="bid-create"),
    path("bids/<int:pk>/edit/", funder_views.bid_edit, name="bid-edit"),
    path("grants-360giving.<str:fmt>", funder_views.grants_360giving, name="grants-360giving"),
    path("allocations/<int:pk>/", views.allocation_detail, name="allocation-detail"),
    path("allocations/<int:pk>/accept/", views.accept_delivery, name="accept-delivery"),
    path("allocations/<int:pk>/reallocate/", views.reallocate, name="reallocate"),
    path("payments/<int:pk>/paid/", views.record_payment, name="payment-paid"),
    path("projects/<slug:slug>/", views.project_funding, name="project"),
    path("projects/<slug:slug>/award/", views.award, name="award"),
    path("projects/<slug:slug>/holdback/", views.set_holdback, name="holdback"),
    path("projects/<slug:slug>/budget/new/", views.budget_line_create, name="budget-line-create"),
    path("projects/<slug:slug>/recompense/new/", views.recompense_create, name="recompense-create"),
    path("projects/<slug:slug>/payments.<str:fmt>", views.finance_export, name="finance-export"),
]
