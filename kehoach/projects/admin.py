"""The Django admin of the project list: read-only (projects, capital plans and disbursement
change through the pages, the API and the imports)."""

from __future__ import annotations

from django.contrib import admin

from kehoach.core.admin_mixins import ReadOnlyAdminMixin
from kehoach.projects.models import CapitalPlan, Disbursement, Project, ResourceNeed


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "plan", "sector", "funding_source", "total_investment", "phase",
                    "status")
    list_filter = ("funding_source", "status", "phase", "plan")
    search_fields = ("name",)


@admin.register(CapitalPlan)
class CapitalPlanAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("project", "year", "amount")


@admin.register(Disbursement)
class DisbursementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("project", "year", "month", "amount")


@admin.register(ResourceNeed)
class ResourceNeedAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("plan", "scope", "phase", "amount", "wording")
