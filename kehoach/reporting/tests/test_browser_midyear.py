"""The mid-year form in a real browser: the first half typed, the estimate's ratios previewed as
you type, a difference in points on a rate's row (never a rate divided by a rate)."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.core.tests.browser import login, screenshot
from kehoach.reporting import services
from kehoach.reporting.models import Cell
from kehoach.reporting.tests.conftest import row

SAVED = "() => document.getElementById('save-state').textContent === 'Đã lưu'"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_mid_year_grid_previews_ratio_and_difference(page, live_server, planner, templates,
                                                     unit_a, province, reporter_a,
                                                     last_year_values):
    round = services.round_create(
        actor=planner, code="6t-2025", title="Báo cáo 6 tháng đầu năm 2025",
        kind="six_month_report", base_year=2025, period_start=2025, period_end=2025,
        milestones=[{"name": "Gửi", "date": dt.date.today() + dt.timedelta(days=7),
                     "actor": "units"}])
    services.round_assign(round=round, units=[unit_a], templates=[templates["PL1-6THANG"]],
                          actor=planner, subject_units={unit_a.pk: province})
    services.round_open(round=round, actor=planner)
    sub = round.submissions.get()
    login(page, live_server, reporter_a.username)
    page.goto(f"{live_server.url}/bao-cao/bieu/{sub.pk}/")

    def cell(code, key):
        return page.locator(f'#grid tr[data-row="{row(sub, code).pk}"] td[data-k="{key}"]')

    cell("BUDGET_REVENUE", "TH_H1").click()
    page.keyboard.type("480")
    page.keyboard.press("Tab")
    page.keyboard.type("1.050")
    page.keyboard.press("Enter")
    assert cell("BUDGET_REVENUE", "UTH_KH").inner_text() == "105,0"  # 1.050 / KH 1.000
    cell("POVERTY_RATE", "UTH_Y").click()
    page.keyboard.type("11,5")
    page.keyboard.press("Enter")
    assert cell("POVERTY_RATE", "UTH_KH").inner_text() == "-0,5"  # 11,5% against KH 12%
    assert cell("POVERTY_RATE", "UTH_TH").inner_text() == "-2,5"  # against TH 14%
    assert "UTH_Y - KH_Y" in cell("POVERTY_RATE", "UTH_KH").get_attribute("title")
    page.wait_for_function(SAVED)
    screenshot(page, "grid-mid-year")
    assert Cell.objects.get(row=row(sub, "BUDGET_REVENUE"), column__key="TH_H1").value == 480
