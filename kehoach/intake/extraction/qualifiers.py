"""Qualifiers around a number and the comparator they mean.

Before the number: ``trên``/``hơn``/``vượt`` (above), ``dưới`` (below), ``khoảng``/``xấp xỉ``
(about), ``tối thiểu``/``ít nhất``/``không dưới``/``từ`` (at least), ``tối đa``/``không quá``
(at most), ``khoảng trên`` (above).  After it: ``trở lên`` (at least), ``trở xuống`` (at most).
Two numbers joined by ``-``/``đến`` make a range (between).  No qualifier means exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABOVE, BELOW, ABOUT = "above", "below", "about"
EXACTLY, AT_LEAST, AT_MOST, BETWEEN = "exactly", "at_least", "at_most", "between"

# Longest phrases first: the regex engine tries the alternatives in this order.
_PRE = [
    ("khoảng trên", ABOVE), ("khoảng hơn", ABOVE), ("khoảng dưới", BELOW),
    ("trên dưới", ABOUT), ("không dưới", AT_LEAST), ("không thấp hơn", AT_LEAST),
    ("không ít hơn", AT_LEAST), ("không vượt quá", AT_MOST), ("không quá", AT_MOST),
    ("không cao hơn", AT_MOST), ("không lớn hơn", AT_MOST), ("không nhiều hơn", AT_MOST),
    ("không vượt", AT_MOST), ("tối thiểu là", AT_LEAST), ("tối thiểu", AT_LEAST),
    ("ít nhất là", AT_LEAST), ("ít nhất", AT_LEAST), ("tối đa là", AT_MOST), ("tối đa", AT_MOST),
    ("nhiều nhất", AT_MOST), ("vượt trên", ABOVE), ("vượt mức", ABOVE), ("cao hơn", ABOVE),
    ("lớn hơn", ABOVE), ("nhiều hơn", ABOVE), ("thấp hơn", BELOW), ("nhỏ hơn", BELOW),
    ("ít hơn", BELOW), ("chưa đến", BELOW), ("chưa tới", BELOW), ("xấp xỉ", ABOUT),
    ("ước khoảng", ABOUT), ("vào khoảng", ABOUT), ("khoảng từ", AT_LEAST), ("khoảng", ABOUT),
    ("gần", ABOUT), ("chừng", ABOUT), ("trên", ABOVE), ("hơn", ABOVE), ("vượt", ABOVE),
    ("dưới", BELOW), ("từ", AT_LEAST),
]
_PRE_MAP = dict(_PRE)
PRE_QUAL_RE = re.compile(
    r"(?:^|(?<=[\s(:;,]))(?P<q>"
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _ in _PRE)
    + r")\s+(?:(?:ở\s+)?mức\s+|con\s+số\s+)?$",
    re.IGNORECASE,
)
POST_QUAL_RE = re.compile(r"\s*(?P<q>trở\s+lên|trở\s+xuống)(?![\w])", re.IGNORECASE)
RANGE_RE = re.compile(
    r"(?P<u>\s*%)?\s*(?:-|–|—|đến|tới|÷|~)\s*(?:mức\s+)?"
    r"(?<![\w/])(?P<num2>\d+(?:[.,]\d+)*)(?![.,]?\d)(?!/)",
    re.IGNORECASE,
)
# A verb or a word that introduces a figure: "đạt 55%", "là 10%", "còn 10 chỉ tiêu".
VERB_RE = re.compile(
    r"(?:^|(?<=[\s(:;,]))(?:đạt|là|còn|có|chiếm|tăng|giảm|duy\s+trì|giữ|lên|xuống|bằng|gấp"
    r"|phấn\s+đấu|thêm|mới|bình\s+quân|trung\s+bình|mỗi\s+năm|hàng\s+năm|hằng\s+năm"
    r"|khoảng|tổng\s+cộng|hoàn\s+thành|thu\s+hút|đón|tạo|giải\s+quyết|trồng|xây\s+dựng)"
    r"(?:\s+(?:ở\s+)?mức)?\s*$",
    re.IGNORECASE,
)
# "từ 30% năm 2020 lên 40%": the first figure is the starting point, not a target.
BASELINE_AFTER_RE = re.compile(
    r"^[^;:.]{0,40}?\s(?:lên|xuống|còn|xuống\s+còn|lên\s+đến)\s+(?:mức\s+)?\d", re.IGNORECASE
)


@dataclass(frozen=True)
class PreQualifier:
    comparator: str
    start: int  # offset of the qualifier's first character


def pre_qualifier(text: str, num_start: int, floor: int) -> PreQualifier | None:
    """The qualifier written just before the number at ``num_start`` (not before ``floor``)."""
    window_start = max(floor, num_start - 26)
    match = PRE_QUAL_RE.search(text, window_start, num_start)
    if not match:
        return None
    phrase = re.sub(r"\s+", " ", match.group("q").lower())
    return PreQualifier(_PRE_MAP[phrase], match.start("q"))


def post_qualifier(text: str, pos: int) -> tuple[str, int] | None:
    """``trở lên``/``trở xuống`` written at ``pos``: (comparator, end offset)."""
    match = POST_QUAL_RE.match(text, pos)
    if not match:
        return None
    word = match.group("q").lower()
    return (AT_LEAST if word.endswith("lên") else AT_MOST), match.end()


def has_verb_before(text: str, pos: int, floor: int) -> bool:
    """A verb such as ``đạt``/``là``/``còn`` right before ``pos``."""
    return VERB_RE.search(text, max(floor, pos - 22), pos) is not None


def is_baseline(text: str, pos: int, end: int) -> bool:
    """The figure ending at ``pos`` is a starting point: ``từ 30% (năm 2020) lên 40%``."""
    return BASELINE_AFTER_RE.match(text[pos:end]) is not None


def combine(pre: str | None, post: str | None, is_range: bool) -> str:
    """The comparator of a value phrase from its parts."""
    if is_range:
        return BETWEEN
    if post is not None:
        return post
    return pre or EXACTLY
