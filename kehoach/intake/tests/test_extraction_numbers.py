"""Vietnamese numbers and units as the extraction engine reads them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.intake.extraction import parse_number
from kehoach.intake.extraction.numbers import json_number

from .extraction_helpers import one


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("7,5", Decimal("7.5")),
        ("2.000", Decimal(2000)),
        ("1.791.857", Decimal(1791857)),
        ("12.800,5", Decimal("12800.5")),
        ("0,699", Decimal("0.699")),
        ("03", Decimal(3)),
        ("105", Decimal(105)),
        ("7.5", Decimal("7.5")),
        ("1,791,857", Decimal(1791857)),
        ("4,50", Decimal("4.5")),
    ],
)
def test_parse_number(token: str, expected: Decimal) -> None:
    assert parse_number(token) == expected


def test_parse_number_refuses_garbage() -> None:
    with pytest.raises(ValueError, match="Không đọc được số"):
        parse_number("12a")


def test_json_number_is_int_when_whole() -> None:
    assert json_number(Decimal("2000")) == 2000 and isinstance(json_number(Decimal(2000)), int)
    assert json_number(Decimal("7.5")) == 7.5


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Doanh thu dịch vụ lưu trú đạt 4.350 tỷ đồng.", Decimal(4350), "tỷ đồng"),
        ("Tổng sản phẩm trên địa bàn đạt 62 nghìn tỷ đồng.", Decimal(62), "nghìn tỷ đồng"),
        ("Thu nhập bình quân đầu người đạt 85 triệu đồng/người/năm.", Decimal(85),
         "triệu đồng/người/năm"),
        ("Kim ngạch xuất khẩu đạt 2,4 tỷ USD.", Decimal("2.4"), "tỷ USD"),
        ("Lượng khách tham quan đạt 1,2 triệu lượt người.", Decimal("1.2"), "triệu lượt người"),
        ("Diện tích cây ăn quả đạt 12.500 ha.", Decimal(12500), "ha"),
        ("Số dược sĩ đạt 3,5 dược sĩ/1 vạn dân.", Decimal("3.5"), "dược sĩ/1 vạn dân"),
        ("Sản lượng lương thực có hạt đạt 310 nghìn tấn.", Decimal(310), "nghìn tấn"),
        ("Công suất nguồn điện tái tạo đạt 450 MW.", Decimal(450), "MW"),
    ],
)
def test_value_is_in_the_unit_as_written(sentence: str, value: Decimal, unit: str) -> None:
    target = one(sentence)
    assert (target.value, target.unit) == (value, unit)


def test_leading_zero_count() -> None:
    target = one("Toàn tỉnh có thêm 05 huyện đạt chuẩn nông thôn mới.")
    assert (target.value, target.unit) == (Decimal(5), "huyện")


def test_index_without_unit() -> None:
    target = one("Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) đạt 68,5.")
    assert (target.value, target.unit) == (Decimal("68.5"), "")
