"""Administrators manage user accounts here: role and unit decide what a user may see."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from kehoach.core.admin_mixins import ReadOnlyAdminMixin
from kehoach.core.models import AuditEntry, User
from kehoach.core.services import user_apply_role


@admin.register(User)
class KehoachUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "unit", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username", "first_name", "last_name", "email", "unit__code", "unit__name")
    autocomplete_fields = ("unit",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("first_name", "last_name", "email")}),
        (_("Vai trò và đơn vị"), {"fields": ("role", "unit", "is_active")}),
        (_("Thời gian"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "password1", "password2", "role", "unit")}),
    )

    def save_model(self, request: Any, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        user_apply_role(user=obj, actor=request.user, created=not change)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        """Accounts are deactivated (untick “active”), never deleted: the history names them."""
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_id", "summary")
    list_filter = ("action", "object_type")
    search_fields = ("summary", "object_id", "actor__username")
    date_hierarchy = "at"
