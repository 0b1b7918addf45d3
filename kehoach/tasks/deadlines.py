"""Deadlines as the documents write them (pure Python, no database).

=============================================  =========  ===================================
written                                        kind       due date
=============================================  =========  ===================================
``29/01/2025``, ``2025-01-29``                 date       that day
``Trước 30/6/2025``, ``trước ngày 30/6/2025``  before     that day
``Tháng 6/2025``                               month      last day of the month
``Quý II/2025``, ``Quý 2 năm 2025``            quarter    last day of the quarter
``2025``, ``Năm 2025``                         year       31/12 of the year
``2026-2030``, ``Giai đoạn 2026 - 2030``       range      31/12 of the last year
``Hằng năm, trước 20/10``                      recurring  20/10 of every year (due items)
``Thường xuyên``                               ongoing    none
=============================================  =========  ===================================

A recurring deadline may add the consolidation by the lead unit:
``Hằng năm, trước 20/10; tổng hợp trước 31/10``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from unidecode import unidecode

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
KINDS = ("date", "before", "month", "quarter", "year", "range", "recurring", "ongoing")

_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_DATE_WORDS = r"(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})"
_DAY_MONTH = r"(?:ngay\s+)?(\d{1,2})\s*(?:/|\s+thang\s+)\s*(\d{1,2})"


@dataclass(frozen=True)
class Deadline:
    kind: str
    text: str
    due: dt.date | None = None
    start: dt.date | None = None
    month: int | None = None  # recurring: the day of the year
    day: int | None = None
    consolidate_month: int | None = None
    consolidate_day: int | None = None

    @property
    def is_recurring(self) -> bool:
        return self.kind == "recurring"

    def due_in(self, year: int) -> dt.date | None:
        """The due day of a recurring deadline in ``year``."""
        if not self.is_recurring or self.month is None or self.day is None:
            return None
        return dt.date(year, self.month, self.day)

    def consolidate_in(self, year: int) -> dt.date | None:
        if self.consolidate_month is None or self.consolidate_day is None:
            return None
        return dt.date(year, self.consolidate_month, self.consolidate_day)


def _fold(text: str) -> str:
    return " ".join(unidecode(text or "").lower().replace(",", " , ").split()).replace(" , ", ", ")


def _day(d: str, m: str, y: str, text: str) -> dt.date:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        raise ValueError(_("“%(t)s”: ngày %(d)s/%(m)s/%(y)s không có trong lịch.") % {
            "t": text, "d": d, "m": m, "y": y})


def _year(value: str, text: str) -> int:
    year = int(value)
    if not 1900 <= year <= 2200:
        raise ValueError(_("“%(t)s”: năm %(y)s nằm ngoài khoảng 1900–2200.") % {"t": text, "y": year})
    return year


def _quarter(folded: str, text: str) -> Deadline | None:
    match = re.fullmatch(r"(?:trong\s+)?quy\s+([ivx]+|\d+)\s*(?:/|\s+nam\s+|\s+)\s*(\d{4})", folded)
    if not match:
        return None
    raw = match.group(1)
    quarter = int(raw) if raw.isdigit() else ROMAN.get(raw, 0)
    if not 1 <= quarter <= 4:
        raise ValueError(_("“%(t)s”: một năm chỉ có bốn quý (Quý I đến Quý IV).") % {"t": text})
    year = _year(match.group(2), text)
    last_month = quarter * 3
    end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return Deadline("quarter", text, due=end, start=dt.date(year, last_month - 2, 1))


def _recurring(folded: str, text: str) -> Deadline | None:
    match = re.fullmatch(
        r"h[ae]ng\s+nam,?\s*(?:truoc\s+)?" + _DAY_MONTH
        + r"(?:\s*[;,]\s*tong\s+hop\s+(?:truoc\s+)?" + _DAY_MONTH + r")?", folded)
    if not match:
        return None
    day, month = int(match.group(1)), int(match.group(2))
    c_day = int(match.group(3)) if match.group(3) else None
    c_month = int(match.group(4)) if match.group(4) else None
    for d, m in ((day, month), (c_day, c_month)):
        if d is None or m is None:
            continue
        try:
            dt.date(2024, m, d)  # a leap year: 29/02 is allowed
        except ValueError:
            raise ValueError(_("“%(t)s”: ngày %(d)s/%(m)s không có trong lịch.") % {
                "t": text, "d": d, "m": m})
    return Deadline("recurring", text, month=month, day=day, consolidate_month=c_month,
                    consolidate_day=c_day)


def _simple(folded: str, text: str) -> Deadline | None:
    if match := re.fullmatch(r"(?:truoc|cham nhat|han)\s+(?:ngay\s+)?(?:" + _DATE + "|"
                             + _DATE_WORDS + ")", folded):
        d, m, y = [g for g in match.groups() if g is not None]
        return Deadline("before", text, due=_day(d, m, y, text))
    if match := re.fullmatch(r"(?:ngay\s+)?" + _DATE, folded):
        d, m, y = match.groups()
        return Deadline("date", text, due=_day(d, m, y, text))
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", folded):
        y, m, d = match.groups()
        return Deadline("date", text, due=_day(d, m, y, text))
    if match := re.fullmatch(r"(?:trong\s+)?thang\s+(\d{1,2})\s*(?:/|\s+nam\s+)\s*(\d{4})", folded):
        month, year = int(match.group(1)), _year(match.group(2), text)
        if not 1 <= month <= 12:
            raise ValueError(_("“%(t)s”: tháng phải từ 1 đến 12.") % {"t": text})
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        return Deadline("month", text, due=end, start=dt.date(year, month, 1))
    if match := re.fullmatch(r"(?:trong\s+)?(?:nam\s+)?(\d{4})", folded):
        year = _year(match.group(1), text)
        return Deadline("year", text, due=dt.date(year, 12, 31), start=dt.date(year, 1, 1))
    if match := re.fullmatch(r"(?:giai doan\s+)?(\d{4})\s*-\s*(\d{4})", folded):
        first, last = _year(match.group(1), text), _year(match.group(2), text)
        if first > last:
            raise ValueError(_("“%(t)s”: giai đoạn bị ngược (năm đầu sau năm cuối).") % {"t": text})
        return Deadline("range", text, due=dt.date(last, 12, 31), start=dt.date(first, 1, 1))
    if folded in ("thuong xuyen", "hang nam, thuong xuyen", "lien tuc"):
        return Deadline("ongoing", text)
    return None


def parse_deadline(text: str) -> Deadline:
    """Read a deadline as written; ``ValueError`` with a Vietnamese message when it cannot."""
    text = " ".join((text or "").split())
    if not text:
        raise ValueError(_("Thiếu thời hạn hoàn thành."))
    folded = _fold(text).rstrip(".")
    for reader in (_quarter, _recurring, _simple):
        found = reader(folded, text)
        if found is not None:
            return found
    raise ValueError(_(
        "Không đọc được thời hạn “%(t)s”. Viết như: 30/6/2025, Trước 30/6/2025, Quý II/2025, "
        "Tháng 6/2025, 2025, 2026-2030, Hằng năm, trước 20/10 hoặc Thường xuyên.") % {"t": text})
