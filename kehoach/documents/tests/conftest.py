"""A plan of the cast's province for the report tests, built with the factories.

Year 2024 (computed): 8 targets — exceeded 1 (BUDGET), met 1 (ROADS), not met 2 (GROWTH 2024,
unit A's own target), no data 1 (SCHOOLS), not due 3 (GROWTH 2021-2025, POVERTY, FOREST).
The planning office has adjusted GROWTH 2024 to "met"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kehoach.core.tests.factories import (
    IndicatorFactory,
    PlanFactory,
    TargetFactory,
    ValueFactory,
)
from kehoach.evaluation.services import override_set


def put(indicator, unit, year, value, kind="actual"):
    return ValueFactory(indicator=indicator, unit=unit, period=str(year), year=year,
                        end_year=year, kind=kind, value=Decimal(str(value)))


def target(plan, indicator, unit, period, comparator, value, **extra):
    first, _sep, last = period.partition("-")
    return TargetFactory(plan=plan, indicator=indicator, unit=unit, period=period,
                         start_year=int(first), end_year=int(last or first),
                         comparator=comparator, value=Decimal(str(value)), **extra)


@pytest.fixture
def report_plan(province, unit_a, unit_b, commune, planner):
    ind = {
        "growth": IndicatorFactory(code="R_GROWTH", name_vi="Tốc độ tăng trưởng GRDP",
                                   kind="growth", unit="%", aggregation="none", decimals=2),
        "budget": IndicatorFactory(code="R_BUDGET", name_vi="Thu ngân sách nhà nước",
                                   kind="flow", unit="tỷ đồng", aggregation="sum", decimals=1),
        "poverty": IndicatorFactory(code="R_POOR", name_vi="Tỷ lệ hộ nghèo", group="society",
                                    kind="rate", unit="%", direction="down", aggregation="none",
                                    decimals=2),
        "schools": IndicatorFactory(code="R_SCHOOLS", name_vi="Số trường đạt chuẩn quốc gia",
                                    group="society", kind="count", unit="trường", decimals=0),
        "own_a": IndicatorFactory(code="R_SO_A", name_vi="Chỉ tiêu riêng của Sở A",
                                  group="society", kind="flow", unit="tỷ đồng",
                                  aggregation="none"),
        "forest": IndicatorFactory(code="R_FOREST", name_vi="Tỷ lệ che phủ rừng",
                                   group="environment", kind="rate", unit="%",
                                   aggregation="none", decimals=1),
        "roads": IndicatorFactory(code="R_ROADS", name_vi="Chiều dài đường được cứng hóa",
                                  group="infrastructure", kind="level", unit="km",
                                  aggregation="none", decimals=0),
    }
    plan = PlanFactory(code="KH-BC", name="Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025",
                       unit=province, start_year=2021, end_year=2025, status="approved",
                       document="56/KH-UBND", document_date=dt.date(2024, 1, 29),
                       issuer="Ủy ban nhân dân tỉnh Thử Nghiệm")
    t = {
        "growth_avg": target(plan, ind["growth"], province, "2021-2025", "above", "7.5",
                             target_type="average_growth", position=1),
        "growth_2024": target(plan, ind["growth"], province, "2024", "above", "7.5", position=2),
        "budget": target(plan, ind["budget"], province, "2024", "at_least", 5000, position=3),
        "poverty": target(plan, ind["poverty"], province, "2021-2025", "exactly", "1.5",
                          target_type="annual_change"),
        "schools": target(plan, ind["schools"], province, "2024", "at_least", 100),
        "own_a": target(plan, ind["own_a"], unit_a, "2024", "at_least", 5000),
        "forest": target(plan, ind["forest"], province, "2025", "at_least", 45),
        "roads": target(plan, ind["roads"], province, "2024", "about", 100),
    }
    for year, value in ((2021, "5.0"), (2022, "6.0"), (2023, "5.1")):
        put(ind["growth"], province, year, value)
    put(ind["growth"], province, 2024, "7.4", kind="estimate")
    put(ind["budget"], province, 2023, 4800)
    put(ind["budget"], province, 2024, 5200)
    put(ind["poverty"], province, 2020, 10)
    put(ind["poverty"], province, 2023, "7.5")
    put(ind["poverty"], province, 2024, "7.2")
    put(ind["forest"], province, 2020, 40)
    put(ind["forest"], province, 2023, "41.5")
    put(ind["forest"], province, 2024, "42")
    put(ind["roads"], province, 2024, 98)
    put(ind["own_a"], unit_a, 2024, "4242.5")
    override_set(target=t["growth_2024"], year=2024, status="met",
                 reason="Số ước chưa đủ 12 tháng", actor=planner)
    return {"plan": plan, "targets": t, "indicators": ind}


@pytest.fixture
def draft_plan(province, unit_b):
    plan = PlanFactory(code="KH-NHAP", name="Kế hoạch dự thảo", unit=province, status="draft")
    target(plan, IndicatorFactory(code="R_DRAFT", name_vi="Chỉ tiêu dự thảo"), unit_b, "2024",
           "at_least", 1)
    return plan
