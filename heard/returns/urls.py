from django.urls import path

import heard.returns.views as views

app_name = "returns"
urlpatterns = [
    path("<slug:slug>/", views.project_returns, name="project-returns"),
    path("<slug:slug>/template/", views.download_template, name="template"),
    path("<slug:slug>/upload/", views.upload, name="upload"),
    path("<slug:slug>/export/<str:fmt>/", views.export, name="export"),
    path("uploads/<int:pk>/", views.preview, name="preview"),
    path("uploads/<int:pk>/progress/", views.upload_progress, name="progress"),
    path("uploads/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("uploads/<int:pk>/retry/", views.retry, name="retry"),
    path("uploads/<int:pk>/mapping/", views.map_columns, name="map-columns"),
    path("<slug:slug>/shared/", views.shared_export_page, name="shared-export-page"),
    path("<slug:slug>/shared.<str:fmt>", views.shared_export, name="shared-export"),
    path("uploads/<int:pk>/problems.xlsx", views.problems_file, name="problems-file"),
]
