"""Template filters for numbers and dates in the user's language (``7,5``, ``2.000``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import formats, translation

register = template.Library()

#: (decimal separator, thousand separator) per language, or None where the grouping is not
#: plain threes (then Django's ``number_format`` does it). A page of the plan evaluation formats
#: 700 numbers: Django's path looked the separators up three times per number (a quarter of the
#: template's time).
_SEPARATORS: dict[str, tuple[str, str] | None] = {}


def _separators() -> tuple[str, str] | None:
    language = translation.get_language() or ""
    if language not in _SEPARATORS:
        grouping = formats.get_format("NUMBER_GROUPING", language, use_l10n=True)
        _SEPARATORS[language] = (
            (str(formats.get_format("DECIMAL_SEPARATOR", language, use_l10n=True)),
             str(formats.get_format("THOUSAND_SEPARATOR", language, use_l10n=True)))
            if grouping == 3 else None)
    return _SEPARATORS[language]


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
    if not number.is_finite():
        return str(number)
    if number.is_zero():
        number = abs(number)  # "-0,00" reads as a loss: zero has no sign
    separators = _separators()
    if separators is None or number.adjusted() >= 200:
        return formats.number_format(number, decimal_pos=places, use_l10n=True,
                                     force_grouping=True)
    decimal, thousand = separators
    text = format(number, f",.{places}f")  # "1,791,857.5": the exact digits, grouped by three
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousand)


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
