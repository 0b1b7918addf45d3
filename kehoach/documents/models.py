"""A report made in the background (``ReportJob``): who asked, for which plan, year, unit and
format, with what options; its progress and, once done, the file waiting in
``KEHOACH_REPORT_DIR`` for its download."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Không tạo được")

    class Format(models.TextChoices):
        DOCX = "docx", _("Word (.docx)")
        XLSX = "xlsx", _("Excel (.xlsx)")
        PDF = "pdf", _("PDF")

    id = models.UUIDField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    format = models.CharField(_("định dạng"), max_length=4, choices=Format.choices)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    stage = models.CharField(max_length=16, blank=True)
    percent = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(_("thông báo"), blank=True)
    filename = models.CharField(_("tệp"), max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("việc tạo báo cáo")
        verbose_name_plural = _("việc tạo báo cáo")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="reportjob_percent"),
            models.CheckConstraint(
                condition=Q(format__in=["docx", "xlsx", "pdf"]), name="reportjob_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.year} {self.format} ({self.status})"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class DocumentTemplate(models.Model):
    """A province's own Word template (docxtpl) of a document kind: its letterhead, wording,
    signer and recipients. Without a row the built-in template is used."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Báo cáo tình hình thực hiện kế hoạch")
        SYNTHESIS = "synthesis", _("Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý")
        PLAN_DOCUMENT = "plan_document", _("Dự thảo văn bản kế hoạch")
        ASSIGNMENT = "assignment", _("Quyết định giao chỉ tiêu")
        PROGRAMME = "programme", _("Phụ lục chương trình hành động (nhiệm vụ, dự án)")

    kind = models.CharField(_("loại văn bản"), max_length=16, choices=Kind.choices, unique=True)
    content = models.BinaryField(_("tệp mẫu (.docx)"))
    filename = models.CharField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        constraints = [models.CheckConstraint(condition=Q(kind__in=["report", "synthesis",
                                                                       "plan_document",
                                                                       "assignment",
                                                                       "programme"]),
                                              name="documenttemplate_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename}"
