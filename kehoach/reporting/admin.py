"""The reporting app in the Django admin (for the administrator; users work in the pages).

Rounds, forms, submissions and their history are shown read-only: they change through the
services (pages, API, commands). Custom validation rules are written through their services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from kehoach.core.admin_mixins import ReadOnlyAdminMixin
from kehoach.reporting import models
from kehoach.reporting.services import rules


class MilestoneInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.Milestone
    extra = 0


class SectionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.RoundSection
    extra = 0


@admin.register(models.Round)
class RoundAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "title", "kind", "status", "base_year")
    list_filter = ("kind", "status")
    search_fields = ("code", "title", "legal_number")
    inlines = [MilestoneInline, SectionInline]


class TextRevisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.SubmissionTextRevision
    extra = 0


@admin.register(models.SubmissionText)
class SubmissionTextAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("submission", "section", "version", "updated_by", "updated_at")
    list_filter = ("section__key",)
    search_fields = ("submission__unit__name", "submission__round__code", "text")
    inlines = [TextRevisionInline]


class PassageInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.CompiledPassage
    extra = 0


@admin.register(models.CompiledSection)
class CompiledSectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("section", "version", "updated_by", "updated_at")
    search_fields = ("section__round__code", "section__title")
    inlines = [PassageInline]


class RowInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.TemplateRow
    extra = 0
    raw_id_fields = ("indicator",)


class ColumnInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.TemplateColumn
    extra = 0


@admin.register(models.FormTemplate)
class FormTemplateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "version", "name", "kind")
    inlines = [ColumnInline, RowInline]


@admin.register(models.Submission)
class SubmissionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("round", "unit", "template", "status", "deadline", "submitted_at")
    list_filter = ("status", "round")
    search_fields = ("unit__code", "unit__name")


class ValidationRuleForm(forms.ModelForm):
    class Meta:
        model = models.ValidationRule
        fields = list(rules.RULE_FIELDS)

    def _post_clean(self) -> None:
        """The service's checks, shown on the form's fields."""
        super()._post_clean()  # type: ignore[misc]
        try:
            rules.validation_rule_check(self.instance)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                if field not in self.errors:
                    self.add_error(field if field in self.fields else None, errors)


@admin.register(models.ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    form = ValidationRuleForm
    list_display = ("code", "template", "indicator", "severity", "is_active")
    list_filter = ("severity", "is_active")

    def save_model(self, request: Any, obj: models.ValidationRule, form: Any,
                   change: bool) -> None:
        data = cast(rules.RuleChanges, {n: form.cleaned_data[n] for n in rules.RULE_FIELDS
                                        if n in form.cleaned_data})
        if change:
            rules.validation_rule_update(rule=models.ValidationRule.objects.get(pk=obj.pk),
                                         actor=request.user, data=data)
        else:
            obj.pk = rules.validation_rule_create(actor=request.user, data=data).pk

    def delete_model(self, request: Any, obj: models.ValidationRule) -> None:
        rules.validation_rule_delete(rule=obj, actor=request.user)

    @transaction.atomic
    def delete_queryset(self, request: Any, queryset: QuerySet[models.ValidationRule]) -> None:
        for rule in queryset:
            self.delete_model(request, rule)


@admin.register(models.SubmissionEvent)
class SubmissionEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("submission", "from_status", "to_status", "actor", "at")


@admin.register(models.ReminderLog)
class ReminderLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("submission", "offset_days", "queued_at", "sent_at", "error")
