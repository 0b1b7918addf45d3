"""DHIS2 periods ↔ kehoach periods.

kehoach holds years, halves, quarters, months and ranges of whole years. DHIS2's ``2024``,
``2024S1``, ``2024Q1``, ``202401`` (and ``2024-01``), and ISO 8601 ADX periods that cover one of
those (``2024-01-01/P1Y``, ``2024-07-01/P6M``, ``2024-04-01/P3M``, ``2024-01-01/P1M``,
``2021-01-01/P5Y``) map to them. Weeks, days, bi-months and financial years (``2024W5``,
``20240105``, ``2024BiM1``, ``2024April``) are reported as periods kehoach does not hold.
"""

from __future__ import annotations

import functools
import re

from django.utils.translation import gettext as _

from kehoach.core.periods import parse_period


class PeriodNotHeld(ValueError):
    """A real DHIS2 period of a kind kehoach does not hold (weeks, days…)."""


_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-?(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_HALF = re.compile(r"^(\d{4})S([12])$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/P(\d+)([YMWD])$")
_NOT_HELD = [
    (re.compile(r"^\d{4}-?W\d{1,2}$|^\d{4}(Wed|Thu|Sat|Sun)W\d{1,2}$"), "tuần"),
    (re.compile(r"^\d{4}BiW\d{1,2}$"), "hai tuần"),
    (re.compile(r"^\d{8}$|^\d{4}-\d{2}-\d{2}$"), "ngày"),
    (re.compile(r"^\d{4}(0[1-6])B$|^\d{4}BiM\d$"), "hai tháng"),
    (re.compile(r"^\d{4}(April|July|Oct|Nov)$"), "năm tài chính"),
    (re.compile(r"^\d{4}(April|Nov)S[12]$"), "nửa năm tài chính"),
    (re.compile(r"^\d{4}NovQ[1-4]$"), "quý tài chính"),
]


@functools.lru_cache(maxsize=4096)
def from_dhis2(text: str) -> str:
    """The kehoach period code for a DHIS2 period; PeriodNotHeld or ValueError (Vietnamese)."""
    text = (text or "").strip()
    for pattern, template in ((_YEAR, "{0}"), (_MONTH, "{0}-{1}"), (_QUARTER, "{0}-Q{1}"),
                              (_HALF, "{0}-H{1}")):
        match = pattern.match(text)
        if match:
            return parse_period(template.format(*match.groups())).code
    match = _ISO.match(text)
    if match:
        return _from_iso(text, *match.groups())
    for pattern, name in _NOT_HELD:
        if pattern.match(text):
            raise PeriodNotHeld(_("kỳ “%(p)s” là kỳ %(k)s: kehoach chỉ giữ năm, nửa năm, quý, tháng "
                                  "và giai đoạn nhiều năm.") % {"p": text, "k": name})
    raise ValueError(_("“%(p)s” không phải là kỳ DHIS2.") % {"p": text})


def _from_iso(text: str, year: str, month: str, day: str, count: str, unit: str) -> str:
    n, m = int(count), int(month)
    if day == "01" and unit == "Y" and m == 1:
        return parse_period(year if n == 1 else f"{year}-{int(year) + n - 1}").code
    if day == "01" and unit == "M":
        if n == 1:
            return parse_period(f"{year}-{month}").code
        if n == 3 and m in (1, 4, 7, 10):
            return parse_period(f"{year}-Q{(m + 2) // 3}").code
        if n == 6 and m in (1, 7):
            return parse_period(f"{year}-H{(m + 5) // 6}").code
        if n == 12 and m == 1:
            return parse_period(year).code
    if unit in ("W", "D") or day != "01" or unit == "M" or m != 1:
        raise PeriodNotHeld(_("kỳ “%(p)s” không trùng với năm, nửa năm, quý hay tháng nào: kehoach "
                              "không giữ kỳ này.") % {"p": text})
    raise ValueError(_("“%(p)s” không phải là kỳ DHIS2.") % {"p": text})


def to_dhis2(code: str) -> str | None:
    """The DHIS2 period of a kehoach period, or None (a range of years has none)."""
    period = parse_period(code)
    year = period.start.year
    return {
        "year": f"{year}",
        "half": f"{year}S{(period.start.month + 5) // 6}",
        "quarter": f"{year}Q{(period.start.month + 2) // 3}",
        "month": f"{year}{period.start.month:02d}",
    }.get(period.granularity)


def to_iso(code: str) -> str:
    """The ISO 8601 period of ADX: start date / duration."""
    period = parse_period(code)
    length = {"year": "P1Y", "half": "P6M", "quarter": "P3M", "month": "P1M"}.get(
        period.granularity, f"P{period.end.year - period.start.year + 1}Y")
    return f"{period.start.isoformat()}/{length}"
