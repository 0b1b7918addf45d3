"""Is a sentence about targets (what the plan wants) or results (what happened)?  And what type of
target is a figure: a level at the end of the period, an average growth rate, a change per year,
a cumulative total?"""

from __future__ import annotations

import re

TARGET, RESULT = "target", "result"
LEVEL, AVERAGE_GROWTH = "level", "average_growth"
ANNUAL_CHANGE, CUMULATIVE = "annual_change", "cumulative"

_RESULT_CUES = re.compile(
    r"đã\s+(?:đạt|tăng|giảm|có|hoàn\s+thành|thu\s+hút|giải\s+quyết|tạo|thực\s+hiện|đón|xây\s+dựng)"
    r"|đạt\s+được|ước\s+(?:đạt|thực\s+hiện|tính|cả\s+năm)|thực\s+hiện\s+được"
    r"|so\s+với\s+(?:năm\s+trước|cùng\s+kỳ|kỳ\s+trước)|không\s+đạt|chưa\s+đạt"
    r"|vượt\s+(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu|dự\s+toán)"
    r"|%\s*(?:kế\s+hoạch|mục\s+tiêu|dự\s+toán|KH\b)|tăng\s+so\s+với|giảm\s+so\s+với"
    r"|hiện\s+(?:nay|có|còn)",
    re.IGNORECASE,
)
_TARGET_CUES = re.compile(
    r"phấn\s+đấu|mục\s+tiêu\s+(?:là|đến|đề\s+ra)|trở\s+lên|trở\s+xuống|tối\s+thiểu|ít\s+nhất"
    r"|tối\s+đa|không\s+quá|dự\s+kiến|định\s+hướng|(?:đến|tới|vào)\s+năm\s+20\d\d|\bsẽ\b"
    r"|cần\s+đạt|phải\s+đạt|kế\s+hoạch\s+(?:đề\s+ra|giao)\s+(?:là|đạt)",
    re.IGNORECASE,
)
BASIS_RE = re.compile(
    r"so\s+với\s+(?!năm\s+trước|cùng\s+kỳ|kỳ\s+trước)[^,;.]*"
    r"|(?<=lần)\s+(?:so\s+với\s+)?năm\s+(?:19|20)\d\d",
    re.IGNORECASE,
)
_RESULT_HEADING = re.compile(
    r"kết\s+quả|đánh\s+giá|tình\s+hình\s+thực\s+hiện|thực\s+trạng|đã\s+đạt", re.IGNORECASE
)
_TARGET_HEADING = re.compile(
    r"mục\s+tiêu|chỉ\s+tiêu|định\s+hướng|phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch|tầm\s+nhìn",
    re.IGNORECASE,
)
_CUMULATIVE = re.compile(
    r"vốn\s+đầu\s+tư|huy\s+động\s+vốn|lũy\s+kế|luỹ\s+kế|cộng\s+dồn|cả\s+giai\s+đoạn"
    r"|tổng\s+mức\s+đầu\s+tư|nhu\s+cầu\s+vốn|giải\s+ngân",
    re.IGNORECASE,
)
_CHANGE_END = re.compile(
    r"(?:^|\s)(?P<verb>tăng|giảm)(?:\s+(?:bình\s+quân|trung\s+bình|mỗi\s+năm|hàng\s+năm"
    r"|hằng\s+năm|thêm))*$",
    re.IGNORECASE,
)
_TRAILING_BASIS = re.compile(r"\s*\((?:so\s+với)[^()]*\)$", re.IGNORECASE)
_GROWTH = re.compile(r"tăng\s+trưởng|tốc\s+độ\s+tăng", re.IGNORECASE)
_YEARLY = re.compile(r"hàng\s+năm|hằng\s+năm|mỗi\s+năm|/\s*năm", re.IGNORECASE)
_RATE_NAME = re.compile(r"^(?:tỷ|tỉ)\s+lệ", re.IGNORECASE)


def sentence_cues(text: str) -> tuple[int, int]:
    """(result cues, target cues) found in a sentence, leaving out comparison bases
    (``tăng 8% so với ước thực hiện năm 2025`` says nothing about the sentence's own tense)."""
    text = BASIS_RE.sub(" ", text)
    return len(_RESULT_CUES.findall(text)), len(_TARGET_CUES.findall(text))


def heading_kind(headings: list[str]) -> str | None:
    """The kind the innermost telling heading gives its section."""
    for heading in reversed(headings):
        if _RESULT_HEADING.search(heading):
            return RESULT
        if _TARGET_HEADING.search(heading):
            return TARGET
    return None


def target_type(indicator: str, unit: str) -> str:
    """The target type of a figure from its indicator phrase (cleaned) and unit."""
    change = _CHANGE_END.search(_TRAILING_BASIS.sub("", indicator))
    if change:
        if change.group("verb").lower() == "giảm" or _RATE_NAME.match(indicator):
            return ANNUAL_CHANGE
        return AVERAGE_GROWTH
    if _CUMULATIVE.search(indicator):
        return CUMULATIVE
    if _GROWTH.search(indicator):
        return AVERAGE_GROWTH
    return LEVEL


def is_yearly(indicator: str, unit: str) -> bool:
    """``hàng năm``/``mỗi năm``/``%/năm``: a target for every year of the period."""
    return bool(_YEARLY.search(indicator) or _YEARLY.search(unit))
