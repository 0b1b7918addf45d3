"""Fixtures of the intake tests (review flow): a small indicator catalogue and a plan to fill."""

from __future__ import annotations

import pytest

from kehoach.testing.factories import IndicatorFactory, PlanFactory

CATALOGUE = [
    ("GRDP_GROWTH", "Tốc độ tăng trưởng GRDP", "%", "growth"),
    ("GRDP_PER_CAPITA", "GRDP bình quân đầu người", "triệu đồng/người", "per_capita"),
    ("SOCIAL_INVESTMENT", "Tổng vốn đầu tư toàn xã hội", "tỷ đồng", "flow"),
    ("TOURISTS", "Tổng lượt khách du lịch", "lượt người", "flow"),
    ("FOREST_COVER", "Tỷ lệ che phủ rừng", "%", "rate"),
    ("BUDGET_REVENUE", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "flow"),
]

TEXT = (
    "Tốc độ tăng trưởng kinh tế (GRDP) bình quân giai đoạn 2021 - 2030 đạt trên 7,5%. "
    "GRDP bình quân/người đạt trên 100 triệu đồng/người (giá hiện hành). "
    "Huy động tổng vốn đầu tư toàn xã hội đạt trên 105 nghìn tỷ đồng. "
    "Tổng lượng khách du lịch đạt khoảng 3 triệu lượt người. "
    "Duy trì tỷ lệ che phủ rừng trên 70%."
)


@pytest.fixture
def catalogue(db):
    return {code: IndicatorFactory(code=code, name_vi=name, unit=unit, kind=kind)
            for code, name, unit, kind in CATALOGUE}


@pytest.fixture
def plan(province):
    return PlanFactory(code="QH-2030", name="Kế hoạch thực hiện quy hoạch", kind="master",
                       start_year=2021, end_year=2030, unit=province, status="draft")
