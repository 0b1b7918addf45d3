"""Plans (master plan, five-year, annual, action programme) and their targets."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kehoach.core.constants import NUMBER_DIGITS, NUMBER_PLACES, TOLERANCE_DIGITS


class PlanKind(models.TextChoices):
    MASTER = "master", _("Quy hoạch / kế hoạch thực hiện quy hoạch")
    FIVE_YEAR = "five_year", _("Kế hoạch 5 năm")
    ANNUAL = "annual", _("Kế hoạch năm")
    ACTION = "action", _("Chương trình hành động")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã trình")
    CONSULTATION = "consultation", _("Đang lấy ý kiến")
    APPROVED = "approved", _("Đã ban hành")
    SUPERSEDED = "superseded", _("Đã thay thế")


PUBLISHED_STATUSES = (PlanStatus.CONSULTATION, PlanStatus.APPROVED, PlanStatus.SUPERSEDED)


class Plan(models.Model):
    code = models.CharField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=500)
    kind = models.CharField(_("loại"), max_length=16, choices=PlanKind.choices)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="plans"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("kế hoạch cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    document = models.CharField(_("số, ký hiệu văn bản"), max_length=64, blank=True)
    document_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    goal = models.TextField(_("mục tiêu tổng quát"), blank=True)
    #: Optimistic concurrency: one more on every saved change (``core.concurrency``).
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-start_year", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(start_year__lte=F("end_year")), name="plan_years"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="plan_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_STATUSES


class Comparator(models.TextChoices):
    ABOVE = "above", _("trên")
    BELOW = "below", _("dưới")
    ABOUT = "about", _("khoảng")
    # Translators: the comparator written before a target's value ("đạt 0,699" is "reach 0.699"),
    # not the evaluation's status "đạt" (met).
    EXACTLY = "exactly", pgettext_lazy("so sánh", "đạt")
    AT_LEAST = "at_least", _("tối thiểu")
    AT_MOST = "at_most", _("tối đa")
    BETWEEN = "between", _("từ … đến …")


class TargetType(models.TextChoices):
    LEVEL = "level", _("Mức cuối kỳ")
    AVERAGE_GROWTH = "average_growth", _("Tăng bình quân trong kỳ")
    ANNUAL_CHANGE = "annual_change", _("Thay đổi bình quân mỗi năm")
    CUMULATIVE = "cumulative", _("Lũy kế trong kỳ")
    QUALITATIVE = "qualitative", _("Định tính (do cơ quan kế hoạch đánh giá)")


class Phrasing(models.TextChoices):
    """The word the document puts around the figure, kept so the target reads as written (and
    is evaluated as it says: "duy trì" holds every year)."""

    PLAIN = "", _("như phép so sánh")
    MAINTAIN = "maintain", _("duy trì …")
    OR_MORE = "or_more", _("… trở lên")
    OR_LESS = "or_less", _("… trở xuống")


class Target(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT,
        related_name="targets",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="targets"
    )
    period = models.CharField(_("kỳ"), max_length=16)
    start_year = models.PositiveSmallIntegerField(editable=False)
    end_year = models.PositiveSmallIntegerField(editable=False)
    comparator = models.CharField(_("so sánh"), max_length=16, choices=Comparator.choices)
    value = models.DecimalField(_("giá trị"), max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES)
    value_max = models.DecimalField(
        _("giá trị tối đa"), max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES, null=True, blank=True
    )
    target_type = models.CharField(
        _("loại chỉ tiêu kế hoạch"), max_length=16, choices=TargetType.choices,
        default=TargetType.LEVEL,
    )
    tolerance = models.DecimalField(
        _("sai số cho phép"), max_digits=TOLERANCE_DIGITS, decimal_places=NUMBER_PLACES, null=True, blank=True
    )
    wording = models.CharField(_("cách viết trong văn bản"), max_length=500, blank=True)
    phrasing = models.CharField(_("cách diễn đạt"), max_length=8, choices=Phrasing.choices,
                                blank=True, default=Phrasing.PLAIN)
    note = models.TextField(_("ghi chú"), blank=True)
    responsible_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị chịu trách nhiệm"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="responsible_targets",
    )
    #: A revised target (điều chỉnh) applies from this date; the one it replaced stays, with
    #: ``superseded_from`` set, and is still used for the years before.
    effective_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    superseded_from = models.DateField(_("được điều chỉnh từ ngày"), null=True, blank=True)
    revision = models.ForeignKey(
        "PlanRevision", verbose_name=_("văn bản điều chỉnh"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="targets",
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    #: Optimistic concurrency: one more on every saved change (``core.concurrency``).
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        verbose_name = _("chỉ tiêu kế hoạch")
        verbose_name_plural = _("chỉ tiêu kế hoạch")
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "indicator", "unit", "period"], name="target_unique",
                condition=Q(superseded_from__isnull=True),
            ),
            models.CheckConstraint(
                condition=(Q(comparator="between") & Q(value_max__gte=F("value")))
                | (~Q(comparator="between") & Q(value_max__isnull=True)),
                name="target_between_bounds",
            ),
            models.CheckConstraint(condition=Q(start_year__lte=F("end_year")), name="target_years"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}"


class PlanRevision(models.Model):
    """A revision (điều chỉnh) of an adopted plan: its document and the date its targets apply
    from. Earlier targets are kept and used for the years before."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    document = models.CharField(_("số, ký hiệu văn bản"), max_length=64)
    document_date = models.DateField(_("ngày ban hành"))
    effective_from = models.DateField(_("áp dụng từ ngày"))
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("điều chỉnh kế hoạch")
        verbose_name_plural = _("điều chỉnh kế hoạch")
        ordering = ["plan", "effective_from", "id"]

    def __str__(self) -> str:
        return f"{self.plan.code} – {self.document}"
