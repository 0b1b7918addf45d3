"""admin of the evaluation app (read-only: overrides are written through the services)."""

from django.contrib import admin

from kehoach.evaluation.models import StatusOverride


@admin.register(StatusOverride)
class StatusOverrideAdmin(admin.ModelAdmin):
    list_display = ("target", "year", "status", "by", "at", "cleared_at")
    list_filter = ("status", "year")

    def has_add_permission(self, request):  # noqa: ARG002
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ARG002
        return False
