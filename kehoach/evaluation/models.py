"""Overrides of a computed status by the planning office.

Consolidated values are not stored: they are computed on demand, set-based, in temporary tables
(see ``services/consolidation.py`` and docs/evaluation-decisions.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OverrideStatus(models.TextChoices):
    EXCEEDED = "exceeded", _("vượt")
    MET = "met", _("đạt")
    NOT_MET = "not_met", _("không đạt")
    NO_DATA = "no_data", _("chưa có số liệu")
    NOT_DUE = "not_due", _("chưa đến kỳ")


class StatusOverride(models.Model):
    """A status set by the planning office for a target and a year, with its reason.

    Kept beside the computed status, never instead of it. Nothing is deleted: setting a new
    override or clearing one closes the active row (``cleared_at``), so the history stays.
    """

    target = models.ForeignKey(
        "plans.Target", verbose_name=_("chỉ tiêu kế hoạch"), on_delete=models.CASCADE,
        related_name="status_overrides",
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=OverrideStatus.choices)
    reason = models.TextField(_("lý do"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người điều chỉnh"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    cleared_at = models.DateTimeField(_("bỏ lúc"), null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người bỏ"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("điều chỉnh trạng thái")
        verbose_name_plural = _("điều chỉnh trạng thái")
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "year"], condition=Q(cleared_at__isnull=True),
                name="status_override_one_active",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OverrideStatus.values), name="status_override_status"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="status_override_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}/{self.year}: {self.status}"

    @property
    def is_active(self) -> bool:
        return self.cleared_at is None


class JudgementOutlook(models.TextChoices):
    """What the responsible unit says of a multi-year target (seed 004: "đánh giá khả năng hoàn
    thành các mục tiêu chủ yếu")."""

    LIKELY = "likely", _("có khả năng đạt")
    DIFFICULT = "difficult", _("khó đạt")
    UNLIKELY = "unlikely", _("không đạt")


class TargetJudgement(models.Model):
    """The responsible unit's own judgement of a five-year or master-plan target in a year of
    assessment, with its reason.

    Shown beside the computed progress class, never instead of it. A new judgement closes the
    one before (``superseded_at``); nothing is deleted, so the history stays.
    """

    target = models.ForeignKey(
        "plans.Target", verbose_name=_("chỉ tiêu kế hoạch"), on_delete=models.CASCADE,
        related_name="judgements",
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị đánh giá"), on_delete=models.PROTECT,
        related_name="target_judgements",
    )
    outlook = models.CharField(_("khả năng đạt"), max_length=12, choices=JudgementOutlook.choices)
    reason = models.TextField(_("lý do"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đánh giá"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("được thay lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị tự đánh giá chỉ tiêu")
        verbose_name_plural = _("đơn vị tự đánh giá chỉ tiêu")
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "year"], condition=Q(superseded_at__isnull=True),
                name="target_judgement_one_current",
            ),
            models.CheckConstraint(
                condition=Q(outlook__in=JudgementOutlook.values), name="target_judgement_outlook"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="target_judgement_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}/{self.year}: {self.outlook}"
