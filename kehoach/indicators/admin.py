"""The Django admin of the indicator catalogue; saving goes through the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from kehoach.indicators import services
from kehoach.indicators.models import Indicator


class IndicatorAdminForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = services.FIELDS

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        try:
            services.indicator_validate(self.instance)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                if field not in self.errors:
                    self.add_error(field if field in self.fields else None, errors)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    form = IndicatorAdminForm
    list_display = ("code", "name_vi", "group", "unit", "kind", "aggregation", "is_active")
    list_filter = ("group", "kind", "aggregation", "is_active")
    search_fields = ("code", "name_vi", "name_ascii", "name_en")
    autocomplete_fields = ("weight", "numerator", "denominator")
    raw_id_fields = ("responsible_unit",)

    def save_model(self, request: Any, obj: Indicator, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in form.cleaned_data
                if name in services.FIELDS}
        if change:
            current = Indicator.objects.get(pk=obj.pk)
            saved, _changed = services.indicator_update(
                indicator=current, actor=request.user, data=cast(services.IndicatorChanges, data))
        else:
            saved = services.indicator_create(actor=request.user, **data)
        obj.pk = saved.pk

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
