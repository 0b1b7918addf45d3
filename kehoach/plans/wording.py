"""A target written the way Vietnamese documents write it, in the current language:
``trên 7,5%``, ``từ 5% đến 7%``, ``trên 7,5%/năm bình quân giai đoạn 2021-2030``,
``giảm bình quân 2%/năm``, ``lũy kế giai đoạn 2021-2030 trên 105.000 tỷ đồng``, with the
document's own words kept (``duy trì trên 70%``, ``88% trở lên``) and a qualitative target
(``cơ bản không còn huyện nghèo``) marked as judged by the planning office."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kehoach.core.periods import period_label
from kehoach.core.templatetags.kh import format_number
from kehoach.plans.models import Comparator, Phrasing, TargetType

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
    comparator, value(s), the document's word (``phrasing``), the indicator's unit, the target
    type and the period."""
    if target.target_type == TargetType.QUALITATIVE:
        return qualitative_wording(target)
    if target.wording:
        return target.wording
    unit = (target.indicator.unit or "").strip()
    value, value_max = target.value, target.value_max
    if target.target_type in (TargetType.AVERAGE_GROWTH, TargetType.ANNUAL_CHANGE):
        return _maintained(target, _per_year(target, unit))
    phrase = _worded(target, _amount(value, unit), _amount(value_max, unit))
    if target.target_type == TargetType.CUMULATIVE:
        return _("lũy kế %(p)s %(t)s") % {"p": period_label(target.period), "t": phrase}
    return _maintained(target, phrase)


def qualitative_wording(target: Any) -> str:
    """A target without a figure ("cơ bản không còn huyện nghèo"): the document's words, marked
    as judged by the planning office."""
    text = (target.wording or target.note or target.indicator.name).strip()
    return _("%(t)s (do cơ quan kế hoạch đánh giá)") % {"t": text}


def _worded(target: Any, low: str, high: str) -> str:
    """``tối thiểu 35 giường``, or ``88% trở lên`` when the document says so."""
    phrasing = getattr(target, "phrasing", "")
    if phrasing == Phrasing.OR_MORE and target.comparator in (Comparator.AT_LEAST,
                                                              Comparator.ABOVE):
        return _("%(v)s trở lên") % {"v": low}
    if phrasing == Phrasing.OR_LESS and target.comparator in (Comparator.AT_MOST,
                                                              Comparator.BELOW):
        return _("%(v)s trở xuống") % {"v": low}
    return _phrase(target.comparator, low, high)


def _maintained(target: Any, phrase: str) -> str:
    if getattr(target, "phrasing", "") == Phrasing.MAINTAIN:
        return _("duy trì %(t)s") % {"t": phrase}
    return phrase


def _per_year(target: Any, unit: str) -> str:
    suffix = "" if unit.endswith(_PER_YEAR) else _("/năm")
    value = Decimal(target.value)
    value_max = None if target.value_max is None else Decimal(target.value_max)
    if target.target_type == TargetType.AVERAGE_GROWTH:
        phrase = _worded(target, _amount(value, unit) + suffix, _amount(value_max, unit) + suffix)
        if "-" not in target.period:
            return _("bình quân %(t)s") % {"t": phrase}
        return _("%(t)s bình quân %(p)s") % {"t": phrase, "p": period_label(target.period)}
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
