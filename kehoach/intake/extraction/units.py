"""Units written after a number: measures (%, money, physical units), count nouns, rates per
population (``bác sĩ/1 vạn dân``, ``giường bệnh trên 1 vạn dân``).

Three kinds of unit, in decreasing strength as evidence that a number is a target:

* ``measure``: a percentage, money, a physical or visitor unit.  Enough on its own.
* ``count``: a known count noun (``xã``, ``giường``, ``chỉ tiêu``).  Needs a verb or qualifier.
* ``free``: a few words that are not a known unit.  Only after an explicit qualifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MULTIPLIER_WORDS = frozenset({"nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn", "trăm"})
_MULT = r"(?:(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn|trăm)\s+)*"

_MONEY = r"(?:đồng|USD|VNĐ|VND|đô\s+la(?:\s+Mỹ)?|euro|EUR)"
_PHYSICAL = (
    r"(?:km2|km²|km|m2|m²|m3|m³|ha|héc-?ta|hecta|tấn|tạ|kg|MW|kW|kWh|GWh|MWh|Mbps|Gbps|lít"
    r"|lượt\s+người|lượt\s+khách|lượt\s+hành\s+khách|lượt|khách|TEU|cây)"
)
_COUNT = (
    r"(?:đơn\s+vị(?:\s+hành\s+chính)?(?:\s+cấp\s+(?:tỉnh|huyện|xã))?|xã|phường|thị\s+trấn"
    r"|huyện|thôn|bản|làng|khu\s+dân\s+cư|tổ\s+dân\s+phố|trường(?:\s+học)?|giường(?:\s+bệnh)?"
    r"|bác\s+sĩ|dược\s+sĩ|điều\s+dưỡng|chỉ\s+tiêu|doanh\s+nghiệp|hợp\s+tác\s+xã|dự\s+án"
    r"|khu\s+công\s+nghiệp|cụm\s+công\s+nghiệp|sản\s+phẩm(?:\s+OCOP)?|hộ(?:\s+gia\s+đình)?"
    r"|lao\s+động|người|học\s+sinh|sinh\s+viên|cơ\s+sở|làng\s+nghề|chợ|công\s+trình|căn(?:\s+hộ)?"
    r"|nhà\s+ở|di\s+tích|thủ\s+tục|trạm|đô\s+thị|lần|tuổi|việc\s+làm|mô\s+hình"
    r"|điểm(?=\s*(?:[;,.)]|$|trở|và)))"
)
# A denominator: ``/1 vạn dân``, ``/người/năm``, `` trên 1 vạn dân``, ``/1.000 trẻ đẻ sống``.
_DENOM_WORD = (
    r"(?:trẻ\s+đẻ\s+sống|trẻ\s+sinh\s+sống|dân(?:\s+số)?|người|năm|tháng|ha|hộ|km2|km²|km"
    r"|lao\s+động|học\s+sinh|ngày|[^\W\d_]+)"
)
_PER = (
    r"(?:\s*/\s*(?:\d[\d.]*\s*)?" + _MULT + _DENOM_WORD + r")"
    r"|(?:\s+(?:trên|mỗi)\s+(?:1|01|10|100|1\.000|10\.000|100\.000)\s+" + _MULT
    + r"(?:dân|người|trẻ(?:\s+em)?|trẻ\s+đẻ\s+sống))"
)

MEASURE_RE = re.compile(
    r"\s*(?P<unit>(?:%|‰)(?:" + _PER + r")*"
    r"|" + _MULT + r"(?:" + _MONEY + r"|" + _PHYSICAL + r")(?![\w])(?:" + _PER + r")*)",
    re.IGNORECASE,
)
COUNT_RE = re.compile(r"\s+(?P<unit>" + _MULT + _COUNT + r"(?![\w])(?:" + _PER + r")*)")
MULTIPLIER_RE = re.compile(r"\s+(?P<unit>(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn)(?![\w]))")

# Units that make a number anything but a plan target: durations, ages in a name, clock time.
REJECT_RE = re.compile(
    r"\s*(?:năm|tháng|tuần|ngày|giờ|phút|giây|h\b|tiết|kỳ|khóa|khoá|nhiệm\s+kỳ|điểm\s+cầu"
    r"|bản\s+đồ|tầng|trang|phụ\s+lục|mẫu|biểu)(?![\w])",
    re.IGNORECASE,
)

_STOP = {
    "đạt", "và", "được", "có", "là", "trở", "trong", "so", "của", "trên", "dưới", "tại", "theo",
    "với", "để", "cho", "từ", "đến", "tới", "không", "đã", "sẽ", "mỗi", "hàng", "hằng", "năm",
    "vào", "thì", "nhằm", "gồm", "bao", "hoặc", "như", "khi", "đều", "phải", "cần", "về",
}
_WORD_RE = re.compile(r"\s+([^\W\d_]+)")


@dataclass(frozen=True)
class UnitMatch:
    """A unit found right after a number: its text, strength and end offset."""

    text: str
    strength: str  # "measure", "count", "free" or "none"
    end: int


_READERS = ((MEASURE_RE, "measure"), (COUNT_RE, "count"), (MULTIPLIER_RE, "measure"))


def read_unit(text: str, pos: int, endpos: int | None = None) -> UnitMatch:
    """The unit written at ``pos`` (just after a number) in ``text``, not past ``endpos``."""
    stop = len(text) if endpos is None else endpos
    for regex, strength in _READERS:
        match = regex.match(text, pos, stop)
        if match:
            return UnitMatch(_tidy(match.group("unit")), strength, match.end())
    return _free_unit(text, pos, stop)


def _free_unit(text: str, pos: int, stop: int) -> UnitMatch:
    """Up to three lower-case words that are not function words: ``5 nhà máy``."""
    words: list[str] = []
    end = pos
    while len(words) < 3:
        match = _WORD_RE.match(text, end, stop)
        if not match or match.group(1).lower() in _STOP or not match.group(1).islower():
            break
        words.append(match.group(1))
        end = match.end()
    if not words:
        return UnitMatch("", "none", pos)
    return UnitMatch(" ".join(words), "free", end)


def is_rejected_unit(text: str, pos: int) -> bool:
    """True when the number at ``pos`` is a duration, a map count, a floor number …"""
    return REJECT_RE.match(text, pos) is not None


def _tidy(unit: str) -> str:
    return re.sub(r"\s+", " ", unit.strip())
