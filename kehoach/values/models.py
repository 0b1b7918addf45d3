"""Values (số liệu): indicator × unit × period × kind, with a revision for every change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast, Substr
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import NUMBER_DIGITS, NUMBER_PLACES


class ValueKind(models.TextChoices):
    ACTUAL = "actual", _("Thực hiện")
    PRELIMINARY = "preliminary", _("Sơ bộ")
    ESTIMATE = "estimate", _("Ước thực hiện")
    PLAN = "plan", _("Kế hoạch")


class Value(models.Model):
    # Every index slows big imports (docs/performance.md), so there are three: the primary key,
    # the unique key (unit, indicator, kind, year, period), which also serves every series read
    # by unit and indicator over a range of years, and (year, kind, indicator) for a year's
    # national reads; reported_by only where it is set (imports leave it empty).
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT,
        related_name="values", db_index=False,
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="values",
        db_index=False,
    )
    period = models.CharField(_("kỳ"), max_length=16)
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    end_year = models.PositiveSmallIntegerField(editable=False)
    kind = models.CharField(_("loại số liệu"), max_length=16, choices=ValueKind.choices)
    value = models.DecimalField(_("giá trị"), max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES)
    note = models.TextField(_("ghi chú / giải trình"), blank=True)
    reported_by = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị báo cáo"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="reported_values", db_index=False,
    )
    source = models.CharField(_("nguồn"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_index=False,
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            # the key is (indicator, unit, period, kind); ``year`` is the period's first four
            # digits (value_year_of_period), so adding it changes nothing of what is unique
            models.UniqueConstraint(
                fields=["unit", "indicator", "kind", "year", "period"], name="value_unique"
            ),
            models.CheckConstraint(
                condition=Q(year=Cast(Substr("period", 1, 4), output_field=models.IntegerField())),
                name="value_year_of_period",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "kind", "indicator"], name="value_year_kind_ind"),
            models.Index(fields=["reported_by"], condition=Q(reported_by__isnull=False),
                         name="value_reported_by"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.unit_id}/{self.period}/{self.kind}={self.value}"


class ValueRevision(models.Model):
    """A trace of every change to a value: nothing is ever replaced without one."""

    class Action(models.TextChoices):
        CREATE = "create", _("Tạo mới")
        UPDATE = "update", _("Sửa")
        DELETE = "delete", _("Xoá")

    value = models.ForeignKey(
        Value, null=True, on_delete=models.SET_NULL, related_name="revisions"
    )
    indicator_code = models.CharField(max_length=64)
    unit_code = models.CharField(max_length=32)
    period = models.CharField(max_length=16)
    kind = models.CharField(max_length=16)
    action = models.CharField(max_length=8, choices=Action.choices)
    old_value = models.DecimalField(max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES, null=True, blank=True)
    new_value = models.DecimalField(max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES, null=True, blank=True)
    old_note = models.TextField(blank=True)
    new_note = models.TextField(blank=True)
    source = models.CharField(max_length=255, blank=True)
    comment = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("lịch sử số liệu")
        verbose_name_plural = _("lịch sử số liệu")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.indicator_code}/{self.unit_code}/{self.period}/{self.kind}"


class ReportedValue(models.Model):
    """A figure a unit reported for an indicator it does not answer for (or below the source of
    the value of record): kept beside the value of record, never replacing it silently. The
    planning office sees it as a discrepancy and may adopt it (a decision in the history)."""

    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT,
        related_name="reported_values",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+",
    )
    period = models.CharField(_("kỳ"), max_length=16)
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại số liệu"), max_length=16, choices=ValueKind.choices)
    value = models.DecimalField(_("giá trị"), max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES)
    note = models.TextField(_("ghi chú / giải trình"), blank=True)
    reported_by = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT,
        related_name="reported_figures",
    )
    source = models.CharField(_("nguồn"), max_length=255, blank=True)
    reason = models.CharField(_("lý do không ghi vào số liệu chính thức"), max_length=255)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("báo cáo lúc"), auto_now=True)

    class Meta:
        verbose_name = _("số liệu báo cáo (không chính thức)")
        verbose_name_plural = _("số liệu báo cáo (không chính thức)")
        ordering = ["-year", "indicator", "unit", "reported_by"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "period", "kind", "reported_by"],
                                    name="reported_value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.unit_id}/{self.period}/{self.kind}={self.value}"


class ImportJob(models.Model):
    """A big file imported in the background (values exchange file or DHIS2 data value set).

    The upload waits in ``KEHOACH_IMPORT_DIR`` until the worker reads it; the progress (rows read,
    checked, stored) is a small JSON file beside it, since the import's own transaction hides
    anything it writes to the database until it ends.
    """

    class Kind(models.TextChoices):
        VALUES = "values", _("Tệp số liệu")
        DHIS2 = "dhis2", _("DHIS2")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang nhập")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Có lỗi, không lưu gì")

    id = models.UUIDField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    filename = models.CharField(_("tệp"), max_length=255)
    size = models.BigIntegerField(default=0)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("việc nhập tệp")
        verbose_name_plural = _("việc nhập tệp")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"
