"""Template filters for numbers and dates in the user's language (``7,5``, ``2.000``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import formats

register = template.Library()


def format_number(value: Any, decimals: int | None = None) -> str:
    """``Decimal('7.500000')`` → ``7,5`` in Vietnamese, ``7.5`` in English; ``None`` → ``""``."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals)) if decimals >= 0 else number
    else:
        number = number.normalize()
    exponent = number.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return formats.number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def num(value: Any, decimals: Any = None) -> str:
    return format_number(value, int(decimals) if decimals not in (None, "") else None)


@register.filter
def pct(value: Any, decimals: Any = 1) -> str:
    text = format_number(value, int(decimals))
    return f"{text}%" if text else ""


@register.filter(expects_localtime=True)
def vdate(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


@register.filter(expects_localtime=True)
def vdatetime(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATETIME_FORMAT") if value else ""


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def share(value: Any) -> str:
    """A share of one (0–1) as a percentage: ``0.25`` → ``25%``, ``1`` → ``100%``."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)) * 100
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{format_number(number.normalize())}%"
