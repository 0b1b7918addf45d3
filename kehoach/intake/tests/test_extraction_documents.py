"""Whole documents written for the tests: a report with next year's plan, a resolution with
numbered targets, a master plan with a vision."""

from __future__ import annotations

from decimal import Decimal

from kehoach.intake.extraction import extract_targets

from .extraction_helpers import items

REPORT = """BÁO CÁO
Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2027, kế hoạch năm 2028
I. KẾT QUẢ THỰC HIỆN NĂM 2027
Tốc độ tăng trưởng kinh tế ước đạt 7,05%, xếp thứ 21/34 tỉnh, thành phố. GRDP bình quân đầu \
người ước đạt 81,4 triệu đồng, tăng 6,2 triệu đồng so với năm 2026. Tổng thu ngân sách nhà nước \
trên địa bàn ước đạt 2.480 tỷ đồng, bằng 112% dự toán.
Toàn tỉnh có 64 xã đạt chuẩn nông thôn mới (tăng 7 xã so với năm 2026), 12 xã đạt chuẩn nông \
thôn mới nâng cao.
Tỷ lệ hộ nghèo giảm 2,4%, còn 8,6%.
II. KẾ HOẠCH NĂM 2028
Tốc độ tăng trưởng kinh tế phấn đấu đạt 8% trở lên. Tỷ lệ hộ nghèo giảm 2 - 2,5%.
"""


def test_report_results_and_next_year_plan() -> None:
    found = extract_targets(REPORT)
    assert [(t.kind, t.period, t.value, t.unit) for t in found] == [
        ("result", "2027", Decimal("7.05"), "%"),
        ("result", "2027", Decimal("81.4"), "triệu đồng"),
        ("result", "2027", Decimal("6.2"), "triệu đồng"),
        ("result", "2027", Decimal(2480), "tỷ đồng"),
        ("result", "2027", Decimal(112), "%"),
        ("result", "2027", Decimal(64), "xã"),
        ("result", "2027", Decimal(7), "xã"),
        ("result", "2027", Decimal(12), "xã"),
        ("result", "2027", Decimal("2.4"), "%"),
        ("result", "2027", Decimal("8.6"), "%"),
        ("target", "2028", Decimal(8), "%"),
        ("target", "2028", Decimal(2), "%"),
    ]
    indicators = [t.indicator for t in found]
    assert indicators[2] == "GRDP bình quân đầu người tăng (so với năm 2026)"
    assert indicators[4] == "Tổng thu ngân sách nhà nước trên địa bàn (so với dự toán)"
    assert indicators[7] == "xã đạt chuẩn nông thôn mới nâng cao"
    assert indicators[9] == "Tỷ lệ hộ nghèo"
    assert (found[-1].comparator, found[-1].value_max) == ("between", Decimal("2.5"))
    assert found[-2].comparator == "at_least"


RESOLUTION = """NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030
Điều 1. Các chỉ tiêu chủ yếu:
(1) Tốc độ tăng trưởng GRDP bình quân 5 năm đạt 8 - 8,5%/năm.
(2) Tỷ trọng các ngành trong GRDP năm 2030: nông, lâm nghiệp, thủy sản 12%; dịch vụ 40%.
(3) Đến năm 2030 có 90% số xã đạt chuẩn nông thôn mới, trong đó 40% số xã đạt chuẩn nông thôn \
mới nâng cao.
(4) Tỷ lệ lao động qua đào tạo đạt 75%, trong đó có bằng cấp, chứng chỉ đạt 38%.
(5) Tỷ lệ che phủ rừng duy trì ổn định ở mức 58%.
Điều 2. Nghị quyết được thông qua tại Kỳ họp thứ 14 ngày 10 tháng 12 năm 2025.
"""


def test_resolution_with_numbered_targets() -> None:
    found = extract_targets(RESOLUTION)
    assert [(t.indicator, t.value, t.period) for t in found] == [
        ("Tốc độ tăng trưởng GRDP bình quân", Decimal(8), "2026-2030"),
        ("nông, lâm nghiệp, thủy sản", Decimal(12), "2030"),
        ("dịch vụ", Decimal(40), "2030"),
        ("số xã đạt chuẩn nông thôn mới", Decimal(90), "2030"),
        ("số xã đạt chuẩn nông thôn mới nâng cao", Decimal(40), "2030"),
        ("Tỷ lệ lao động qua đào tạo", Decimal(75), "2030"),
        ("lao động qua đào tạo có bằng cấp, chứng chỉ", Decimal(38), "2030"),
        ("Tỷ lệ che phủ rừng", Decimal(58), "2030"),
    ]
    assert {t.kind for t in found} == {"target"}


def test_vision_is_a_period_but_not_the_horizon() -> None:
    text = ("QUY HOẠCH TỈNH THỜI KỲ 2026 - 2035, TẦM NHÌN ĐẾN NĂM 2050\n"
            "Tỷ lệ đô thị hóa đạt 50%.\n"
            "Tầm nhìn đến năm 2050: thu nhập bình quân đầu người đạt 18.000 USD.\n")
    found = extract_targets(text)
    assert [(t.indicator, t.period) for t in found] == [
        ("Tỷ lệ đô thị hóa", "2035"), ("thu nhập bình quân đầu người", "2050")]


def test_multiple_of_a_base_year_keeps_the_target_year() -> None:
    (target,) = items("Thu nhập bình quân đầu người năm 2035 gấp 2,5 lần năm 2025.")
    assert (target.value, target.unit, target.period) == (Decimal("2.5"), "lần", "2035")


def test_new_clause_after_a_comma_names_its_own_figure() -> None:
    found = items("Mỗi năm tăng thêm 150 hợp tác xã, đến năm 2035 có 1.200 hợp tác xã hoạt động.")
    assert [(t.value, t.indicator, t.period) for t in found] == [
        (Decimal(150), "hợp tác xã (Mỗi năm tăng)", "2026-2035"),
        (Decimal(1200), "hợp tác xã hoạt động", "2035"),
    ]
