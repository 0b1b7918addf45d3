"""An extraction session (a plan's text read by the engine) and its items, kept for review.

Items keep what the engine read (``comparator``, ``value`` …) beside what the reviewer decided
(``indicator``, ``accepted``, ``final_*``); targets are created from the reviewed fields only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import NUMBER_DIGITS, NUMBER_PLACES
from kehoach.plans.models import Comparator, TargetType

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ItemKind(models.TextChoices):
    TARGET = "target", _("Mục tiêu")
    RESULT = "result", _("Kết quả")


class Extraction(models.Model):
    text = models.TextField(_("văn bản"))
    source_name = models.CharField(_("nguồn"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đọc"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("kế hoạch"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    completed_at = models.DateTimeField(_("đã tạo chỉ tiêu lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần đọc văn bản")
        verbose_name_plural = _("lần đọc văn bản")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.source_name or f"#{self.pk}"


def _decimal(verbose: StrOrPromise, null: bool = False) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES,
                               null=null, blank=null)


class ExtractedItem(models.Model):
    extraction = models.ForeignKey(Extraction, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại"), max_length=8, choices=ItemKind.choices)
    # what the engine read
    indicator_text = models.CharField(_("chỉ tiêu trong văn bản"), max_length=500)
    comparator = models.CharField(_("so sánh"), max_length=16, choices=Comparator.choices)
    value = _decimal(_("giá trị"))
    value_max = _decimal(_("giá trị tối đa"), null=True)
    unit = models.CharField(_("đơn vị tính"), max_length=64, blank=True)
    period = models.CharField(_("kỳ"), max_length=16, blank=True)
    target_type = models.CharField(_("loại chỉ tiêu kế hoạch"), max_length=16,
                                   choices=TargetType.choices)
    sentence = models.TextField(_("câu"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    value_start = models.PositiveIntegerField()
    value_end = models.PositiveIntegerField()
    # what the reviewer decided
    suggestions = models.JSONField(_("gợi ý"), default=list, blank=True)
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("chỉ tiêu trong danh mục"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    accepted = models.BooleanField(_("chọn"), default=True)
    final_comparator = models.CharField(_("so sánh"), max_length=16, choices=Comparator.choices)
    final_value = _decimal(_("giá trị"), null=True)
    final_value_max = _decimal(_("giá trị tối đa"), null=True)
    final_unit = models.CharField(_("đơn vị tính"), max_length=64, blank=True)
    final_period = models.CharField(_("kỳ"), max_length=16, blank=True)
    final_target_type = models.CharField(_("loại chỉ tiêu kế hoạch"), max_length=16,
                                         choices=TargetType.choices)
    target = models.ForeignKey(
        "plans.Target", verbose_name=_("chỉ tiêu đã tạo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("mục đọc được")
        verbose_name_plural = _("mục đọc được")
        ordering = ["extraction", "position"]
        constraints = [
            models.UniqueConstraint(fields=["extraction", "position"], name="intake_item_position"),
            models.CheckConstraint(
                condition=Q(start__lte=F("value_start")) & Q(value_start__lte=F("value_end"))
                & Q(value_end__lte=F("end")),
                name="intake_item_offsets",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_text}: {self.value} {self.unit}"

    @property
    def original_phrase(self) -> str:
        """The value phrase as written (qualifier, number, unit), e.g. ``trên 105 nghìn tỷ đồng``."""
        offset = self.start
        return self.sentence[self.value_start - offset:self.value_end - offset]

    @property
    def corrected(self) -> bool:
        return (self.final_comparator, self.final_value, self.final_value_max, self.final_unit) != (
            self.comparator, self.value, self.value_max, self.unit)
