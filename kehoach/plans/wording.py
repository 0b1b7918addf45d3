"""A target written the way Vietnamese documents write it, in the current language:
``trên 7,5%``, ``từ 5% đến 7%``, ``bình quân trên 7,5%/năm``, ``giảm bình quân 2%/năm``,
``lũy kế giai đoạn 2021-2030 trên 105.000 tỷ đồng``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kehoach.core.periods import period_label
from kehoach.core.templatetags.kh import format_number
from kehoach.plans.models import Comparator, TargetType

_PER_YEAR = "/năm"


def _amount(value: Any, unit: str) -> str:
    """``7,5%`` (no space before %), ``35 giường``, ``105.000 tỷ đồng``."""
    number = format_number(value)
    if not unit:
        return number
    return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}"


def _phrase(comparator: str, low: str, high: str) -> str:
    phrases: dict[str, str] = {
        Comparator.ABOVE: _("trên %(v)s"),
        Comparator.BELOW: _("dưới %(v)s"),
        Comparator.ABOUT: _("khoảng %(v)s"),
        Comparator.EXACTLY: _("đạt %(v)s"),
        Comparator.AT_LEAST: _("tối thiểu %(v)s"),
        Comparator.AT_MOST: _("tối đa %(v)s"),
        Comparator.BETWEEN: _("từ %(v)s đến %(w)s"),
    }
    return phrases.get(comparator, "%(v)s") % {"v": low, "w": high}


def target_wording(target: Any) -> str:
    """The stored ``wording`` (as written in the document) if any, else one built from the
    comparator, value(s), the indicator's unit, the target type and the period."""
    if target.wording:
        return target.wording
    unit = (target.indicator.unit or "").strip()
    value, value_max = target.value, target.value_max
    if target.target_type in (TargetType.AVERAGE_GROWTH, TargetType.ANNUAL_CHANGE):
        return _per_year(target, unit)
    phrase = _phrase(target.comparator, _amount(value, unit), _amount(value_max, unit))
    if target.target_type == TargetType.CUMULATIVE:
        return _("lũy kế %(p)s %(t)s") % {"p": period_label(target.period), "t": phrase}
    return phrase


def _per_year(target: Any, unit: str) -> str:
    suffix = "" if unit.endswith(_PER_YEAR) else _("/năm")
    value = Decimal(target.value)
    value_max = None if target.value_max is None else Decimal(target.value_max)
    if target.target_type == TargetType.AVERAGE_GROWTH:
        phrase = _phrase(target.comparator, _amount(value, unit) + suffix,
                         _amount(value_max, unit) + suffix)
        return _("bình quân %(t)s") % {"t": phrase}
    falling = target.indicator.direction == "down"
    if value < 0 and (value_max is None or value_max <= 0):
        falling, value = not falling, -value
        value_max = None if value_max is None else -value_max
        if value_max is not None:
            value, value_max = value_max, value
    comparator = "" if target.comparator == Comparator.EXACTLY else target.comparator
    phrase = _phrase(comparator, _amount(value, unit) + suffix, _amount(value_max, unit) + suffix)
    if falling:
        return _("giảm bình quân %(t)s") % {"t": phrase}
    return _("tăng bình quân %(t)s") % {"t": phrase}
