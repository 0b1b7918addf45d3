"""Users (with their unit and role) and the audit log that every service writes."""

from __future__ import annotations

from typing import TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    PLANNING = "planning", _("Cơ quan kế hoạch (toàn tỉnh)")
    REPORTER = "reporter", _("Cán bộ báo cáo của đơn vị")
    LEADER = "leader", _("Lãnh đạo (xem toàn tỉnh)")


class User(AbstractUser):
    """A person who logs in. Anonymous citizens have no account."""

    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, default=Role.REPORTER)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    language = models.CharField(
        _("ngôn ngữ giao diện"), max_length=8, choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Tiếng Việt trừ khi người dùng tự chọn ngôn ngữ khác."),
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


#: Who asks: ``request.user`` (a signed-in ``User`` or Django's ``AnonymousUser``). Every access
#: rule and every ``*_for_user`` selector takes one.
AnyUser: TypeAlias = "User | AnonymousUser"


class AuditEntry(models.Model):
    """One row per write made through a service: who did what to which object, and how."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=64, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=64)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    summary = models.CharField(_("tóm tắt"), max_length=300, blank=True)
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"
