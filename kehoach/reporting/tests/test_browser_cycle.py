"""The year in a real browser: the office drafts the 2026 annual plan from the round, gives
targets to two departments, a department fills only its rows (the others' are read-only), the
office accepts a form (a figure for a row owned elsewhere is kept apart), evaluates 2025, and the
leader sees the targets at risk."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.core.tests.browser import login, screenshot
from kehoach.core.tests.factories import PlanFactory, TargetFactory, ValueFactory
from kehoach.plans.models import Target
from kehoach.reporting import services
from kehoach.reporting.tests.conftest import full_changes
from kehoach.values.models import ReportedValue, Value


@pytest.fixture
def cycle(indicators, province, round_, sub_a, sub_b, reporter_a, reporter_b):
    growth = indicators["GRDP_GROWTH"]
    master = PlanFactory(code="QH-2030", unit=province, kind="master", start_year=2021,
                         end_year=2030)
    TargetFactory(plan=master, indicator=growth, unit=province, period="2021-2030",
                  start_year=2021, end_year=2030, comparator="above", value=Decimal("7.5"),
                  target_type="average_growth")
    for year, value in ((2021, 3), (2022, 4), (2023, 5), (2024, 5)):
        ValueFactory(indicator=growth, unit=province, period=str(year), year=year,
                     end_year=year, value=Decimal(value))
    five = PlanFactory(code="KH-2026-2030", unit=province, kind="five_year", start_year=2026,
                       end_year=2030, status="consultation")
    PlanFactory(code="KH-2026", name="Kế hoạch năm 2026", unit=province, kind="annual",
                start_year=2026, end_year=2026, parent=five, status="draft")
    for submission, user in ((sub_a, reporter_a), (sub_b, reporter_b)):
        services.cell_save(submission=submission, changes=full_changes(submission), actor=user)
        services.submission_submit(submission=submission, actor=user)
    return sub_b


def budget_row_id(submission):
    return submission.template.rows.get(indicator__code="BUDGET_REVENUE").pk


def growth_row_id(submission):
    return submission.template.rows.get(indicator__code="GRDP_GROWTH").pk


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_year_of_a_province(page, live_server, cycle, planner, leader, province, sub_a,
                                reporter_a):
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/ke-hoach/KH-2026/")
    with page.expect_navigation():
        page.get_by_role("button", name="Lập chỉ tiêu dự thảo từ cột KH của đợt").click()
    assert "chỉ tiêu dự thảo từ đợt kh-2026" in page.content()
    assert Target.objects.filter(plan__code="KH-2026").count() == 9

    page.goto(f"{live_server.url}/ke-hoach/KH-2026/giao-chi-tieu/")
    growth = Target.objects.get(plan__code="KH-2026", indicator__code="GRDP_GROWTH")
    budget = Target.objects.get(plan__code="KH-2026", indicator__code="BUDGET_REVENUE")
    page.select_option(f"select[name=r-{growth.pk}]", "SO-A")
    page.select_option(f"select[name=r-{budget.pk}]", "SO-B")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu việc giao chỉ tiêu").click()
    assert "Đã giao" in page.content()
    growth.refresh_from_db()
    assert growth.responsible_unit.code == "SO-A"

    # the office returns Sở A's form; Sở A types its own row, Sở B's row is read-only context
    services.submission_return(submission=sub_a, actor=planner, comment="Xem lại")
    login(page, live_server, reporter_a.username)
    page.goto(f"{live_server.url}/bao-cao/bieu/{sub_a.pk}/")
    budget_row = page.locator(f'#grid tr[data-row="{budget_row_id(sub_a)}"]')
    assert "context" in (budget_row.get_attribute("class") or "")
    assert "Sở B chịu trách nhiệm" in budget_row.inner_text()
    assert budget_row.locator("td.ed").count() == 0
    own = page.locator(f'#grid tr[data-row="{growth_row_id(sub_a)}"] td[data-k="KH_NEXT"]')
    own.click()
    page.keyboard.type("8,5")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('save-state').textContent === 'Đã lưu'")
    assert sub_a.cells.get(row__indicator__code="GRDP_GROWTH", column__key="KH_NEXT").value \
        == Decimal("8.5")
    screenshot(page, "form-follows-responsibility")
    login(page, live_server, planner.username)

    # the office accepts Sở B's form: its budget revenue becomes the value of record, its GRDP
    # growth (Sở A's row) is kept beside it
    page.goto(f"{live_server.url}/bao-cao/bieu/{cycle.pk}/")
    with page.expect_navigation():
        page.click("#btn-accept")
    assert "Đã tiếp nhận biểu" in page.content()
    assert Value.objects.get(indicator__code="BUDGET_REVENUE", unit=province, period="2026",
                             kind="plan").reported_by.code == "SO-B"
    assert not Value.objects.filter(indicator__code="GRDP_GROWTH", period="2026").exists()
    assert ReportedValue.objects.get(indicator__code="GRDP_GROWTH", period="2026").value == 8

    page.goto(f"{live_server.url}/danh-gia/nam/?year=2025")
    assert "1 có nguy cơ không đạt" in page.locator("#year-summary").inner_text()

    login(page, live_server, leader.username)
    page.goto(f"{live_server.url}/danh-gia/nam/?year=2025&at_risk=on")
    rows = page.locator("#progress ~ table tbody tr")
    assert rows.count() == 1
    assert "Có nguy cơ không đạt" in rows.first.inner_text()
    assert "Tốc độ tăng trưởng GRDP" in rows.first.inner_text()
    screenshot(page, "year-at-risk")
