"""Admin of the intake app: read-only views of extraction sessions (writes go through services)."""

from django.contrib import admin

from kehoach.core.admin_mixins import ReadOnlyAdminMixin
from kehoach.intake.models import ExtractedItem, Extraction


class ItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ExtractedItem
    fields = ("position", "kind", "indicator_text", "comparator", "value", "unit", "period",
              "indicator", "accepted", "target")
    readonly_fields = fields
    extra = 0


@admin.register(Extraction)
class ExtractionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "source_name", "created_by", "created_at", "plan", "completed_at")
    readonly_fields = ("source_name", "created_by", "created_at", "plan", "unit", "completed_at",
                       "text")
    inlines = [ItemInline]
