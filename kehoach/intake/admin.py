"""Admin of the intake app: read-only views of extraction sessions (writes go through services)."""

from django.contrib import admin

from kehoach.intake.models import ExtractedItem, Extraction


class ItemInline(admin.TabularInline):
    model = ExtractedItem
    fields = ("position", "kind", "indicator_text", "comparator", "value", "unit", "period",
              "indicator", "accepted", "target")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Extraction)
class ExtractionAdmin(admin.ModelAdmin):
    list_display = ("id", "source_name", "created_by", "created_at", "plan", "completed_at")
    readonly_fields = ("source_name", "created_by", "created_at", "plan", "unit", "completed_at",
                       "text")
    inlines = [ItemInline]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
