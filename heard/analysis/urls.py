from django.urls import path

from heard.analysis import views

app_name = "analysis"
urlpatterns = [
    path("projects/<slug:slug>/coding/", views.coding_grid, name="coding-grid"),
    path("projects/<slug:slug>/themes/", views.theme_table, name="theme-table"),
    path("projects/<slug:slug>/codebook/", views.codebook, name="codebook"),
    path("projects/<slug:slug>/codebook.xlsx", views.codebook_download, {"kind": "xlsx"}, name="codebook-xlsx"),
    path("projects/<slug:slug>/codebook.qdc", views.codebook_download, {"kind": "qdc"}, name="codebook-qdc"),
    path("projects/<slug:slug>/codebook/import/", views.codebook_import, name="codebook-import"),
    path("projects/<slug:slug>/codes.xlsx", views.export_matrix, name="export-matrix"),
    path("answers/<int:pk>/code/", views.code, name="code"),
    path("answers/<int:pk>/accept/", views.accept, name="accept"),
    path("answers/<int:pk>/sentiment/", views.sentiment, name="sentiment"),
]
