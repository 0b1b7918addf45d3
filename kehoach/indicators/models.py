"""The catalogue of indicators (chỉ tiêu) with how each one aggregates over units."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import NUMBER_PLACES, TOLERANCE_DIGITS


class Group(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế")
    SOCIETY = "society", _("Xã hội")
    ENVIRONMENT = "environment", _("Tài nguyên và môi trường")
    INFRASTRUCTURE = "infrastructure", _("Kết cấu hạ tầng")
    DEFENCE = "defence", _("Quốc phòng, an ninh")
    OTHER = "other", _("Khác")


class Kind(models.TextChoices):
    LEVEL = "level", _("Mức (giá trị tại thời điểm)")
    FLOW = "flow", _("Lượng trong kỳ")
    RATE = "rate", _("Tỷ lệ (%)")
    GROWTH = "growth", _("Tốc độ tăng (%)")
    SHARE = "share", _("Tỷ trọng trong tổng (%)")
    PER_CAPITA = "per_capita", _("Bình quân đầu người")
    COUNT = "count", _("Số lượng")
    INDEX = "index", _("Chỉ số")


class Direction(models.TextChoices):
    UP = "up", _("Càng cao càng tốt")
    DOWN = "down", _("Càng thấp càng tốt")
    BAND = "band", _("Trong khoảng")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng")
    RATIO = "ratio", _("Tính lại từ tử số và mẫu số")
    WEIGHTED_MEAN = "weighted_mean", _("Bình quân gia quyền")
    MEAN = "mean", _("Bình quân")
    MIN = "min", _("Nhỏ nhất")
    MAX = "max", _("Lớn nhất")
    DERIVED = "derived", _("Tính theo công thức")
    NONE = "none", _("Không tổng hợp")


class Indicator(models.Model):
    code = models.CharField(_("mã"), max_length=64, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=400)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=400, blank=True)
    name_ascii = models.CharField(max_length=400, blank=True, editable=False, db_index=True)
    group = models.CharField(_("nhóm"), max_length=16, choices=Group.choices, db_index=True)
    unit = models.CharField(_("đơn vị tính"), max_length=64, blank=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    direction = models.CharField(_("chiều tốt"), max_length=8, choices=Direction.choices)
    aggregation = models.CharField(_("cách tổng hợp"), max_length=16, choices=Aggregation.choices)
    weight = models.ForeignKey(
        "self", verbose_name=_("chỉ tiêu quyền số"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    numerator = models.ForeignKey(
        "self", verbose_name=_("tử số"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    denominator = models.ForeignKey(
        "self", verbose_name=_("mẫu số"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    formula = models.CharField(_("công thức"), max_length=500, blank=True)
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=2)
    tolerance = models.DecimalField(
        _("sai số cho phép"), max_digits=TOLERANCE_DIGITS, decimal_places=NUMBER_PLACES, null=True, blank=True
    )
    responsible_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị chịu trách nhiệm"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="responsible_for",
    )
    sdg = models.CharField(_("mục tiêu SDG"), max_length=64, blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["group", "position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(aggregation="ratio")
                | (Q(numerator__isnull=False) & Q(denominator__isnull=False)),
                name="indicator_ratio_needs_parts",
            ),
            models.CheckConstraint(
                condition=~Q(aggregation="weighted_mean") | Q(weight__isnull=False),
                name="indicator_weighted_mean_needs_weight",
            ),
            models.CheckConstraint(
                condition=~Q(aggregation="derived") | ~Q(formula=""),
                name="indicator_derived_needs_formula",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def name(self) -> str:
        """The name in the user's language: English where the catalogue has one."""
        if self.name_en and (get_language() or "vi").startswith("en"):
            return self.name_en
        return self.name_vi
