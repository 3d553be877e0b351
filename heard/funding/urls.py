from django.urls import URLPattern, URLResolver, path

from heard.funding import agreement_views, funder_views, task_views, views

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
    path("tasks/", task_views.my_tasks, name="my-tasks"),
    path("tasks/<int:pk>/", task_views.task_edit, name="task-edit"),
    path("projects/<slug:slug>/tasks/", task_views.project_tasks, name="project-tasks"),
    path("projects/<slug:slug>/tasks/new/", task_views.task_create, name="task-create"),
    path("agreement-template/", agreement_views.agreement_template, name="agreement-template"),
    path("projects/<slug:slug>/agreements/", agreement_views.project_agreements, name="project-agreements"),
    path(
        "projects/<slug:slug>/agreements/<slug:organisation>/new/",
        agreement_views.agreement_make,
        name="agreement-make",
    ),
    path("agreements/<int:pk>/", agreement_views.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/word/", agreement_views.agreement_docx, name="agreement-docx"),
    path("agreements/<int:pk>/pdf/", agreement_views.agreement_pdf, name="agreement-pdf"),
    path("signed-copies/<int:pk>/", agreement_views.signed_copy_download, name="signed-copy-download"),
]
