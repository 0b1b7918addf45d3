"""Units: the province, its departments and agencies, districts (until 30/6/2025) and communes.

A unit is valid from ``valid_from`` to ``valid_to`` (inclusive, either open). When units are
merged or split, ``Succession`` rows link each predecessor to its successor with the share of the
predecessor that went into it, so that data before a reorganisation still adds up after it.
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _


class UnitType(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("Huyện, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    AGENCY = "agency", _("Cơ quan, đoàn thể")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OTHER = "other", _("Khác")


GEOGRAPHIC_TYPES = (UnitType.PROVINCE, UnitType.DISTRICT, UnitType.COMMUNE)


# Every unit below %s, at any depth; UNION (not UNION ALL) ends on a cycle in bad data.
_BELOW = """WITH RECURSIVE below(id) AS (
  SELECT id FROM {table} WHERE parent_id = %s
  UNION
  SELECT u.id FROM {table} u JOIN below b ON u.parent_id = b.id
) SELECT id FROM below WHERE id <> %s"""


class UnitQuerySet(models.QuerySet["Unit"]):
    def descendants_of(self, unit_id: int) -> UnitQuerySet:
        """The units below ``unit_id`` at any depth (not the unit itself): one recursive
        query, run as a subquery where the queryset is used."""
        sql = _BELOW.format(table=self.model._meta.db_table)
        return self.filter(pk__in=RawSQL(sql, [unit_id, unit_id]))

    def descendant_ids(self, unit_id: int) -> set[int]:
        return set(self.descendants_of(unit_id).order_by().values_list("id", flat=True))


# A unit's code goes into file names and download headers: letters, digits, "-", "_", ".".
CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9._-]+\Z",
    _("Mã chỉ gồm chữ cái không dấu, chữ số và các dấu “-”, “_”, “.” (ví dụ 19, 06-cu, SO-YT)."),
    code="invalid_code",
)


class Unit(models.Model):
    code = models.CharField(_("mã"), max_length=32, unique=True, validators=[CODE_VALIDATOR])
    gso_code = models.CharField(_("mã thống kê (GSO)"), max_length=16, blank=True, db_index=True)
    name = models.CharField(_("tên"), max_length=255)
    name_ascii = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    type = models.CharField(_("loại"), max_length=16, choices=UnitType.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=F("valid_to")),
                name="unit_valid_range",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_geographic(self) -> bool:
        return self.type in GEOGRAPHIC_TYPES

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Succession(models.Model):
    """``predecessor`` went (in ``share``, 0-1) into ``successor`` on ``effective``."""

    predecessor = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="successor_links", verbose_name=_("đơn vị cũ")
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="predecessor_links", verbose_name=_("đơn vị mới")
    )
    share = models.DecimalField(_("tỷ lệ"), max_digits=7, decimal_places=6, default=1)
    effective = models.DateField(_("ngày hiệu lực"), null=True, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique"),
            models.CheckConstraint(condition=Q(share__gt=0) & Q(share__lte=1), name="succession_share"),
            models.CheckConstraint(condition=~Q(predecessor=F("successor")), name="succession_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.share})"
