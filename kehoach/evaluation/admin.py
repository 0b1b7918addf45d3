"""admin of the evaluation app (read-only: overrides are written through the services)."""

from django.contrib import admin

from kehoach.core.admin_mixins import ReadOnlyAdminMixin
from kehoach.evaluation.models import StatusOverride


@admin.register(StatusOverride)
class StatusOverrideAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("target", "year", "status", "by", "at", "cleared_at")
    list_filter = ("status", "year")
