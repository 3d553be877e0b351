from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from heard.accounts.models import User


@admin.register(User)
class HeardUserAdmin(UserAdmin):  # type: ignore[type-arg]
    fieldsets = (*UserAdmin.fieldsets, ("Heard", {"fields": ("role", "organisation")}))  # type: ignore[misc]
    list_display = ("username", "email", "first_name", "last_name", "role", "organisation")
    list_filter = ("role", "organisation")
