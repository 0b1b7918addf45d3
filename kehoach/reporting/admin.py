"""The reporting app in the Django admin (for the administrator; users work in the pages)."""

from django import forms
from django.contrib import admin

from kehoach.reporting import models


class MilestoneInline(admin.TabularInline):
    model = models.Milestone
    extra = 0


@admin.register(models.Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "kind", "status", "base_year")
    list_filter = ("kind", "status")
    search_fields = ("code", "title", "legal_number")
    inlines = [MilestoneInline]


class RowInline(admin.TabularInline):
    model = models.TemplateRow
    extra = 0
    raw_id_fields = ("indicator",)


class ColumnInline(admin.TabularInline):
    model = models.TemplateColumn
    extra = 0


@admin.register(models.FormTemplate)
class FormTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "version", "name", "kind")
    inlines = [ColumnInline, RowInline]


@admin.register(models.Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("round", "unit", "template", "status", "deadline", "submitted_at")
    list_filter = ("status", "round")
    search_fields = ("unit__code", "unit__name")
    readonly_fields = ("version", "submitted_at", "accepted_at")


class ValidationRuleForm(forms.ModelForm):
    class Meta:
        model = models.ValidationRule
        fields = ["template", "indicator", "code", "expression", "severity", "message",
                  "column_key", "is_active"]

    def clean_expression(self):
        from kehoach.core.expressions import ExpressionError, parse

        text = self.cleaned_data["expression"]
        try:
            parse(text)
        except ExpressionError as exc:
            raise forms.ValidationError(str(exc))
        return text


@admin.register(models.ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    form = ValidationRuleForm
    list_display = ("code", "template", "indicator", "severity", "is_active")
    list_filter = ("severity", "is_active")


@admin.register(models.SubmissionEvent)
class SubmissionEventAdmin(admin.ModelAdmin):
    list_display = ("submission", "from_status", "to_status", "actor", "at")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ("submission", "offset_days", "queued_at", "sent_at", "error")

    def has_change_permission(self, request, obj=None):
        return False
