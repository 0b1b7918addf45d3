"""Periods written in plan text and the period a target or result is for.

``giai đoạn 2021 - 2030``, ``thời kỳ 2021-2030``, ``5 năm 2021-2025``, ``từ năm 2021 đến năm 2025``
are ranges; ``năm 2025``, ``đến năm 2030``, ``vào năm 2030`` single years.  A year inside a date
(``ngày 07 tháng 5 năm 2019``) is not a period; a vision (``tầm nhìn đến năm 2050``) is one, but
never the plan's horizon.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_YEAR = r"(?:19|20)\d\d"
PERIOD_RE = re.compile(
    r"(?P<range>(?:(?:từ\s+)?năm\s+)?(?<!\d)(?P<y1>" + _YEAR + r")\s*"
    r"(?:[-–—]|đến(?:\s+(?:hết\s+)?năm)?)\s*"
    r"(?P<y2>" + _YEAR + r")(?!\d))"
    r"|(?P<single>(?:(?P<by>đến|tới|vào|đến\s+hết|trước|cuối)\s+)?năm\s+(?P<y>" + _YEAR
    + r")(?!\d))"
    r"|(?P<bare>(?:đến|tới)\s+(?P<yb>" + _YEAR + r")(?![\d/.,]))",
    re.IGNORECASE,
)
_YEAR_TOKEN = re.compile(r"(?<!\d)" + _YEAR + r"(?!\d)")
_DATE_BEFORE = re.compile(r"(?:tháng\s*\d{1,2}|ngày\s*\d{1,2})\s*(?:,\s*)?$", re.IGNORECASE)
_VISION_BEFORE = re.compile(r"tầm\s+nhìn(?:\s+\S+){0,2}\s*$", re.IGNORECASE)
_TITLE_SKIP = re.compile(
    r"^\s*(?:số\s*:|căn\s+cứ|kính\s+gửi|v/v|nơi\s+nhận|\(?\s*cập\s+nhật)|\d{1,2}/\d{1,2}/\d{4}"
    r"|ngày\s+\d{1,2}\s+tháng",
    re.IGNORECASE,
)
_TITLE_END = re.compile(r"^\s*(?:căn\s+cứ|[IVX]+\.\s|1\.\s)", re.IGNORECASE)


@dataclass(frozen=True)
class PeriodMention:
    """A period written in the text, with its character offsets."""

    start: int
    end: int
    first: int
    last: int
    by: bool = False  # "đến năm 2030": the end of a span that starts with the plan
    vision: bool = False  # "tầm nhìn đến năm 2050"

    @property
    def is_range(self) -> bool:
        return self.first != self.last


@dataclass(frozen=True)
class Horizon:
    """The plan's own period (``thời kỳ 2021 - 2030`` in the title -> 2021, 2030)."""

    first: int
    last: int


def find_periods(text: str, start: int = 0, end: int | None = None) -> list[PeriodMention]:
    """Every period mention in ``text[start:end]`` that is not part of a date."""
    stop = len(text) if end is None else end
    found: list[PeriodMention] = []
    done = start
    for year in _YEAR_TOKEN.finditer(text, start, stop):
        if year.start() < done:
            continue
        match = PERIOD_RE.search(text, max(done, year.start() - 18), min(stop, year.end() + 24))
        if match is None or match.end() <= year.start():
            continue
        done = match.end()
        mention = _mention(text, match)
        if mention is not None:
            found.append(mention)
    return found


def _mention(text: str, match: re.Match[str]) -> PeriodMention | None:
    before = text[max(0, match.start() - 30):match.start()]
    vision = _VISION_BEFORE.search(before) is not None
    if match.group("range"):
        first, last = int(match.group("y1")), int(match.group("y2"))
        if last <= first:
            return None
        return PeriodMention(match.start(), match.end(), first, last, False, vision)
    if _DATE_BEFORE.search(before):
        return None
    year = int(match.group("y") or match.group("yb"))
    by = bool(match.group("by") or match.group("bare"))
    return PeriodMention(match.start(), match.end(), year, year, by, vision)


def find_horizon(text: str) -> Horizon | None:
    """The plan horizon: the first range in the title area, else its first year, else the range
    the document names most often."""
    title = _title_area(text)
    mentions = [m for s, e in title for m in find_periods(text, s, e) if not m.vision]
    for mention in mentions:
        if mention.is_range:
            return Horizon(mention.first, mention.last)
    if mentions:  # "tình hình năm 2024, kế hoạch năm 2025": the plan is for the later year
        year = max(m.last for m in mentions)
        return Horizon(year, year)
    ranges = Counter(
        (m.first, m.last) for m in find_periods(text) if m.is_range and not m.vision
    )
    if ranges:
        (first, last), _ = ranges.most_common(1)[0]
        return Horizon(first, last)
    return None


def _title_area(text: str) -> list[tuple[int, int]]:
    """Spans of the lines before the legal bases or the first section (at most 1,500 chars)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text[:1500].split("\n"):
        start, pos = pos, pos + len(line) + 1
        if _TITLE_END.match(line):
            break
        if line.strip() and not _TITLE_SKIP.search(line):
            spans.append((start, start + len(line)))
    return spans


def render(mention: PeriodMention | Horizon, spread: bool, horizon: Horizon | None) -> str:
    """The period string of a target.

    ``spread`` is true for targets over the whole period (average growth, change per year,
    cumulative totals, ``hàng năm``): they get a range; level targets get the end year.
    """
    first, last = mention.first, mention.last
    if isinstance(mention, Horizon):
        return f"{first}-{last}" if spread and first < last else str(last)
    if mention.by and spread and horizon is not None and horizon.first < last:
        first = horizon.first
    return f"{first}-{last}" if first < last else str(last)


def render_result(mention: PeriodMention | Horizon) -> str:
    """A result's period as written: ``2020`` or ``2016-2020``."""
    if mention.first < mention.last:
        return f"{mention.first}-{mention.last}"
    return str(mention.last)
