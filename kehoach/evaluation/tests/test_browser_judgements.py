"""In a real browser: a department judges a master-plan target it answers for ("khó đạt", with a
reason) from its start page; the leader sees it beside the computed class, highlighted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from kehoach.core.tests.browser import login, screenshot
from kehoach.evaluation.models import TargetJudgement
from kehoach.evaluation.tests.conftest import put
from kehoach.testing.factories import IndicatorFactory, PlanFactory, TargetFactory


@pytest.fixture
def target(province, unit_a):
    year = timezone.localdate().year - 1
    plan = PlanFactory(code="QH-TN", kind="master", start_year=year - 3, end_year=year + 5,
                       unit=province, status="approved")
    indicator = IndicatorFactory(code="BEDS", name_vi="Số giường bệnh trên 1 vạn dân",
                                 unit="giường", kind="level", aggregation="none")
    for offset, value in enumerate((28, 29, 30, 31, 32)):
        put(indicator, province, str(year - 4 + offset), value)
    return TargetFactory(plan=plan, indicator=indicator, unit=province, period=str(year + 5),
                         start_year=year + 5, end_year=year + 5, comparator="at_least",
                         value=Decimal("35"), responsible_unit=unit_a)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_department_judges_and_the_leader_sees_it(page, live_server, reporter_a, leader,
                                                     target):
    login(page, live_server, reporter_a.username)
    page.goto(f"{live_server.url}/")
    page.locator("#my-judgements a").first.click()
    page.wait_for_load_state("networkidle")
    row = page.locator(f"#j-{target.pk}")
    row.locator("select[name=outlook]").select_option("difficult")
    row.locator("textarea[name=reason]").fill("Bệnh viện đa khoa (cơ sở 2) chậm giải phóng mặt bằng")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "khác với tính toán" in page.locator(f"#j-{target.pk}").inner_text()
    screenshot(page, "judgements-unit")
    assert TargetJudgement.objects.get().outlook == "difficult"
    page.context.clear_cookies()
    login(page, live_server, leader.username)
    page.goto(f"{live_server.url}/danh-gia/nam/?year={dt.date.today().year - 1}")
    page.wait_for_load_state("networkidle")
    cell = page.locator(f"#p-{target.pk} td.judgement-cell.disagree")
    assert "chậm giải phóng mặt bằng" in cell.inner_text()
    screenshot(page, "judgements-year")
