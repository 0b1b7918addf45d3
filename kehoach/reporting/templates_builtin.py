"""The built-in forms of a planning round (Phụ lục I, II, III of the Công văn).

Rows are written as (level, indicator code or heading text): level 0 is a group numbered I, II …;
level 1 is numbered 1, 2 … inside its group; level 2 is numbered 1.1, 1.2 … Numbers are given when
the template is installed, after rows whose indicator does not exist have been skipped, so the
numbering has no gaps. Columns use the patterns of ``models.TemplateColumn``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

# The economic structure: these shares add up to 100 (± SHARE_TOLERANCE).
SHARE_CODES = ("SHARE_AGRI", "SHARE_INDUSTRY_CONSTR", "SHARE_SERVICES", "SHARE_TAX")
SHARE_TOLERANCE = Decimal("0.5")
# GRDP growth against the levels at constant prices it comes from (percentage points).
GROWTH_CHECKS = {"GRDP_GROWTH": "GRDP_CONST"}
GROWTH_TOLERANCE = Decimal("0.5")
# A change larger than this (in %) against last year or the plan needs a note (giải trình).
JUMP_THRESHOLD = Decimal("30")

H = "heading"

# A ratio column on a row whose indicator is itself a percentage (a rate, a growth rate, a share)
# never divides a percentage by a percentage: it shows the difference, in percentage points
# (ƯTH 2025 of the poverty rate 2,1% against KH 2,5% → -0,4), as the planning reports write
# "giảm 0,4 điểm %". The last item of a column is that formula (``rate_formula``).
RATE_NOTE = ("Cột so sánh (%): với chỉ tiêu tỷ lệ, tốc độ tăng, tỷ trọng (tính bằng %) ghi mức "
             "chênh lệch (điểm %), không chia tỷ lệ cho tỷ lệ.")

ANNUAL_COLUMNS = [
    # key, label pattern, source, value kind, period pattern, formula, unit label, rate formula
    ("TH_PREV", "TH {Y-1}", "from_database", "actual", "{Y-1}", "", "", ""),
    ("KH_Y", "KH {Y}", "from_database", "plan", "{Y}", "", "", ""),
    ("UTH_Y", "ƯTH {Y}", "entered", "estimate", "{Y}", "", "", ""),
    ("KH_NEXT", "KH {Y+1}", "entered", "plan", "{Y+1}", "", "", ""),
    ("UTH_KH", "ƯTH {Y}/KH {Y} (%)", "computed", "", "", "UTH_Y / KH_Y * 100", "%",
     "UTH_Y - KH_Y"),
    ("UTH_TH", "ƯTH {Y}/TH {Y-1} (%)", "computed", "", "", "UTH_Y / TH_PREV * 100", "%",
     "UTH_Y - TH_PREV"),
]

# The mid-year review (báo cáo 6 tháng đầu năm, ước cả năm, dự kiến kế hoạch năm sau): the
# first half's result is stored as the period ``{Y}-H1``.
MID_YEAR_COLUMNS = [
    ("TH_PREV", "TH {Y-1}", "from_database", "actual", "{Y-1}", "", "", ""),
    ("KH_Y", "KH {Y}", "from_database", "plan", "{Y}", "", "", ""),
    ("TH_H1", "TH 6 tháng {Y}", "entered", "actual", "{Y}-H1", "", "", ""),
    ("UTH_Y", "ƯTH {Y}", "entered", "estimate", "{Y}", "", "", ""),
    ("KH_NEXT", "KH {Y+1}", "entered", "plan", "{Y+1}", "", "", ""),
    ("UTH_KH", "ƯTH {Y}/KH {Y} (%)", "computed", "", "", "UTH_Y / KH_Y * 100", "%",
     "UTH_Y - KH_Y"),
    ("UTH_TH", "ƯTH {Y}/TH {Y-1} (%)", "computed", "", "", "UTH_Y / TH_PREV * 100", "%",
     "UTH_Y - TH_PREV"),
]

FIVE_YEAR_COLUMNS = [
    ("TH_S5", "TH {S-5}", "from_database", "actual", "{S-5}", "", "", ""),
    ("TH_S4", "TH {S-4}", "from_database", "actual", "{S-4}", "", "", ""),
    ("TH_S3", "TH {S-3}", "from_database", "actual", "{S-3}", "", "", ""),
    ("TH_S2", "TH {S-2}", "from_database", "actual", "{S-2}", "", "", ""),
    ("UTH_S1", "ƯTH {S-1}", "entered", "estimate", "{S-1}", "", "", ""),
    ("KH_PERIOD", "KH {S}-{E}", "entered", "plan", "{S}-{E}", "", "", ""),
]

PROVINCE_ROWS = [
    (0, "Chỉ tiêu kinh tế"),
    (1, "GRDP_GROWTH"),
    (1, "GRDP_CUR"),
    (1, "GRDP_CONST"),
    (1, "Cơ cấu kinh tế"),
    (2, "SHARE_AGRI"),
    (2, "SHARE_INDUSTRY_CONSTR"),
    (2, "SHARE_SERVICES"),
    (2, "SHARE_TAX"),
    (1, "GRDP_PER_CAPITA"),
    (1, "BUDGET_REVENUE"),
    (1, "SOCIAL_INVESTMENT"),
    (1, "TOURISTS"),
    (0, "Chỉ tiêu xã hội"),
    (1, "POPULATION"),
    (1, "POVERTY_RATE"),
    (1, "DOCTORS_PER_10K"),
    (1, "BEDS_PER_10K"),
    (1, "HEALTH_INSURANCE"),
    (1, "TRAINED_LABOUR"),
    (1, "UNEMPLOYMENT"),
    (0, "Chỉ tiêu môi trường"),
    (1, "FOREST_COVER"),
    (0, "Chỉ tiêu kết cấu hạ tầng, đô thị, nông thôn"),
    (1, "URBANISATION"),
    (1, "NTM_COMMUNES"),
    (1, "ELECTRICITY_ACCESS"),
]

LOCAL_ROWS = [
    (0, "Chỉ tiêu kinh tế"),
    (1, "BUDGET_REVENUE"),
    (1, "SOCIAL_INVESTMENT"),
    (1, "TOURISTS"),
    (0, "Chỉ tiêu xã hội"),
    (1, "POPULATION"),
    (1, "POVERTY_RATE"),
    (1, "HEALTH_INSURANCE"),
    (1, "TRAINED_LABOUR"),
    (0, "Chỉ tiêu môi trường, hạ tầng"),
    (1, "FOREST_COVER"),
    (1, "ELECTRICITY_ACCESS"),
]

# The text sections the mid-year review asks for (as a provincial directive words them, e.g.
# "báo cáo kết quả thực hiện 6 tháng đầu năm … so sánh với kết quả thực hiện năm trước; nêu rõ
# các tồn tại, hạn chế … nguyên nhân, bài học kinh nghiệm; đề xuất, kiến nghị các nhiệm vụ, giải
# pháp trọng tâm những tháng cuối năm"): proposed to a round the form is assigned to, while the
# round has no sections yet. Keys are ``models.SectionKey``; {Y} is the round's base year.
MID_YEAR_SECTIONS: list[dict[str, Any]] = [
    {"key": "results", "title": "Kết quả thực hiện 6 tháng đầu năm và ước thực hiện cả năm {Y}",
     "max_words": 1500,
     "guidance": "Báo cáo kết quả thực hiện 6 tháng đầu năm, đánh giá và ước thực hiện kế hoạch "
                 "phát triển KT-XH, kế hoạch đầu tư công năm {Y}, có so sánh với kết quả thực "
                 "hiện năm {Y-1}."},
    {"key": "shortcomings", "title": "Tồn tại, hạn chế", "max_words": 600,
     "guidance": "Nêu rõ các tồn tại, hạn chế trong 6 tháng đầu năm {Y}."},
    {"key": "causes", "title": "Nguyên nhân (khách quan, chủ quan)", "max_words": 500,
     "guidance": "Phân tích nguyên nhân của các tồn tại, hạn chế: nguyên nhân khách quan và "
                 "nguyên nhân chủ quan."},
    {"key": "lessons", "title": "Bài học kinh nghiệm", "max_words": 400, "guidance": ""},
    {"key": "solutions", "title": "Nhiệm vụ, giải pháp trọng tâm những tháng cuối năm {Y}",
     "max_words": 800,
     "guidance": "Đề xuất các nhiệm vụ, giải pháp trọng tâm những tháng cuối năm để kịp thời "
                 "khắc phục tồn tại, hạn chế; nêu nội dung kế hoạch năm {Y+1}."},
    {"key": "recommendations", "title": "Đề xuất, kiến nghị", "max_words": 500, "guidance": ""},
]
PROPOSED_SECTIONS: dict[str, list[dict[str, Any]]] = {"PL1-6THANG": MID_YEAR_SECTIONS}

# Rows every unit must fill (the others may stay empty when the unit does not follow them).
REQUIRED_CODES = {"GRDP_GROWTH", "GRDP_CUR", "BUDGET_REVENUE", "POPULATION", "POVERTY_RATE",
                  *SHARE_CODES}

TEMPLATES: list[dict[str, Any]] = [
    {
        "code": "PL1-NAM", "version": 1, "kind": "phu_luc_i_annual",
        "name": "Phụ lục I – Biểu chỉ tiêu kinh tế - xã hội chủ yếu cấp tỉnh (kế hoạch năm)",
        "rows": PROVINCE_ROWS, "columns": ANNUAL_COLUMNS, "description": RATE_NOTE,
    },
    {
        "code": "PL1-6THANG", "version": 1, "kind": "phu_luc_i_mid_year",
        "name": "Phụ lục I – Đánh giá thực hiện 6 tháng đầu năm, ước thực hiện cả năm và dự kiến "
                "kế hoạch năm sau (cấp tỉnh)",
        "rows": PROVINCE_ROWS, "columns": MID_YEAR_COLUMNS,
        "description": "Cột TH 6 tháng: số liệu thực hiện 6 tháng đầu năm, lưu là kỳ 6 tháng "
                       "đầu năm (ví dụ 2025-H1). " + RATE_NOTE,
    },
    {
        "code": "PL1-5NAM", "version": 1, "kind": "phu_luc_i_five_year",
        "name": "Phụ lục I – Biểu chỉ tiêu kinh tế - xã hội chủ yếu cấp tỉnh (kế hoạch 5 năm)",
        "rows": PROVINCE_ROWS, "columns": FIVE_YEAR_COLUMNS,
    },
    {
        "code": "PL2", "version": 1, "kind": "phu_luc_ii",
        "name": "Phụ lục II – Biểu chỉ tiêu kinh tế - xã hội chủ yếu cấp xã",
        "rows": LOCAL_ROWS, "columns": ANNUAL_COLUMNS, "description": RATE_NOTE,
    },
    {
        "code": "PL3", "version": 1, "kind": "phu_luc_iii",
        "name": "Phụ lục III – Đề xuất nhiệm vụ, đề án, dự án đưa vào Chương trình hành động",
        "rows": [], "columns": [],
    },
]


def share_rules(entered_keys: list[str]) -> list[dict]:
    """Rules (expression language) for the economic structure, one per entered column."""
    rules = []
    for key in entered_keys:
        total = " + ".join(f"{code}.{key}" for code in SHARE_CODES)
        rules.append({
            "code": f"co-cau-100-{key.lower().replace('_', '-')}",
            "expression": f"abs({total} - 100) <= {SHARE_TOLERANCE}",
            "severity": "error",
            "column_key": key,
            "message": "Tổng tỷ trọng các khu vực kinh tế phải bằng 100% (± 0,5).",
        })
    return rules


def roman(n: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def number_rows(rows: list[tuple[int, str]]) -> list[tuple[str, int, str]]:
    """(number, level, item) for each row: I, 1, 1.1 …"""
    counters = [0, 0, 0]
    numbered = []
    for level, item in rows:
        counters[level] += 1
        for deeper in range(level + 1, 3):
            counters[deeper] = 0
        if level == 0:
            number = roman(counters[0])
        elif level == 1:
            number = str(counters[1])
        else:
            number = f"{counters[1]}.{counters[2]}"
        numbered.append((number, level, item))
    return numbered
