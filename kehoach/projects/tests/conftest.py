"""Fixtures of the project list."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.projects import services
from kehoach.testing.factories import PlanFactory


@pytest.fixture
def plan(province):
    return PlanFactory(code="KH-56", name="Kế hoạch 56", kind="master", start_year=2021,
                       end_year=2030, unit=province, status="approved")


@pytest.fixture
def road(plan, commune, unit_a, planner):
    project = services.project_create(
        actor=planner, plan=plan, name="Đường nối trung tâm tỉnh", sector="Giao thông",
        funding_source="nsnn_tw", phase="2021-2025", location=commune, investor="Ban QLDA",
        investor_unit=unit_a, total_investment=Decimal("1234.5"), status="building", group="B")
    services.capital_plan_set(project=project, actor=planner, year=2025, amount=Decimal(400))
    return project


@pytest.fixture
def hospital(plan, province, planner):
    project = services.project_create(
        actor=planner, plan=plan, name="Bệnh viện đa khoa", sector="Y tế",
        funding_source="nsnn_dp", phase="2026-2030", location=province,
        total_investment=Decimal(800))
    services.capital_plan_set(project=project, actor=planner, year=2025, amount=Decimal(100))
    return project
