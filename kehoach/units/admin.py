"""Django admin for units and succession links; saves go through the services."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin

from kehoach.core.admin_mixins import ReadOnlyAdminMixin
from kehoach.units.models import Succession, Unit
from kehoach.units.services import (
    EDITABLE_FIELDS,
    UnitChanges,
    succession_set,
    unit_create,
    unit_update,
)


class SuccessorInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    raw_id_fields = ("successor",)
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "type", "gso_code", "parent", "valid_from", "valid_to")
    list_filter = ("type", "valid_from", "valid_to")
    search_fields = ("code", "gso_code", "name", "name_ascii")
    raw_id_fields = ("parent",)
    list_select_related = ("parent",)
    fields = EDITABLE_FIELDS
    inlines = [SuccessorInline]

    def save_model(self, request: Any, obj: Unit, form: Any, change: bool) -> None:
        values = {f: form.cleaned_data.get(f) for f in EDITABLE_FIELDS if f in form.cleaned_data}
        if change:
            unit = Unit.objects.get(pk=obj.pk)
            unit_update(unit=unit, actor=request.user, data=cast(UnitChanges, values))
        else:
            obj.pk = unit_create(actor=request.user, **values).pk

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        """A unit that ended gets its end date (``valid_to``), it is not deleted."""
        return False


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ("predecessor", "successor", "share", "effective")
    list_filter = ("effective", "predecessor__type", "successor__type")
    search_fields = ("predecessor__code", "predecessor__name_ascii", "successor__code",
                     "successor__name_ascii")
    raw_id_fields = ("predecessor", "successor")
    list_select_related = ("predecessor", "successor")

    def save_model(self, request: Any, obj: Succession, form: Any, change: bool) -> None:
        link, _status = succession_set(
            predecessor=obj.predecessor, successor=obj.successor, share=obj.share,
            effective=obj.effective, actor=request.user,
        )
        obj.pk = link.pk

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
