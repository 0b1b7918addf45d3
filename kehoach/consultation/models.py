"""Public consultation on drafts (lấy ý kiến): the draft by section, comments, answers.

A consultation is ``draft`` until it is published and its opening time has come, ``open`` until
its closing time, then ``closed``. Comments are shown publicly only once published by the
planning office; each may get one answer (tiếp thu / giải trình …).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PUBLIC = "public", _("Mọi người dân, tổ chức")
    INVITED = "invited", _("Chỉ các cơ quan, đơn vị được mời")


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa mở")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã kết thúc")


class Consultation(models.Model):
    title = models.CharField(_("tên dự thảo"), max_length=500)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("kế hoạch"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="consultations",
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    issuer = models.CharField(_("cơ quan chủ trì soạn thảo"), max_length=255, blank=True)
    issuer_parent = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    opens_at = models.DateTimeField(_("bắt đầu nhận góp ý"))
    closes_at = models.DateTimeField(_("hạn cuối nhận góp ý"))
    audience = models.CharField(
        _("đối tượng góp ý"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC
    )
    invited_units = models.ManyToManyField(
        "units.Unit", verbose_name=_("cơ quan, đơn vị được mời"), blank=True,
        related_name="consultations_invited",
    )
    is_published = models.BooleanField(_("đã công bố"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đợt lấy ý kiến")
        verbose_name_plural = _("đợt lấy ý kiến")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at")), name="consultation_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def status_at(self, moment: dt.datetime) -> str:
        if not self.is_published or moment < self.opens_at:
            return ConsultationStatus.DRAFT
        if moment < self.closes_at:
            return ConsultationStatus.OPEN
        return ConsultationStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return str(ConsultationStatus(self.status).label)


class Section(models.Model):
    """A part of the draft: a section (``I``) or an item of it (``1``, ``a)``) via ``parent``."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="sections"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("thuộc mục"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="children",
    )
    number = models.CharField(_("số mục"), max_length=16, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục của dự thảo")
        verbose_name_plural = _("mục của dự thảo")
        ordering = ["consultation", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="section_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def heading(self) -> str:
        """``I. Đánh giá…``, ``a) …``, the title alone, or ``""`` (an untitled preamble)."""
        number = self.number
        if number and not number.endswith((")", ".")):
            number += "."
        return " ".join(part for part in (number, self.title) if part)

    @property
    def label(self) -> str:
        """The heading, or the start of the text for an untitled part."""
        if self.heading:
            return self.heading
        start = " ".join(self.text.split()[:8])
        return f"{start}…" if start else str(_("(không tên)"))


class AuthorKind(models.TextChoices):
    CITIZEN = "citizen", _("Người dân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")
    UNIT = "unit", _("Cơ quan, đơn vị được mời")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ kiểm duyệt")
    PUBLISHED = "published", _("Đã công khai")
    REJECTED = "rejected", _("Không công khai")


REFERENCE_PREFIX = "GY"


def new_follow_token() -> str:
    """The secret of a comment's private link (256 bits, URL-safe, 43 characters)."""
    return secrets.token_urlsafe(32)


class Comment(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("mục góp ý"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="comments",
    )
    text = models.TextField(_("nội dung góp ý"))
    author_name = models.CharField(_("họ và tên"), max_length=200)
    author_kind = models.CharField(_("góp ý với tư cách"), max_length=16, choices=AuthorKind.choices)
    organisation = models.CharField(_("tên tổ chức"), max_length=255, blank=True)
    contact = models.CharField(_("thư điện tử hoặc số điện thoại"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="consultation_comments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="consultation_comments",
    )
    status = models.CharField(
        _("kiểm duyệt"), max_length=16, choices=CommentStatus.choices,
        default=CommentStatus.PENDING, db_index=True,
    )
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    follow_token = models.CharField(
        max_length=64, unique=True, default=new_follow_token, editable=False,
        help_text="The secret of the commenter's private link (never shown publicly).",
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(author_kind="unit") & Q(unit__isnull=False))
                | (~Q(author_kind="unit") & Q(unit__isnull=True)),
                name="comment_unit_iff_unit_kind",
            ),
            models.CheckConstraint(
                condition=~Q(author_kind="organisation") | ~Q(organisation=""),
                name="comment_organisation_named",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.author_display}: {self.text[:60]}"

    @property
    def reference(self) -> str:
        """The number a commenter quotes: ``GY-2026-000123`` (year sent, then the comment's id)."""
        return f"{REFERENCE_PREFIX}-{self.created_at.year}-{self.pk:06d}"

    @property
    def author_display(self) -> str:
        """Who said it, as shown publicly and in the synthesis table."""
        unit = self.unit if self.unit_id else None
        if self.author_kind == AuthorKind.UNIT and unit is not None:
            return f"{unit.name} ({self.author_name})" if self.author_name else unit.name
        if self.author_kind == AuthorKind.ORGANISATION:
            return f"{self.organisation} ({self.author_name})"
        return self.author_name


class ResponseKind(models.TextChoices):
    TIEP_THU = "tiep_thu", _("Tiếp thu")
    TIEP_THU_MOT_PHAN = "tiep_thu_mot_phan", _("Tiếp thu một phần")
    GIAI_TRINH = "giai_trinh", _("Giải trình")
    KHONG_TIEP_THU = "khong_tiep_thu", _("Không tiếp thu")


class Response(models.Model):
    """The planning office's answer to one comment."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="response")
    kind = models.CharField(_("hình thức tiếp thu"), max_length=20, choices=ResponseKind.choices)
    text = models.TextField(_("nội dung tiếp thu, giải trình"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người trả lời"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField(_("trả lời lúc"))

    class Meta:
        verbose_name = _("tiếp thu, giải trình")
        verbose_name_plural = _("tiếp thu, giải trình")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="response_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
