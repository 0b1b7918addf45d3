"""How an indicator consolidates over units, in words (evaluation.md §5)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kehoach.indicators.models import Aggregation, Indicator


def _name(indicator: Indicator | None) -> str:
    return f"“{indicator.name_vi}” ({indicator.code})" if indicator else "?"


def aggregation_explained(indicator: Indicator) -> str:
    """One sentence: how the value of a parent unit is computed from its children."""
    rule = indicator.aggregation
    if rule == Aggregation.SUM:
        return _("Giá trị của đơn vị cấp trên là tổng giá trị của các đơn vị cấp dưới.")
    if rule == Aggregation.RATIO:
        text = _("Không cộng trực tiếp: tính lại bằng tổng %(n)s chia cho tổng %(d)s của các đơn vị "
                 "cấp dưới") % {"n": _name(indicator.numerator), "d": _name(indicator.denominator)}
        return text + (_(", nhân 100 vì đơn vị tính là %.") if indicator.unit.strip() == "%" else ".")
    if rule == Aggregation.WEIGHTED_MEAN:
        return _("Bình quân của các đơn vị cấp dưới, có trọng số là %(w)s.") % {
            "w": _name(indicator.weight)}
    if rule == Aggregation.MEAN:
        return _("Bình quân cộng giá trị của các đơn vị cấp dưới.")
    if rule == Aggregation.MIN:
        return _("Giá trị nhỏ nhất trong các đơn vị cấp dưới.")
    if rule == Aggregation.MAX:
        return _("Giá trị lớn nhất trong các đơn vị cấp dưới.")
    if rule == Aggregation.DERIVED:
        return _("Tính theo công thức %(f)s trên các giá trị đã tổng hợp của các chỉ tiêu thành "
                 "phần.") % {"f": indicator.formula}
    return _("Không tổng hợp từ các đơn vị cấp dưới: chỉ dùng số liệu được báo cáo cho chính đơn vị.")
