"""The reading rules of the extraction engine, one by one, on sentences written for the tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.intake.extraction import extract_targets

from .extraction_helpers import figure, items, one

# --- qualifiers -> comparators ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "comparator"),
    [
        ("Tỷ lệ dân số đô thị đạt trên 40%.", "above"),
        ("Tỷ lệ dân số đô thị đạt hơn 40%.", "above"),
        ("Tỷ lệ dân số đô thị vượt 40%.", "above"),
        ("Tỷ lệ dân số đô thị dưới 40%.", "below"),
        ("Tỷ lệ dân số đô thị khoảng 40%.", "about"),
        ("Tỷ lệ dân số đô thị đạt xấp xỉ 40%.", "about"),
        ("Tỷ lệ dân số đô thị tối thiểu 40%.", "at_least"),
        ("Tỷ lệ dân số đô thị đạt ít nhất 40%.", "at_least"),
        ("Tỷ lệ dân số đô thị đạt từ 40% trở lên.", "at_least"),
        ("Tỷ lệ dân số đô thị đạt 40% trở lên.", "at_least"),
        ("Tỷ lệ dân số đô thị không dưới 40%.", "at_least"),
        ("Tỷ lệ dân số đô thị tối đa 40%.", "at_most"),
        ("Tỷ lệ dân số đô thị không quá 40%.", "at_most"),
        ("Tỷ lệ dân số đô thị 40% trở xuống.", "at_most"),
        ("Tỷ lệ dân số đô thị đạt khoảng trên 40%.", "above"),
        ("Tỷ lệ dân số đô thị đạt 40%.", "exactly"),
        ("Tỷ lệ dân số đô thị là 40%.", "exactly"),
        ("Tỷ lệ dân số đô thị 40%.", "exactly"),
    ],
)
def test_qualifier_gives_comparator(sentence: str, comparator: str) -> None:
    target = one(sentence)
    assert target.comparator == comparator
    assert target.value == Decimal(40) and target.unit == "%"
    assert target.indicator == "Tỷ lệ dân số đô thị"


@pytest.mark.parametrize(
    "sentence",
    ["Tỷ lệ chi thường xuyên từ 55% đến 60%.", "Tỷ lệ chi thường xuyên 55-60%.",
     "Tỷ lệ chi thường xuyên đạt 55 - 60%."],
)
def test_ranges_are_between(sentence: str) -> None:
    target = one(sentence)
    assert (target.comparator, target.value, target.value_max, target.unit) == (
        "between", Decimal(55), Decimal(60), "%")
    assert target.to_json_dict()["value_max"] == 60


def test_maintain_with_about_is_about() -> None:
    target = one("Duy trì tỷ lệ khoảng 12 điều dưỡng/1 vạn dân.")
    assert figure(target) == ("about", Decimal(12), "điều dưỡng/1 vạn dân", "2035")
    assert target.indicator == "tỷ lệ điều dưỡng/1 vạn dân"


def test_maintain_with_above_is_above() -> None:
    target = one("Duy trì tỷ lệ diện tích đất lâm nghiệp có rừng trên 65%.")
    assert figure(target) == ("above", Decimal(65), "%", "2035")
    assert target.indicator == "tỷ lệ diện tích đất lâm nghiệp có rừng"


def test_per_population_is_not_a_comparator() -> None:
    target = one("Số giường bệnh trên 1 vạn dân đạt 40 giường.")
    assert figure(target) == ("exactly", Decimal(40), "giường", "2035")
    assert target.indicator == "Số giường bệnh trên 1 vạn dân"


def test_minimum_beds_per_population() -> None:
    target = one("Số giường bệnh/vạn dân đạt tối thiểu 42 giường.")
    assert figure(target) == ("at_least", Decimal(42), "giường", "2035")


def test_from_to_baseline_is_not_a_target() -> None:
    target = one("Nâng tỷ lệ hộ dùng nước sạch từ 60% năm 2025 lên 85% vào năm 2035.")
    assert figure(target) == ("exactly", Decimal(85), "%", "2035")
    assert target.indicator == "tỷ lệ hộ dùng nước sạch"


def test_fall_to_a_level_is_a_level() -> None:
    target = one("Giảm tỷ lệ hộ cận nghèo xuống còn dưới 4%.")
    assert figure(target) == ("below", Decimal(4), "%", "2035")
    assert target.target_type == "level"
    assert target.indicator == "tỷ lệ hộ cận nghèo"


# --- several items in one sentence ------------------------------------------------------------


def test_shared_qualifier_over_two_counts() -> None:
    found = items("Toàn tỉnh có ít nhất 45 xã và 02 đơn vị cấp huyện hoàn thành nhiệm vụ "
                  "xây dựng nông thôn mới.")
    assert [figure(t) for t in found] == [
        ("at_least", Decimal(45), "xã", "2035"),
        ("at_least", Decimal(2), "đơn vị cấp huyện", "2035"),
    ]
    assert [t.indicator for t in found] == [
        "xã hoàn thành nhiệm vụ xây dựng nông thôn mới",
        "đơn vị cấp huyện hoàn thành nhiệm vụ xây dựng nông thôn mới",
    ]


def test_structure_list_gives_one_item_per_clause() -> None:
    found = items("Cơ cấu kinh tế: khu vực nông nghiệp chiếm khoảng 15%; khu vực công nghiệp - "
                  "xây dựng chiếm khoảng 38% (riêng công nghiệp chế biến chiếm khoảng 25%); khu "
                  "vực dịch vụ chiếm khoảng 41%; thuế sản phẩm khoảng 6%.")
    assert [(t.comparator, t.value, t.unit) for t in found] == [
        ("about", Decimal(v), "%") for v in (15, 38, 25, 41, 6)
    ]
    assert [t.indicator for t in found][1:] == [
        "khu vực công nghiệp - xây dựng chiếm", "công nghiệp chế biến chiếm",
        "khu vực dịch vụ chiếm", "thuế sản phẩm",
    ]
    assert {t.period for t in found} == {"2035"}


def test_sector_growth_inherits_the_sentence_period() -> None:
    found = items("Tốc độ tăng trưởng GRDP bình quân giai đoạn 2026 - 2030 đạt trên 9%; trong "
                  "đó: nông nghiệp tăng trên 3%/năm; công nghiệp, xây dựng tăng trên 12%/năm.")
    assert [figure(t) for t in found] == [
        ("above", Decimal(9), "%", "2026-2030"),
        ("above", Decimal(3), "%/năm", "2026-2030"),
        ("above", Decimal(12), "%/năm", "2026-2030"),
    ]
    assert [t.indicator for t in found] == [
        "Tốc độ tăng trưởng GRDP bình quân", "nông nghiệp tăng", "công nghiệp, xây dựng tăng"]
    assert {t.target_type for t in found} == {"average_growth"}


def test_figure_before_its_indicator() -> None:
    target = one("Phấn đấu 95% trạm y tế xã có bác sĩ làm việc.")
    assert figure(target) == ("exactly", Decimal(95), "%", "2035")
    assert target.indicator == "trạm y tế xã có bác sĩ làm việc"


def test_in_which_share_takes_the_subject_before() -> None:
    found = items("Tỷ lệ hộ gia đình nông thôn được dùng điện lưới đạt 99%, trong đó 90% được "
                  "dùng điện an toàn.")
    assert [t.indicator for t in found] == [
        "Tỷ lệ hộ gia đình nông thôn được dùng điện lưới",
        "hộ gia đình nông thôn được dùng điện an toàn",
    ]


# --- target types and periods -----------------------------------------------------------------


def test_yearly_decrease_is_annual_change_over_the_plan() -> None:
    target = one("Tỷ lệ hộ nghèo đa chiều giảm bình quân 1,5%/năm.")
    assert figure(target) == ("exactly", Decimal("1.5"), "%/năm", "2026-2035")
    assert target.target_type == "annual_change"
    assert target.indicator == "Tỷ lệ hộ nghèo đa chiều giảm bình quân"


def test_every_year_target_is_for_the_whole_period() -> None:
    target = one("Tỷ lệ lạm phát hằng năm dưới 4%.")
    assert figure(target) == ("below", Decimal(4), "%", "2026-2035")


def test_level_target_is_for_the_end_year() -> None:
    target = one("Tỷ lệ lao động nông nghiệp trong tổng lao động còn 25%.")
    assert (target.period, target.target_type, target.kind) == ("2035", "level", "target")


def test_cumulative_investment_is_for_the_period() -> None:
    target = one("Huy động tổng vốn đầu tư phát triển toàn xã hội đạt 600 nghìn tỷ đồng.")
    assert figure(target) == ("exactly", Decimal(600), "nghìn tỷ đồng", "2026-2035")
    assert target.target_type == "cumulative"
    assert target.indicator == "tổng vốn đầu tư phát triển toàn xã hội"


def test_written_period_wins_over_the_plan_horizon() -> None:
    assert one("Đến năm 2030, tỷ lệ đô thị hóa đạt 45%.").period == "2030"
    assert one("Tỷ lệ đô thị hóa đạt 45% vào năm 2030.").period == "2030"
    growth = one("Tốc độ tăng năng suất lao động bình quân giai đoạn 2026-2030 đạt 7%.")
    assert growth.period == "2026-2030"


def test_heading_period_applies_to_its_section() -> None:
    text = ("II. MỤC TIÊU ĐẾN NĂM 2030\n1. Chỉ tiêu kinh tế\n"
            "- Tỷ lệ đô thị hóa đạt 45%.\n- Tốc độ tăng trưởng GRDP bình quân đạt 8,5%.\n")
    found = items(text)
    assert [(t.period, t.target_type) for t in found] == [
        ("2030", "level"), ("2026-2030", "average_growth")]


def test_period_after_the_value_in_another_clause_is_not_its_period() -> None:
    found = items("Tỷ lệ hộ nghèo giảm bình quân 1%/năm; đến năm 2035 không còn xã đặc biệt "
                  "khó khăn.")
    assert [t.period for t in found] == ["2026-2035"]


def test_annual_plan_horizon() -> None:
    target = one("Tốc độ tăng trưởng kinh tế đạt 8%.",
                 title="Kế hoạch phát triển kinh tế - xã hội năm 2026\n")
    assert target.period == "2026"


# --- results ----------------------------------------------------------------------------------


def test_results_take_the_year_they_report_on() -> None:
    text = ("Hội nghị tổng kết công tác năm 2025 và triển khai nhiệm vụ năm 2026\n"
            "Năm 2025, tình hình kinh tế còn nhiều khó khăn. Tuy vậy, tỉnh đã đạt được nhiều "
            "kết quả: GRDP tăng 7,2%; thu nhập bình quân đầu người tăng 6 triệu đồng so với năm "
            "trước; tỷ lệ che phủ rừng duy trì 58,4%. Tỉnh còn 4 chỉ tiêu không đạt kế hoạch.\n")
    found = extract_targets(text)
    assert [(t.kind, t.period, t.comparator, t.value, t.unit) for t in found] == [
        ("result", "2025", "exactly", Decimal("7.2"), "%"),
        ("result", "2025", "exactly", Decimal(6), "triệu đồng"),
        ("result", "2025", "exactly", Decimal("58.4"), "%"),
        ("result", "2025", "exactly", Decimal(4), "chỉ tiêu"),
    ]
    assert found[0].indicator == "GRDP tăng"
    assert found[1].indicator == "thu nhập bình quân đầu người tăng (so với năm trước)"
    assert found[3].indicator == "chỉ tiêu không đạt kế hoạch"


def test_percent_of_plan_is_a_result() -> None:
    found = items("Năm 2027, thu ngân sách nhà nước đạt 2.300 tỷ đồng, bằng 104% dự toán.")
    assert [(t.kind, t.period) for t in found] == [("result", "2027")] * 2
    assert found[1].indicator == "thu ngân sách nhà nước (so với dự toán)"


def test_result_section_heading() -> None:
    text = ("I. KẾT QUẢ THỰC HIỆN NĂM 2025\nTỷ lệ lao động qua đào tạo 68%.\n"
            "II. MỤC TIÊU NĂM 2026\nTỷ lệ lao động qua đào tạo 70%.\n")
    found = extract_targets("Kế hoạch năm 2026\n" + text)
    assert [(t.kind, t.period) for t in found] == [("result", "2025"), ("target", "2026")]


# --- output shape -----------------------------------------------------------------------------


def test_json_shape_and_offsets() -> None:
    text = "Kế hoạch thời kỳ 2026 - 2035\nTỷ lệ che phủ rừng đạt trên 60%. Hết."
    (target,) = extract_targets(text)
    data = target.to_json_dict()
    assert list(data)[:8] == ["indicator", "comparator", "value", "unit", "period", "sentence",
                              "start", "end"]
    assert data["value"] == 60 and isinstance(data["value"], int)
    assert text[data["start"]:data["end"]] == data["sentence"] == "Tỷ lệ che phủ rừng đạt trên 60%."
    assert text[target.value_start:target.value_end] == "trên 60%"
    assert "value_max" not in data and data["kind"] == "target"


def test_nfd_input_is_read_as_nfc() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Tỷ lệ hộ nghèo dưới 3%.")
    (target,) = extract_targets(nfd)
    assert target.indicator == unicodedata.normalize("NFC", "Tỷ lệ hộ nghèo")
    assert target.sentence == unicodedata.normalize("NFC", "Tỷ lệ hộ nghèo dưới 3%.")


def test_target_is_frozen() -> None:
    target = one("Tỷ lệ hộ nghèo dưới 3%.")
    with pytest.raises(AttributeError):
        target.value = Decimal(1)  # type: ignore[misc]
