from decimal import Decimal

import pytest

from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory, ValueFactory
from kehoach.reporting.tests.conftest import indicators, pl1, round_, sub_a, sub_b, templates

__all__ = ["board_data", "indicators", "pl1", "round_", "sub_a", "sub_b", "templates"]


def value(unit, indicator, year, number, **fields):
    return ValueFactory(
        unit=unit,
        indicator=indicator,
        period=str(year),
        year=year,
        end_year=year,
        value=Decimal(str(number)),
        **fields,
    )


@pytest.fixture
def board_data(province, unit_a, unit_b, planner):
    """2024 against a published annual plan (revenue met, growth not met) and a five-year plan
    whose average growth is at risk; an overdue task and a year's capital plan."""
    from kehoach.projects import services as projects
    from kehoach.tasks import services as tasks

    growth = IndicatorFactory(
        code="GROWTH", name_vi="Tăng trưởng GRDP", unit="%", kind="growth", aggregation="none"
    )
    revenue = IndicatorFactory(code="REVENUE", name_vi="Thu ngân sách", aggregation="sum")
    five = PlanFactory(
        code="KH5",
        name="Kế hoạch 5 năm 2021-2025",
        unit=province,
        kind="five_year",
        start_year=2021,
        end_year=2025,
    )
    annual = PlanFactory(
        code="KH2024",
        name="Kế hoạch năm 2024",
        unit=province,
        kind="annual",
        start_year=2024,
        end_year=2024,
        parent=five,
        document="20/NQ-HĐND",
    )
    TargetFactory(
        plan=five,
        indicator=growth,
        period="2021-2025",
        start_year=2021,
        end_year=2025,
        comparator="above",
        value=Decimal(8),
        target_type="average_growth",
        responsible_unit=unit_b,
    )
    TargetFactory(
        plan=annual,
        indicator=revenue,
        period="2024",
        start_year=2024,
        end_year=2024,
        comparator="at_least",
        value=Decimal(850),
        responsible_unit=unit_b,
    )
    TargetFactory(
        plan=annual,
        indicator=growth,
        period="2024",
        start_year=2024,
        end_year=2024,
        comparator="above",
        value=Decimal(6),
        responsible_unit=unit_a,
    )
    for year, number in ((2021, 3), (2022, 4), (2023, 5), (2024, 5)):
        value(province, growth, year, number, note="Cục Thống kê")
    for year, number in ((2023, 800), (2024, 900)):
        value(province, revenue, year, number)
    tasks.task_create(
        actor=planner,
        plan=five,
        number="1",
        text="Lập đề án chuyển đổi số",
        lead_unit=unit_a,
        deadline_text="Trước 30/6/2024",
        product="Đề án",
    )
    project = projects.project_create(
        actor=planner,
        plan=five,
        name="Đường tỉnh 254",
        sector="Giao thông",
        funding_source="nsnn_dp",
        phase="2021-2025",
    )
    projects.capital_plan_set(project=project, actor=planner, year=2024, amount="200")
    projects.disbursement_set(project=project, actor=planner, year=2024, month=6, amount="50")
    return {"growth": growth, "revenue": revenue, "five": five, "annual": annual}
