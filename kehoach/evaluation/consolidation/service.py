"""``consolidate``: the consolidated values of a period and kind, with the discrepancies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kehoach.core.periods import parse_period
from kehoach.evaluation.consolidation.dispatch import compute
from kehoach.indicators.models import Indicator
from kehoach.units.models import Unit
from kehoach.values.models import Value, ValueKind

#: Default tolerance of a discrepancy when the indicator has none (docs/evaluation-decisions.md):
#: the larger of one unit of the indicator's last decimal and 0.1% of the consolidated value.
DEFAULT_RELATIVE_TOLERANCE = Decimal("0.001")


@dataclass(frozen=True)
class ConsolidationItem:
    unit: Unit
    indicator: Indicator
    period: str
    kind: str
    value: Decimal
    inputs: int
    reported: Decimal | None
    tolerance: Decimal

    @property
    def difference(self) -> Decimal | None:
        return None if self.reported is None else self.reported - self.value

    @property
    def is_discrepancy(self) -> bool:
        return self.difference is not None and abs(self.difference) > self.tolerance

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit.code, "unit_name": self.unit.name,
            "indicator": self.indicator.code, "period": self.period, "kind": self.kind,
            "value": float(round(self.value, max(self.indicator.decimals, 2))),
            "inputs": self.inputs,
            "reported_value": None if self.reported is None else float(self.reported),
            "difference": None if self.difference is None else float(self.difference),
            "tolerance": float(self.tolerance),
            "discrepancy": self.is_discrepancy,
        }


@dataclass(frozen=True)
class Consolidation:
    period: str
    kind: str
    items: list[ConsolidationItem]

    @property
    def discrepancies(self) -> list[ConsolidationItem]:
        return [item for item in self.items if item.is_discrepancy]


def discrepancy_tolerance(indicator: Indicator, value: Decimal) -> Decimal:
    if indicator.tolerance is not None:
        return indicator.tolerance
    return max(Decimal(1).scaleb(-indicator.decimals), abs(value) * DEFAULT_RELATIVE_TOLERANCE)


def _period(year: int | None, period: str | None) -> str:
    if (year is None) == (period is None):
        raise ValueError(_("Cho biết năm hoặc kỳ (6 tháng) cần tổng hợp, không cả hai."))
    parsed = parse_period(str(year) if period is None else period)
    if parsed.granularity not in ("year", "half"):
        raise ValueError(_("Chỉ tổng hợp được theo năm (2024) hoặc 6 tháng (2024-H1)."))
    return parsed.code


def consolidate(
    *,
    year: int | None = None,
    period: str | None = None,
    kind: str = ValueKind.ACTUAL,
    unit: Unit | None = None,
    unit_ids: Iterable[int] | None = None,
) -> Consolidation:
    """Consolidated values of every geographic parent (``unit`` and those below it, if given)
    for the year or half-year and the kind, with the parents' own values beside them.

    Stores nothing, so it writes no audit row. On SQLite it opens no transaction (one would take
    the database's write lock for the whole computation); on PostgreSQL the level statements run
    in one short transaction that scopes their planner settings (``postgresql.py``).
    ``unit_ids`` restricts the rows returned to the units a user may read.
    """
    code = _period(year, period)
    if kind not in ValueKind.values:
        raise ValueError(_("Loại số liệu không hợp lệ: %(k)s.") % {"k": kind})
    rows = compute(periods=[code], kinds=[kind], roots=None if unit is None else [unit.pk])
    if unit_ids is not None:
        allowed = set(unit_ids)
        rows = [row for row in rows if row.unit_id in allowed]
    units = Unit.objects.in_bulk({row.unit_id for row in rows})
    indicators = Indicator.objects.in_bulk({row.indicator_id for row in rows})
    reported = {
        (u, i): v for u, i, v in Value.objects.filter(
            period=code, kind=kind, unit_id__in=units, indicator_id__in=indicators,
        ).values_list("unit_id", "indicator_id", "value")
    }
    items = [
        ConsolidationItem(
            units[row.unit_id], indicators[row.indicator_id], row.period, row.kind, row.value,
            row.inputs, reported.get((row.unit_id, row.indicator_id)),
            discrepancy_tolerance(indicators[row.indicator_id], row.value),
        )
        for row in rows
    ]
    items.sort(key=lambda it: (it.unit.code, it.indicator.group, it.indicator.position,
                               it.indicator.code))
    return Consolidation(code, kind, items)
