from __future__ import annotations

from django.contrib import admin

from heard.returns.models import ColumnMapping, ReturnUpload


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin[ColumnMapping]):
    list_display = ["name", "organisation", "description", "updated_at"]
    list_filter = ["organisation"]
    search_fields = ["name", "description"]


@admin.register(ReturnUpload)
class ReturnUploadAdmin(admin.ModelAdmin[ReturnUpload]):
    list_display = ["file_name", "project", "partner", "status", "rows_total", "created_at"]
    list_filter = ["status", "project"]
    readonly_fields = ["summary", "problems", "unmapped"]
