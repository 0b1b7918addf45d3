"""An annual plan's page shows its targets beside the five-year plan's, the last actual value and
the status of the year; a five-year plan's page lists its annual plans."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory, ValueFactory

pytestmark = pytest.mark.django_db


def test_family_side_by_side(planner_client, province, unit_a):
    revenue = IndicatorFactory(code="REV", name_vi="Thu ngân sách", unit="tỷ đồng")
    five = PlanFactory(code="KH5", name="Kế hoạch 5 năm", unit=province, start_year=2021,
                       end_year=2025)
    annual = PlanFactory(code="KH2024", name="Kế hoạch năm 2024", unit=province, kind="annual",
                         start_year=2024, end_year=2024, parent=five)
    TargetFactory(plan=five, indicator=revenue, period="2025", start_year=2025, end_year=2025,
                  comparator="at_least", value=Decimal(1100))
    TargetFactory(plan=annual, indicator=revenue, period="2024", start_year=2024, end_year=2024,
                  comparator="at_least", value=Decimal(1000), responsible_unit=unit_a)
    for year, value in ((2022, 855), (2023, 870), (2024, 910)):
        ValueFactory(indicator=revenue, unit=province, period=str(year), year=year,
                     end_year=year, value=Decimal(value))
    body = planner_client.get("/ke-hoach/KH2024/").content.decode()
    family = body[body.index('id="family"'):body.index("</table>", body.index('id="family"'))]
    assert "tối thiểu 1.100 tỷ đồng" in family and "tối thiểu 1.000 tỷ đồng" in family
    assert "870" in family and "(2023" in family  # the last actual before the year
    assert "không đạt" in family and "Sở A" in family
    five_page = planner_client.get("/ke-hoach/KH5/").content.decode()
    assert "Kế hoạch năm 2024" in five_page
