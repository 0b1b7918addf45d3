"""A small geography for the evaluation tests: Thái Nguyên after 1/7/2025 merged from the old
Thái Nguyên and Bắc Kạn, with districts and communes before and communes after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kehoach.testing.factories import IndicatorFactory, UnitFactory
from kehoach.units.models import Succession
from kehoach.values.models import Value

REORG = dt.date(2025, 7, 1)
OLD_END = dt.date(2025, 6, 30)


def put(indicator, unit, period, value, kind="actual"):
    year = int(period[:4])
    end = int(period[-4:]) if len(period) == 9 else year
    return Value.objects.create(indicator=indicator, unit=unit, period=period, year=year,
                                end_year=end, kind=kind, value=Decimal(str(value)))


@pytest.fixture
def geo(db):
    """Old: 19-cu (districts D1 ← X1, X2; D2 ← X3) and 06-cu (district D3 ← X4).
    New (from 1/7/2025): 19 ← communes N1, N2 (N1 from X1+X2, N2 from X3+X4); department SO-TC."""
    u = {}
    u["19"] = UnitFactory(code="19", name="Thái Nguyên", type="province", valid_from=REORG)
    u["19-cu"] = UnitFactory(code="19-cu", name="Thái Nguyên (cũ)", type="province", valid_to=OLD_END)
    u["06-cu"] = UnitFactory(code="06-cu", name="Bắc Kạn (cũ)", type="province", valid_to=OLD_END)
    for code, parent in (("D1", "19-cu"), ("D2", "19-cu"), ("D3", "06-cu")):
        u[code] = UnitFactory(code=code, name=code, type="district", parent=u[parent], valid_to=OLD_END)
    for code, parent in (("X1", "D1"), ("X2", "D1"), ("X3", "D2"), ("X4", "D3")):
        u[code] = UnitFactory(code=code, name=code, type="commune", parent=u[parent], valid_to=OLD_END)
    for code in ("N1", "N2"):
        u[code] = UnitFactory(code=code, name=code, type="commune", parent=u["19"], valid_from=REORG)
    u["SO-TC"] = UnitFactory(code="SO-TC", name="Sở Tài chính", type="department", parent=u["19"])
    for old, new in (("19-cu", "19"), ("06-cu", "19"), ("X1", "N1"), ("X2", "N1"), ("X3", "N2"),
                     ("X4", "N2")):
        Succession.objects.create(predecessor=u[old], successor=u[new], share=1, effective=REORG)
    return u


@pytest.fixture
def inds(db):
    i = {}
    i["GRDP"] = IndicatorFactory(code="GRDP", aggregation="sum", unit="tỷ đồng", decimals=1)
    i["POP"] = IndicatorFactory(code="POP", aggregation="sum", unit="người", kind="level", decimals=0)
    i["POOR"] = IndicatorFactory(code="POOR", aggregation="sum", unit="hộ", kind="level", decimals=0)
    i["HH"] = IndicatorFactory(code="HH", aggregation="sum", unit="hộ", kind="level", decimals=0)
    i["POOR_RATE"] = IndicatorFactory(code="POOR_RATE", aggregation="ratio", unit="%", kind="rate",
                                      direction="down", numerator=i["POOR"], denominator=i["HH"])
    i["LIFE"] = IndicatorFactory(code="LIFE", aggregation="weighted_mean", unit="tuổi",
                                 kind="level", weight=i["POP"])
    i["SCORE"] = IndicatorFactory(code="SCORE", aggregation="mean", unit="điểm", kind="index")
    i["LOW"] = IndicatorFactory(code="LOW", aggregation="min", unit="điểm", kind="index")
    i["HIGH"] = IndicatorFactory(code="HIGH", aggregation="max", unit="điểm", kind="index")
    i["GRDP_PC"] = IndicatorFactory(code="GRDP_PC", aggregation="derived", unit="triệu đồng",
                                    kind="per_capita", formula="GRDP * 1000 / POP")
    i["GROWTH"] = IndicatorFactory(code="GROWTH", aggregation="none", unit="%", kind="growth")
    return i


@pytest.fixture
def cast_plan(province, unit_a, unit_b, commune):
    """A published plan of the cast's province: a province target (GRDP, from the commune's
    figures) and a target of department A (its own figure 4242.5, which B must never see)."""
    from kehoach.testing.factories import PlanFactory, TargetFactory

    grdp = IndicatorFactory(code="GRDP_T", name_vi="Tổng sản phẩm", aggregation="sum")
    own = IndicatorFactory(code="SO_A_IND", name_vi="Chỉ tiêu riêng của Sở A", aggregation="none",
                           group="society")
    plan = PlanFactory(code="KH-THU", name="Kế hoạch thử", unit=province, start_year=2021,
                       end_year=2025, status="approved")
    t_prov = TargetFactory(plan=plan, indicator=grdp, unit=province, period="2024",
                           start_year=2024, end_year=2024, comparator="at_least",
                           value=Decimal(100))
    t_a = TargetFactory(plan=plan, indicator=own, unit=unit_a, period="2024", start_year=2024,
                        end_year=2024, comparator="at_least", value=Decimal(5000))
    put(grdp, commune, "2023", 90)
    put(grdp, commune, "2024", 120)
    put(own, unit_a, "2024", "4242.5")
    return {"plan": plan, "t_prov": t_prov, "t_a": t_a, "grdp": grdp, "own": own}
