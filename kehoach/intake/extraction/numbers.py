"""Vietnamese numbers: decimal comma, thousands dots, leading zeros.

``7,5`` is seven and a half, ``2.000`` is two thousand, ``1.791.857`` and ``12.800,5`` follow the
same convention.  A lone dot followed by anything but exactly three digits (``7.5``) is read as a
decimal point, and several comma groups of three (``1,791,857``) as English thousands.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# A number token.  It may not touch a word character, a slash (dates, document numbers) or a
# hyphen glued to a word (``Covid-19``); those are not quantities.
NUMBER_RE = re.compile(
    r"(?<![\w/.,])(?<!\w-)"
    r"(?P<num>\d+(?:[.,]\d+)*)"
    r"(?![.,]?\d)(?!/\d)(?!/[^\W\d_])"
)

_VI_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")
_VI_DECIMAL = re.compile(r"\d+,\d+")
_EN_DECIMAL = re.compile(r"\d+\.\d+")


def parse_number(token: str) -> Decimal:
    """Read one number token written the Vietnamese way (or, failing that, the English way)."""
    text = token.strip()
    if _VI_THOUSANDS.fullmatch(text):
        cleaned = text.replace(".", "").replace(",", ".")
    elif _EN_THOUSANDS.fullmatch(text):
        cleaned = text.replace(",", "")
    elif _VI_DECIMAL.fullmatch(text):
        cleaned = text.replace(",", ".")
    elif _EN_DECIMAL.fullmatch(text) or text.isdigit():
        cleaned = text
    else:
        raise ValueError(f"Không đọc được số: {token!r}")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude it
        raise ValueError(f"Không đọc được số: {token!r}") from exc
    return _normalise(value)


def _normalise(value: Decimal) -> Decimal:
    """Drop a leading zero's and trailing zeros' noise: ``03`` -> 3, ``7,50`` -> 7.5."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def is_year_like(token: str) -> bool:
    """A bare four-digit number between 1900 and 2099 (a year, not a quantity)."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", token))


def json_number(value: Decimal) -> int | float:
    """``int`` when whole, else ``float`` (the JSON shape of interfaces.md)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
