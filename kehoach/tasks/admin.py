"""The Django admin of the action programme: read-only (tasks change through the pages, the API
and the imports, which keep the history and detect conflicting edits)."""

from __future__ import annotations

from django.contrib import admin

from kehoach.core.admin_mixins import ReadOnlyAdminMixin
from kehoach.tasks.models import ProgressReport, ProposalDecision, Task, TaskDueItem


@admin.register(Task)
class TaskAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("number", "text", "plan", "lead_unit", "deadline_text", "status")
    list_filter = ("status", "group", "plan")
    search_fields = ("text", "number")


@admin.register(TaskDueItem)
class TaskDueItemAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("task", "year", "unit", "kind", "due_date", "done_at")
    list_filter = ("year", "kind")


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("task", "unit", "date", "percent")


@admin.register(ProposalDecision)
class ProposalDecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("proposal", "decision", "task", "project", "decided_at")
