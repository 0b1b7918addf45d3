"""Periods as written in exchange files: ``2024``, ``2024-H1``, ``2024-Q3``, ``2024-09``,
``2021-2025``."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN

_PATTERNS = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-H([12])$", re.I), "half"),
    (re.compile(r"^(\d{4})-Q([1-4])$", re.I), "quarter"),
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), "month"),
    (re.compile(r"^(\d{4})\s*-\s*(\d{4})$"), "range"),
]


@dataclass(frozen=True)
class Period:
    code: str
    granularity: str  # year, half, quarter, month, range
    start: dt.date
    end: dt.date

    @property
    def start_year(self) -> int:
        return self.start.year

    @property
    def end_year(self) -> int:
        return self.end.year

    @property
    def is_multi_year(self) -> bool:
        return self.granularity == "range"


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def parse_period(raw: str) -> Period:
    """Parse a period code; raise ValueError with a Vietnamese message when it is not one."""
    text = (raw or "").strip()
    for pattern, granularity in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year = int(match.group(1))
        if not YEAR_MIN <= year <= YEAR_MAX:
            break
        if granularity == "year":
            return Period(f"{year}", granularity, dt.date(year, 1, 1), dt.date(year, 12, 31))
        n = int(match.group(2))
        if granularity == "half":
            start, end = _months(year, 6 * n - 5, 6 * n)
            return Period(f"{year}-H{n}", granularity, start, end)
        if granularity == "quarter":
            start, end = _months(year, 3 * n - 2, 3 * n)
            return Period(f"{year}-Q{n}", granularity, start, end)
        if granularity == "month":
            start, end = _months(year, n, n)
            return Period(f"{year}-{n:02d}", granularity, start, end)
        if n <= year or n > YEAR_MAX:
            break
        return Period(f"{year}-{n}", granularity, dt.date(year, 1, 1), dt.date(n, 12, 31))
    raise ValueError(
        _("Kỳ “%(raw)s” không hợp lệ: dùng 2024, 2024-H1, 2024-Q3, 2024-09 hoặc 2021-2025.")
        % {"raw": raw}
    )


def period_label(code: str) -> str:
    """A Vietnamese label: ``6 tháng đầu năm 2024``, ``Quý III/2024``, ``giai đoạn 2021-2025``."""
    period = parse_period(code)
    year = period.start_year
    if period.granularity == "year":
        return _("năm %(y)s") % {"y": year}
    if period.granularity == "half":
        first = period.start.month == 1
        label = _("6 tháng đầu năm %(y)s") if first else _("6 tháng cuối năm %(y)s")
        return label % {"y": year}
    if period.granularity == "quarter":
        roman = ["I", "II", "III", "IV"][(period.start.month - 1) // 3]
        return _("Quý %(q)s/%(y)s") % {"q": roman, "y": year}
    if period.granularity == "month":
        return _("tháng %(m)s/%(y)s") % {"m": period.start.month, "y": year}
    return _("giai đoạn %(a)s-%(b)s") % {"a": year, "b": period.end_year}
