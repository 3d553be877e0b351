from django.contrib import admin

from heard.engagement.models import Activity, Project, ProjectPartner, Question


class ProjectPartnerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProjectPartner
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "status", "starts_on", "ends_on")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ProjectPartnerInline]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "project", "partner", "method", "held_on")
    list_filter = ("method", "project")


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "project", "kind", "text", "version", "is_active")
