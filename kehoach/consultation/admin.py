"""Django admin of the consultation app: read-only (the pages are the place to work; they write
through the services)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kehoach.consultation.models import Comment, Consultation, Response, Section
from kehoach.core.admin_mixins import ReadOnlyAdminMixin


class SectionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "number", "title", "parent"]


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "opens_at", "closes_at", "audience", "is_published"]
    list_filter = ["is_published", "audience"]
    search_fields = ["title", "slug"]
    filter_horizontal = ["invited_units"]
    inlines = [SectionInline]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "consultation", "author_name", "author_kind", "status",
                    "created_at"]
    list_filter = ["status", "author_kind", "consultation"]
    search_fields = ["author_name", "organisation", "text"]
    readonly_fields = ["ip_hash", "created_at"]

    @admin.display(description=_("số tham chiếu"), ordering="pk")
    def reference(self, obj: Comment) -> str:
        return obj.reference


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["comment", "kind", "by", "at"]
    list_filter = ["kind"]
