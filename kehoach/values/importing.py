"""The values exchange file (interfaces.md §1): unit, indicator, period, kind, value, note.

The columns, the row checks and their lookups. ``values.streaming.values_import`` reads a file of
any size through them; ``value_row_handler`` is the same row checked and written through
``value_set`` one by one, for ``run_import`` (same outcome, slower).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.exchange.importer import RowProblem
from kehoach.core.exchange.reader import FileSpec, Row
from kehoach.core.periods import parse_period
from kehoach.indicators.models import Indicator
from kehoach.units.models import Unit
from kehoach.units.selectors import unit_resolve
from kehoach.values.models import ValueKind
from kehoach.values.services import (
    ValueInput,
    value_normalise,
    value_set,
)

VALUES_SPEC = FileSpec(
    name="values",
    required=("unit", "indicator", "period", "kind", "value"),
    optional=("note",),
    aliases={
        "mã đơn vị": "unit", "đơn vị": "unit",
        "chỉ tiêu": "indicator", "mã chỉ tiêu": "indicator",
        "kỳ": "period", "loại số liệu": "kind", "loại": "kind",
        "giá trị": "value", "ghi chú": "note",
    },
    number_columns=("value",),
)

KIND_ALIASES = {
    "actual": ValueKind.ACTUAL, "thực hiện": ValueKind.ACTUAL, "th": ValueKind.ACTUAL,
    "preliminary": ValueKind.PRELIMINARY, "sơ bộ": ValueKind.PRELIMINARY,
    "sb": ValueKind.PRELIMINARY,
    "estimate": ValueKind.ESTIMATE, "ước thực hiện": ValueKind.ESTIMATE,
    "ước": ValueKind.ESTIMATE, "ưth": ValueKind.ESTIMATE,
    "plan": ValueKind.PLAN, "kế hoạch": ValueKind.PLAN, "kh": ValueKind.PLAN,
}


def parse_kind(text: str) -> str:
    kind = KIND_ALIASES.get(" ".join(text.lower().split()))
    if kind is None:
        raise RowProblem("kind", _("loại số liệu “%(k)s” không hợp lệ: dùng actual (thực hiện), "
                                   "preliminary (sơ bộ), estimate (ước thực hiện) hoặc plan "
                                   "(kế hoạch).") % {"k": text})
    return str(kind)


class Lookups:
    """Caches so that a big file costs one query per distinct unit, not one per row."""

    def __init__(self) -> None:
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.units: dict[tuple[str, dt.date], Any] = {}
        # a unit's code names it whatever the date (``unit_resolve``): one query for all codes
        self.codes: dict[str, Any] = {u.code: u for u in Unit.objects.only("id", "code")}

    def indicator(self, ref: str) -> Indicator:
        found = self.indicators.get(ref) or self.indicators.get(ref.upper())
        if found is None:
            raise RowProblem("indicator", _("không có chỉ tiêu mã “%(c)s” trong danh mục.")
                             % {"c": ref})
        return found

    def unit(self, ref: str, on: dt.date) -> Any:
        found = self.codes.get(ref)
        if found is not None:
            return found
        key = (ref, on)
        if key not in self.units:
            self.units[key] = unit_resolve(ref=ref, on=on)
        if self.units[key] is None:
            raise RowProblem("unit", _("không tìm thấy đơn vị “%(u)s” (mã, mã thống kê hoặc tên "
                                       "đơn vị còn hiệu lực trong kỳ).") % {"u": ref})
        return self.units[key]


_period = functools.lru_cache(maxsize=4096)(parse_period)


def period_of(text: str) -> Any:
    """The period ``text`` names (cached); RowProblem on the period column."""
    try:
        return _period(text)
    except ValueError as exc:
        raise RowProblem("period", str(exc))


def _required(row: Row, column: str) -> str:
    text = row.get(column)
    if not text:
        raise RowProblem(column, _("ô trống: cột này là bắt buộc."))
    return text


def may_write(ctx: dict[str, Any], actor: Any, unit_id: int) -> bool:
    allowed = ctx.setdefault("writable", {})
    if unit_id not in allowed:
        allowed[unit_id] = permissions.can_write_unit_data(actor, unit_id)
    return allowed[unit_id]


def parse_row(row: Row, ctx: dict[str, Any]) -> ValueInput:
    """Check one row; raise RowProblem naming the bad column."""
    lookups = ctx.get("lookups")
    if lookups is None:
        lookups = ctx["lookups"] = Lookups()
    try:
        period = _period(_required(row, "period"))
    except ValueError as exc:
        raise RowProblem("period", str(exc))
    unit = lookups.unit(_required(row, "unit"), period.start)
    indicator = lookups.indicator(_required(row, "indicator"))
    kind = parse_kind(_required(row, "kind"))
    number = row.number("value")
    if number is None:
        raise RowProblem("value", _("ô trống: cột này là bắt buộc."))
    try:
        number = value_normalise(number)
    except ValueError as exc:
        raise RowProblem("value", str(exc))
    actor = ctx.get("actor")
    if actor is not None and not may_write(ctx, actor, unit.pk):
        raise RowProblem("unit", _("bạn không có quyền nhập số liệu cho đơn vị “%(u)s”.")
                         % {"u": unit.code})
    return ValueInput(indicator=indicator, unit=unit, period=period.code, kind=kind,
                      value=number, note=row.get("note"), line=row.line)


def value_row_handler(row: Row, ctx: dict[str, Any]) -> str:
    """A ``run_import`` handler: the row through ``value_set`` (revisions, audit per value)."""
    item = parse_row(row, ctx)
    key = (item.indicator.pk, item.unit.pk, item.period, item.kind)
    seen = ctx.setdefault("seen", {})
    if key in seen:
        raise RowProblem("", _("trùng với dòng %(l)s.") % {"l": seen[key]})
    seen[key] = row.line
    _value, outcome = value_set(
        indicator=item.indicator, unit=item.unit, period=item.period, kind=item.kind,
        value=item.value, note=item.note, source=ctx.get("source", ""), actor=ctx.get("actor"),
    )
    return outcome
