"""The Django admin of values: saves go through ``value_set`` (a revision for every change) and
deletions through ``value_delete``; the revisions themselves are read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kehoach.core.admin_mixins import ReadOnlyAdminMixin
from kehoach.values.forms import clean_period_code
from kehoach.values.models import Value, ValueRevision
from kehoach.values.services import value_delete, value_normalise, value_set

KEY_FIELDS = ("indicator", "unit", "period", "kind")


class ValueAdminForm(forms.ModelForm):
    comment = forms.CharField(
        label=_("Lý do thay đổi"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ghi vào lịch sử số liệu."),
    )

    class Meta:
        model = Value
        fields = (*KEY_FIELDS, "value", "note", "reported_by")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["comment"].required = True

    def clean_period(self) -> str:
        return clean_period_code(self.cleaned_data["period"])

    def clean_value(self) -> Any:
        try:
            return value_normalise(self.cleaned_data["value"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc))

    def clean(self) -> dict[str, Any]:
        """A new value's key must be free (the unique key also holds the year, which the form
        does not show, so the model's own check does not run here)."""
        data = super().clean() or {}
        key = {field: data.get(field) for field in KEY_FIELDS}
        if self.instance.pk is None and all(key.values()) and Value.objects.filter(**key).exists():
            raise forms.ValidationError(
                _("Đã có số liệu của chỉ tiêu này, đơn vị này, kỳ này và loại này: sửa số liệu "
                  "đó thay vì thêm mới."))
        return data


class RevisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ValueRevision
    fields = ("changed_at", "action", "old_value", "new_value", "comment", "source", "changed_by")
    readonly_fields = fields
    extra = 0


@admin.register(Value)
class ValueAdmin(admin.ModelAdmin):
    form = ValueAdminForm
    list_display = ("indicator", "unit", "period", "kind", "value", "reported_by", "updated_at")
    list_filter = ("kind", "year")
    search_fields = ("indicator__code", "unit__code")
    list_select_related = ("indicator", "unit", "reported_by")
    raw_id_fields = ("indicator", "unit", "reported_by")
    fields = (*KEY_FIELDS, "value", "note", "reported_by", "comment", "source", "entered_by",
              "updated_at")
    inlines = [RevisionInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        """The key and the reporting unit stay as stored: ``value_set`` changes the number and
        the note of a value; another key is another value."""
        if obj is None:
            return ("source", "entered_by", "updated_at")
        return (*KEY_FIELDS, "reported_by", "source", "entered_by", "updated_at")

    def save_model(self, request: Any, obj: Value, form: Any, change: bool) -> None:
        saved, _outcome = value_set(
            indicator=obj.indicator, unit=obj.unit, period=obj.period, kind=obj.kind,
            value=obj.value, note=obj.note, reported_by=obj.reported_by, actor=request.user,
            comment=form.cleaned_data.get("comment", ""), source=gettext("trang quản trị"),
        )
        obj.pk = saved.pk

    def delete_model(self, request: Any, obj: Value) -> None:
        value_delete(value=obj, actor=request.user, comment=gettext("Xoá trong trang quản trị."))

    @transaction.atomic
    def delete_queryset(self, request: Any, queryset: QuerySet[Value]) -> None:
        for value in queryset.select_related("indicator", "unit"):
            self.delete_model(request, value)


@admin.register(ValueRevision)
class ValueRevisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("changed_at", "indicator_code", "unit_code", "period", "kind", "action",
                    "old_value", "new_value", "changed_by", "comment")
    list_filter = ("action", "kind")
    search_fields = ("indicator_code", "unit_code")
    list_select_related = ("changed_by",)
