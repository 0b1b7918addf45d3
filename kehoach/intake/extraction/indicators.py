"""The indicator phrase of a figure: the words before it (``Tỷ lệ lao động qua đào tạo đạt 55%``)
or, when those say nothing (``Toàn tỉnh có trên 80% trường đạt chuẩn``), the words after it.

Cleaning removes section labels (``Về xã hội:``), connectors (``Bên cạnh đó,``), leading verbs
(``Phấn đấu``, ``Duy trì``, ``Huy động``), written periods and the verb right before the figure
(``đạt``, ``là``).  Change verbs (``tăng``, ``giảm bình quân``) and ``chiếm`` stay: they belong to
what is measured.
"""

from __future__ import annotations

import re

_YEAR = r"(?:19|20)\d\d"
_PERIOD_PHRASE = re.compile(
    r"\s*(?:(?:trong|của|cho|vào|tới|đến|đến\s+hết|trước|cuối)\s+)?(?:cả\s+)?"
    r"(?:(?:giai\s+đoạn|thời\s+kỳ|kế\s+hoạch|nhiệm\s+kỳ|\d+\s+năm)\s+)?(?:từ\s+)?(?:năm\s+)?"
    + _YEAR + r"\s*(?:[-–—]|đến(?:\s+năm)?)\s*" + _YEAR
    + r"|\s*(?:(?:đến|tới|vào|trong|đến\s+hết|cuối|của)\s+)?năm\s+" + _YEAR
    + r"|\s*(?:đến|tới)\s+" + _YEAR + r"(?!\d)"
    r"|\s+(?:trong\s+)?\d{1,2}\s+năm(?:\s+tới)?(?![\w])",
    re.IGNORECASE,
)
# "Nâng tỷ lệ … từ 25% năm 2025 lên": the starting figure is not part of the name.
_BASELINE_TAIL = re.compile(
    r"\s+từ\s+(?:mức\s+)?\d[^;]*?\s(?:lên|xuống)(?:\s+(?:còn|đến|tới|mức))?$", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")
# "…, trong đó 35% …", "…; riêng công nghiệp …": what follows is a sub-item of its own.
_SUB_ITEM = re.compile(r"[,;]\s*(trong\s+đó|riêng|đồng\s+thời|cụ\s+thể)\s*:?\s*", re.IGNORECASE)
_LIST_MARK = re.compile(r"^\(\s*(?:\d{1,2}|[ivxlc]{1,4}|[a-zđ])\s*\)\s*|^(?:\d{1,2}|[a-zđ])\)\s+")
_BULLET = re.compile(r"^[\s\-–—+•*.,;:)\]]+")
_LABEL = re.compile(
    r"^(?:về\s+[^:;]{1,60}|trong\s+đó(?:\s+có)?|cụ\s+thể|bao\s+gồm|gồm|riêng|tầm\s+nhìn)\s*:\s*",
    re.IGNORECASE,
)
_CONNECTOR = re.compile(
    r"^(?:bên\s+cạnh\s+đó|ngoài\s+ra|đồng\s+thời|theo\s+đó|trong\s+đó|cụ\s+thể|tuy\s+nhiên"
    r"|mặt\s+khác|riêng|nhìn\s+chung|tính\s+chung|như\s+vậy|và|hoặc|với|còn)(?![\w])\s*,?\s*",
    re.IGNORECASE,
)
_ADVERBIAL = re.compile(
    r"^(?:theo|với|để|nhằm|trên\s+cơ\s+sở|căn\s+cứ|nhờ|do|tuy|mặc\s+dù)\s[^,]*,\s+",
    re.IGNORECASE,
)
_LEAD_VERB = re.compile(
    r"^(?:phấn\s+đấu|duy\s+trì|huy\s+động|đảm\s+bảo|bảo\s+đảm|giữ\s+vững|giữ|thực\s+hiện|đạt|thêm"
    r"|(?:toàn|cả)\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|xã)(?:\s+(?:có|còn))?|có|còn"
    r"|hiện\s+(?:nay|tại|có|còn)|hiện"
    r"|(?:nâng|giảm|tăng|đưa|hạ)(?=\s+(?:tỷ|tỉ|số|tổng|mức|chỉ\s+số)))(?![\w])\s*,?\s*",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"(?:^|\s+|(?<=[,:\-–]))(?:đạt\s+mức|ở\s+mức|đạt|là|duy\s+trì(?:\s+ổn\s+định)?|ổn\s+định"
    r"|giữ\s+ở\s+mức|giữ|còn|có"
    r"|bằng|phấn\s+đấu|mức|con\s+số|vào|ước|cho|thêm|được)$|\s*[,:\-–]$",
    re.IGNORECASE,
)
# "giảm xuống còn 5%", "tăng lên 50%": the figure is the level reached, not a change.
LEVEL_CHANGE = re.compile(
    r"(?:\s+(?:tăng|giảm|nâng|hạ))?\s+(?:lên|xuống)(?:\s+(?:còn|đến|tới|mức))?$"
    r"|(?:\s+(?:tăng|giảm))?\s+(?:chỉ\s+)?còn$",
    re.IGNORECASE,
)
_HEAD = re.compile(
    r"^(?:tỷ\s+lệ|tỉ\s+lệ|tốc\s+độ|số|tổng|chỉ\s+số|hệ\s+số|năng\s+suất|thu(?!\s+(?:hút|gom|hồi))"
    r"|chi|giá\s+trị"
    r"|kim\s+ngạch|sản\s+lượng|diện\s+tích|mật\s+độ|cơ\s+cấu|ngành|khu\s+vực|thu\s+nhập"
    r"|tuổi\s+thọ|mức|lượng|quy\s+mô|dân\s+số|độ\s+che\s+phủ|vốn|doanh\s+thu|(?-i:[A-ZĐ]{2,}))"
    r"(?![\w])",
    re.IGNORECASE,
)
_GENERIC = {
    "", "tỉnh", "toàn tỉnh", "cả tỉnh", "huyện", "toàn huyện", "thành phố", "địa phương",
    "cả nước", "toàn quốc", "trong đó", "và", "hoặc", "phấn đấu",
}
LABEL_WORDS = 5
HEAD_ONLY = {"tỷ lệ", "tỉ lệ", "số", "số lượng", "tổng số", "chỉ số", "mức", "tổng"}
_POST_CUT = re.compile(
    r"[;:().]|,\s+(?:trong\s+đó|đồng\s+thời|phấn\s+đấu|góp\s+phần|nhằm|để|tạo)\b", re.IGNORECASE
)
_CHANGE_ONLY = re.compile(r"^(?:tăng|giảm)(?:\s+(?:bình\s+quân|trung\s+bình))?$", re.IGNORECASE)
_CHANGE_TAIL = re.compile(
    r"\s+(?:tăng|giảm)(?:\s+(?:bình\s+quân|trung\s+bình))?(?:\s*\([^()]*\))?$", re.IGNORECASE
)
_FREQUENCY_ONLY = re.compile(
    r"^(?:(?:mỗi|hàng|hằng)\s+năm|bình\s+quân|trung\s+bình|tăng|giảm|thêm|\s)+$", re.IGNORECASE
)
_COMPARISON = re.compile(r"^(?:so\s+với|kế\s+hoạch|mục\s+tiêu|dự\s+toán|cùng\s+kỳ)", re.IGNORECASE)
_VERBISH = re.compile(r"^(?:được|có|đạt|đã|sử\s+dụng|tham\s+gia|hoàn\s+thành)(?![\w])", re.I)
_SUBJECT_END = re.compile(r"\s(?:được|có|đạt|tham\s+gia|sử\s+dụng|đã)(?![\w])", re.IGNORECASE)
_SUBJECT_HEAD = re.compile(r"^(?:tỷ\s+lệ|tỉ\s+lệ|số|tổng\s+số)\s+", re.IGNORECASE)


def _squash(text: str) -> str:
    return " ".join(text.split())


def remove_periods(text: str) -> str:
    if not _DIGIT.search(text):
        return _squash(text)
    return _squash(_PERIOD_PHRASE.sub(" ", text))


def _strip_lead(regex: re.Pattern[str], text: str) -> str:
    """Remove matches of a ``^``-anchored ``regex`` until none is left."""
    text = text.strip()
    while (match := regex.match(text)) and match.end():
        text = text[match.end():].strip()
    return text


def _strip_tail(regex: re.Pattern[str], text: str, window: int = 30, repeat: bool = True) -> str:
    """Remove matches of a ``$``-anchored ``regex`` (looked for in the last ``window``
    characters) until none is left."""
    text = text.strip()
    while (match := regex.search(text, max(0, len(text) - window))) and match.start() < len(text):
        text = text[: match.start()].strip()
        if not repeat:
            break
    return text


def clean_pre(raw: str, previous: str | None = None) -> str:
    """The indicator phrase written before a figure, cleaned.

    ``previous`` is the indicator of the figure before it in the sentence: a sub-item
    (``…, trong đó có bằng cấp đạt 35%``) takes its subject from it.
    """
    text = _after_open_paren(raw)
    text = remove_periods(text)
    _, sub, tail = _SUB_ITEM.split(text)[-3:] if _SUB_ITEM.search(text) else ("", "", text)
    text = _LIST_MARK.sub("", _BULLET.sub("", tail, count=1), count=1)
    if sub and previous and _VERBISH.match(text):
        return _squash(f"{subject_of(previous)} {_strip_tail(_TRAIL, text)}")
    text = _strip_lead(_CONNECTOR, _strip_lead(_LABEL, text))
    text = _trim_segments(_after_long_lead(_after_fresh_clause(text)))
    text = _ADVERBIAL.sub("", text, count=1)
    text = _strip_lead(_LEAD_VERB, _strip_lead(_CONNECTOR, _BULLET.sub("", text, count=1)))
    text = _strip_tail(_BASELINE_TAIL, text, window=80, repeat=False)
    text = _strip_tail(LEVEL_CHANGE, text, repeat=False)
    return _squash(_strip_tail(_TRAIL, text))


def _after_open_paren(text: str) -> str:
    if "(" not in text:
        return text
    depth_pos = -1
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
            depth_pos = index if depth == 1 else depth_pos
        elif char == ")" and depth:
            depth -= 1
    return text[depth_pos + 1:] if depth else text


def _after_fresh_clause(text: str) -> str:
    """``… doanh nghiệp mới, có`` -> ``có``: after the last comma a new clause starts whose
    subject is the figure itself."""
    head, comma, tail = text.rpartition(", ")
    if comma and is_generic(_strip_tail(_TRAIL, _strip_lead(_LEAD_VERB, tail))):
        return tail
    return text


def _after_long_lead(text: str) -> str:
    """``tỉnh đã đạt được nhiều kết quả: GRDP tăng`` -> ``GRDP tăng``; a short label such as
    ``Cơ cấu kinh tế: Ngành dịch vụ chiếm`` stays."""
    head, colon, tail = text.rpartition(": ")
    if colon and len(head.split()) > LABEL_WORDS and tail.strip():
        return tail
    return text


def _trim_segments(text: str) -> str:
    """Keep the comma-separated tail that names the indicator.

    ``…, quốc phòng được giữ vững, GRDP tăng`` -> ``GRDP tăng``; ``nông, lâm nghiệp và thủy sản
    tăng`` stays whole (a short enumeration); ``Tỷ lệ chất thải … thu gom, xử lý`` stays whole
    (the earlier segment starts with an indicator head).
    """
    parts = text.split(", ")
    if len(parts) == 1:
        return text
    for index in range(len(parts) - 1, max(-1, len(parts) - 5), -1):
        if _HEAD.match(parts[index]):
            return ", ".join(parts[index:])
    index = len(parts) - 1
    while index > 0 and len(parts[index - 1].split()) <= 2:
        index -= 1
    return ", ".join(parts[index:])


def clean_post(raw: str) -> str:
    """The words right after a figure (``trường đạt chuẩn quốc gia``), or "" when the figure is
    followed by punctuation."""
    if not raw[:1].isspace() or not raw.strip()[:1].isalpha():
        return ""
    cut = _POST_CUT.search(raw)
    text = raw[: cut.start()] if cut else raw
    if not _COMPARISON.match(text.strip()):
        text = remove_periods(text)  # but "so với năm 2020" keeps its year
    words = text.split()[:20]
    return _strip_tail(_TRAIL, " ".join(words))


def is_generic(pre: str) -> bool:
    return pre.lower() in _GENERIC


def compose(pre: str, post: str, noun: str, previous: str | None) -> str:
    """The indicator phrase from the cleaned words before and after the figure.

    ``noun`` is the count noun of the unit (``xã``, ``bác sĩ/1 vạn dân``), "" for a measure.
    ``previous`` is the indicator of the figure before it in the same sentence.
    """
    if is_generic(pre):
        return _from_after(post, noun, previous)
    if previous and _CHANGE_ONLY.match(pre):  # "…, tăng 8% so với …"
        pre = f"{previous} {pre}"
    if pre.lower() in HEAD_ONLY:
        return _squash(f"{pre} {noun or post}")
    if post and _COMPARISON.match(post):
        return f"{pre} ({post})"
    if noun and _FREQUENCY_ONLY.match(pre):  # "Mỗi năm tăng thêm 200 doanh nghiệp mới"
        return _squash(f"{noun} {post} ({pre})")
    if (noun or post) and len(pre.split()) <= 2 and not _HEAD.match(pre):
        return _squash(f"{pre} {noun} {post}")  # "Đón" + "lượt khách" + "du lịch"
    return pre


def _from_after(post: str, noun: str, previous: str | None) -> str:
    """The indicator when the words before the figure say nothing: the words after it."""
    if previous and post and not noun:
        if _VERBISH.match(post):  # "…, trong đó 80% được sử dụng nước sạch"
            return _squash(f"{subject_of(previous)} {post}")
        if _COMPARISON.match(post):  # "…, bằng 105% dự toán"
            basis = post if post.lower().startswith("so với") else f"so với {post}"
            return f"{previous} ({basis})"
    if previous and not post and not noun:  # "Tỷ lệ hộ nghèo giảm 3,8%, còn 15,2%"
        return _CHANGE_TAIL.sub("", previous)
    return _squash(f"{noun} {post}")


def subject_of(indicator: str) -> str:
    """``Tỷ lệ hộ dân nông thôn được sử dụng nước …`` -> ``hộ dân nông thôn``."""
    text = _SUBJECT_HEAD.sub("", indicator)
    cut = _SUBJECT_END.search(text)
    return text[: cut.start()] if cut else text
