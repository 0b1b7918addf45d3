"""Spans of text whose digits are never quantities: dates, document numbers, years, periods,
ordinals (``lần thứ 2``, ``Điều 5``, ``số 9``), heading numbers, clock times, phone numbers,
e-mail and web addresses, age groups inside an indicator's name, per-population denominators.

For speed the patterns are tried only where they can apply: patterns that start with a digit are
matched at each run of digits, patterns led by a word (``ngày``, ``Điều``, ``trên``) are looked
for in the few characters before it, and the rare ones (addresses, ages) only when their key
character or word occurs in the text at all.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.MULTILINE
_DIGIT_RUN = re.compile(r"\d+")

# Patterns that start at the digit run itself.
_AT_DIGIT = re.compile(
    "|".join(
        f"(?:{p})"
        for p in [
            r"\d{1,2}\s*[-/]\s*\d{1,2}\s*[-/]\s*\d{2,4}\b",  # dates
            r"(?:19|20)\d\d\s*(?:[-–—]|đến(?:\s+năm)?)\s*(?:19|20)\d\d\b",  # 2021 - 2030
            r"\d+(?:/\d{4})?/[^\W\d_][\w&]*(?:[-–/][\w&]+)*",  # 56/KH-UBND, 37/2019/NĐ-CP
            r"\d+-[^\W\d_]+/[\w&-]+",  # 04-CTr/TU
            r"\d{1,2}:\d{2}(?::\d{2})?\b",  # 10:01:12
            r"\d{1,2}\s*(?:giờ|h)\s*\d{1,2}\b",  # 8 giờ 30
            r"0\d{9,10}\b|\d{7,}\b",  # phone numbers, long digit runs
            r"\d\.0\b",  # 4.0
        ]
    ),
    _FLAGS,
)
_DENOMINATOR_FORM = re.compile(
    r"(?:1|01|10|100|1\.000|10\.000|100\.000)\s+(?:(?:vạn|nghìn|ngàn)\s+)?"
    r"(?:dân|người|trẻ|phụ\s+nữ|lao\s+động|hộ)\b",
    _FLAGS,
)
_DENOM_BEFORE = re.compile(r"(?:\btrên|\bmỗi|/)\s*$", _FLAGS)
_PER_ONE = re.compile(
    r"(?:1|01)\s+(?:ha|héc-?ta|hecta|km2|km²|người|lao\s+động|hộ|dân|đơn\s+vị|tấn)\b", _FLAGS
)
# Words that make the number after them an identifier, an ordinal or a date part.
_WORD_BEFORE = re.compile(
    r"\b(?:lần|thứ|khóa|khoá|kỳ|số|điều|khoản|mục|phần|chương|tầng|phòng|phụ\s+lục|tuyến"
    r"|quốc\s+lộ|tỉnh\s+lộ|đường|QL|ĐT|ĐH|mức\s+độ|cấp\s+độ|hạng|loại|nhóm|đợt|lớp|tổ"
    r"|khu\s+phố|tiểu\s+khu|lô|thửa|tờ|bước|tiêu\s+chí|chỉ\s+thị|nghị\s+quyết|quyết\s+định"
    r"|công\s+văn|kế\s+hoạch|thông\s+tư|nghị\s+định|luật|chương\s+trình|đề\s+án|kỳ\s+họp|phiên"
    r"|giấy\s+phép|hộp\s+thư|km|covid|hình|bảng|biểu|ISO|TCVN|QCVN)"
    r"\s*(?:số\s+)?$",
    _FLAGS,
)
_DAY_MONTH_BEFORE = re.compile(r"\b(?:ngày|hôm|tháng|quý)\s*$", _FLAGS)
_YEAR_BEFORE = re.compile(r"\bnăm\s*$", _FLAGS)
_HEADING = re.compile(
    r"^[ \t]*(?:\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+)(?=\s)", _FLAGS
)
_PHONE_PAREN = re.compile(r"\(\s*\d{2,5}\s*\)\s*[\d .]{5,}\d")
_RARE = [
    ("@", re.compile(r"\S+@\S+")),
    ("http", re.compile(r"\bhttps?://\S+", _FLAGS)),
    ("www.", re.compile(r"\bwww\.\S+", _FLAGS)),
    ("tuổi", re.compile(
        r"\b(?:trẻ(?:\s+em)?|em|người|lao\s+động|phụ\s+nữ|học\s+sinh|dân\s+số|nam|nữ|độ\s+tuổi)"
        r"\s+(?:từ\s+|dưới\s+|trên\s+|đủ\s+)?\d+(?:\s*(?:[-–]|đến)\s*\d+)?\s+(?:tháng\s+)?tuổi"
        r"(?:\s+trở\s+(?:lên|xuống))?",
        _FLAGS,
    )),
]
_PHONE_WORD = re.compile(
    r"\b(?:điện\s+thoại|fax|hotline|ĐT|tel)\s*:?\s*[\d .()+-]{6,}", _FLAGS
)


def build_mask(text: str) -> bytearray:
    """One byte per character of ``text``: 1 where a digit cannot start a quantity."""
    mask = bytearray(len(text))
    lowered = text.lower()
    for needle, regex in _RARE:
        if needle in lowered:
            _mark_all(mask, regex, text)
    _mark_all(mask, _HEADING, text)
    _mark_all(mask, _PHONE_PAREN, text)
    if "thoại" in lowered or "fax" in lowered or "tel" in lowered or "đt" in lowered:
        _mark_all(mask, _PHONE_WORD, text)
    for run in _DIGIT_RUN.finditer(text):
        if not mask[run.start()]:
            _mark_run(mask, text, run)
    return mask


def _mark_all(mask: bytearray, regex: re.Pattern[str], text: str) -> None:
    for match in regex.finditer(text):
        _mark(mask, match.start(), match.end())


def _mark(mask: bytearray, start: int, end: int) -> None:
    mask[start:end] = b"\x01" * (end - start)


def _mark_run(mask: bytearray, text: str, run: re.Match[str]) -> None:
    start = run.start()
    window = max(0, start - 18)
    digits = run.end() - start
    if (
        _WORD_BEFORE.search(text, window, start)
        or digits <= 2 and _DAY_MONTH_BEFORE.search(text, window, start)
        or digits == 4 and _YEAR_BEFORE.search(text, window, start)
    ):
        _mark(mask, start, run.end())
        return
    if _DENOMINATOR_FORM.match(text, start) and _DENOM_BEFORE.search(text, window, start):
        _mark(mask, start, run.end())
        return
    if _PER_ONE.match(text, start) and text[window:start].rstrip().lower().endswith("trên"):
        _mark(mask, start, run.end())
        return
    match = _AT_DIGIT.match(text, start)
    if match and (start == 0 or not text[start - 1].isalnum()):
        _mark(mask, start, match.end())
