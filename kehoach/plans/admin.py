"""The Django admin of plans and targets; saving and deleting go through the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from kehoach.core.admin_mixins import ReadOnlyAdminMixin
from kehoach.plans import services
from kehoach.plans.models import Plan, Target


class _ServiceCheckedForm(forms.ModelForm):
    """Runs the service's rules when the admin form is validated, so errors show on the form."""

    check: Any = None

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        try:
            type(self).check(self.instance)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                if field not in self.errors:
                    self.add_error(field if field in self.fields else None, errors)


class PlanAdminForm(_ServiceCheckedForm):
    check = staticmethod(services.plan_validate)

    class Meta:
        model = Plan
        fields = services.PLAN_FIELDS


class TargetAdminForm(_ServiceCheckedForm):
    check = staticmethod(lambda target: services.target_validate(target) if target.plan_id else None)

    class Meta:
        model = Target
        fields = ("plan", *services.TARGET_FIELDS)


class TargetInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The plan's targets, read-only here: each one is changed on its own page (``TargetAdmin``)."""

    model = Target
    extra = 0
    fields = ("indicator", "unit", "period", "comparator", "value", "value_max", "target_type")
    readonly_fields = fields
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    form = PlanAdminForm
    list_display = ("code", "name", "kind", "start_year", "end_year", "unit", "document", "status")
    list_filter = ("kind", "status")
    search_fields = ("code", "name", "document")
    raw_id_fields = ("unit", "parent")
    inlines = [TargetInline]

    def save_model(self, request: Any, obj: Plan, form: Any, change: bool) -> None:
        data = {n: form.cleaned_data[n] for n in services.PLAN_FIELDS if n in form.cleaned_data}
        if change:
            saved, _changed = services.plan_update(
                plan=Plan.objects.get(pk=obj.pk), actor=request.user,
                data=cast(services.PlanChanges, data))
        else:
            saved = services.plan_create(actor=request.user, **data)
        obj.pk = saved.pk

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    form = TargetAdminForm
    list_display = ("plan", "indicator", "unit", "period", "comparator", "value", "target_type")
    list_filter = ("comparator", "target_type", "plan")
    search_fields = ("plan__code", "indicator__code", "indicator__name_vi")
    raw_id_fields = ("plan", "indicator", "unit")

    def save_model(self, request: Any, obj: Target, form: Any, change: bool) -> None:
        data = {n: form.cleaned_data[n] for n in services.TARGET_FIELDS if n in form.cleaned_data}
        if change:
            saved, _changed = services.target_update(
                target=Target.objects.get(pk=obj.pk), actor=request.user,
                data=cast(services.TargetChanges, data))
        else:
            saved = services.target_create(actor=request.user, plan=form.cleaned_data["plan"], **data)
        obj.pk = saved.pk

    def delete_model(self, request: Any, obj: Target) -> None:
        services.target_delete(target=obj, actor=request.user)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for target in queryset:
            services.target_delete(target=target, actor=request.user)
