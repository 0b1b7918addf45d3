"""target_wording: every comparator and target type, Vietnamese and English number format."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from kehoach.indicators.models import Indicator
from kehoach.plans.models import Target
from kehoach.plans.wording import target_wording


def target(comparator="above", value="7.5", value_max=None, unit="%", target_type="level",
           period="2030", direction="up", wording="", phrasing=""):
    indicator = Indicator(code="X", name_vi="X", unit=unit, direction=direction)
    return Target(indicator=indicator, comparator=comparator, value=Decimal(value),
                  value_max=None if value_max is None else Decimal(value_max),
                  target_type=target_type, period=period, wording=wording, phrasing=phrasing)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"comparator": "above"}, "trên 7,5%"),
        ({"comparator": "below", "value": "3"}, "dưới 3%"),
        ({"comparator": "about", "value": "54"}, "khoảng 54%"),
        ({"comparator": "exactly", "value": "100"}, "đạt 100%"),
        ({"comparator": "at_least", "value": "35", "unit": "giường"}, "tối thiểu 35 giường"),
        ({"comparator": "at_least", "value": "88"}, "tối thiểu 88%"),
        ({"comparator": "at_most", "value": "1.5"}, "tối đa 1,5%"),
        ({"comparator": "between", "value": "5", "value_max": "7"}, "từ 5% đến 7%"),
        ({"comparator": "above", "value": "100", "unit": "triệu đồng/người"}, "trên 100 triệu đồng/người"),
        ({"comparator": "above", "value": "1791857", "unit": ""}, "trên 1.791.857"),
        ({"target_type": "average_growth", "period": "2021-2030"},
         "trên 7,5%/năm bình quân giai đoạn 2021-2030"),
        ({"target_type": "average_growth", "unit": "%/năm", "period": "2021-2030"},
         "trên 7,5%/năm bình quân giai đoạn 2021-2030"),
        ({"target_type": "average_growth", "comparator": "between", "value": "6", "value_max": "7",
          "period": "2021-2025"}, "từ 6%/năm đến 7%/năm bình quân giai đoạn 2021-2025"),
        ({"target_type": "average_growth", "period": "2026"}, "bình quân trên 7,5%/năm"),
        ({"comparator": "above", "value": "70", "phrasing": "maintain"}, "duy trì trên 70%"),
        ({"comparator": "at_least", "value": "88", "phrasing": "or_more"}, "88% trở lên"),
        ({"comparator": "at_most", "value": "3", "phrasing": "or_less"}, "3% trở xuống"),
        ({"comparator": "at_least", "value": "35", "unit": "giường/vạn dân"},
         "tối thiểu 35 giường/vạn dân"),
        ({"target_type": "qualitative", "value": "0", "wording": "cơ bản không còn huyện nghèo"},
         "cơ bản không còn huyện nghèo (do cơ quan kế hoạch đánh giá)"),
        ({"target_type": "annual_change", "comparator": "exactly", "value": "2", "direction": "down",
          "period": "2021-2025"}, "giảm bình quân 2%/năm"),
        ({"target_type": "annual_change", "comparator": "above", "value": "1.5", "direction": "down",
          "period": "2021-2025"}, "giảm bình quân trên 1,5%/năm"),
        ({"target_type": "annual_change", "comparator": "exactly", "value": "1", "period": "2021-2025"},
         "tăng bình quân 1%/năm"),
        ({"target_type": "annual_change", "comparator": "exactly", "value": "-2", "period": "2021-2025"},
         "giảm bình quân 2%/năm"),
        ({"target_type": "cumulative", "value": "105000", "unit": "tỷ đồng", "period": "2021-2030"},
         "lũy kế giai đoạn 2021-2030 trên 105.000 tỷ đồng"),
        ({"target_type": "cumulative", "comparator": "at_least", "value": "3000", "unit": "tỷ đồng",
          "period": "2025"}, "lũy kế năm 2025 tối thiểu 3.000 tỷ đồng"),
        ({"wording": "đạt trên 7,5% (theo Nghị quyết)"}, "đạt trên 7,5% (theo Nghị quyết)"),
    ],
)
def test_vietnamese(kwargs, expected):
    with translation.override("vi"):
        assert target_wording(target(**kwargs)) == expected


def test_numbers_follow_the_language():
    with translation.override("en"):
        text = target_wording(target(value="105000.5", unit="tỷ đồng"))
    assert "105,000.5" in text
