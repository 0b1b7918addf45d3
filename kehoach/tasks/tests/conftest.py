"""Fixtures of the action programme: a plan of the test province and a few tasks."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.tasks import services
from kehoach.testing.factories import PlanFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def plan(province):
    return PlanFactory(code="KH-56", name="Kế hoạch 56", kind="master", start_year=2021,
                       end_year=2030, unit=province, status="approved")


@pytest.fixture
def task_a(plan, unit_a, unit_b, planner):
    """Led by unit A (B coordinates), due 30/6/2025: late unless done."""
    return services.task_create(actor=planner, plan=plan, number="1", text="Lập đề án chuyển đổi số",
                                lead_unit=unit_a, coordinating_units=[unit_b],
                                deadline_text="Trước 30/6/2025", product="Đề án")


@pytest.fixture
def task_b(plan, unit_b, planner):
    return services.task_create(actor=planner, plan=plan, number="2", text="Rà soát quy hoạch ngành",
                                lead_unit=unit_b, deadline_text="Quý IV/2030", product="Báo cáo")


@pytest.fixture
def duty(plan, province, unit_a, unit_b, planner):
    """The yearly duty: A and B report by 20/10, the province consolidates by 31/10."""
    return services.task_create(
        actor=planner, plan=plan, number="3", text="Báo cáo kết quả thực hiện Quy hoạch tỉnh",
        lead_unit=province, coordinating_units=[unit_a, unit_b], group="general",
        deadline_text="Hằng năm, trước 20/10; tổng hợp trước 31/10", product="Báo cáo")


TODAY = dt.date(2025, 8, 1)
