from django.contrib import admin

from heard.partners.models import Community, Contact, Organisation


class ContactInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Contact
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "sector", "postcode")
    list_filter = ("kind", "sector")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ContactInline]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name",)
    prepopulated_fields = {"slug": ("name",)}
