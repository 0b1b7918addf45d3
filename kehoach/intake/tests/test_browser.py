"""The review page in a real browser: paste, change an item (htmx), untick one, create targets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.core.tests.browser import login, screenshot
from kehoach.intake.tests.conftest import TEXT
from kehoach.plans.models import Target


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_paste_review_and_create(page, live_server, planner, catalogue, plan):
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/doc-chi-tieu/")
    page.fill("textarea[name=text]", TEXT)
    page.click("#extract-form button[type=submit]")
    page.wait_for_selector("tbody.item")
    assert page.locator("mark").first.inner_text() == "trên 7,5%"
    tourists = page.locator("tbody.item").filter(has_text="Tổng lượng khách du lịch")
    tourists.locator("select[name=indicator]").select_option(label="TOURISTS – Tổng lượt khách du lịch (94)")
    page.wait_for_selector("text=3.000.000 lượt người")
    growth = page.locator("tbody.item").filter(has_text="Tốc độ tăng trưởng kinh tế")
    growth.locator("input[name=value]").fill("8")
    growth.locator("input[name=value]").dispatch_event("change")
    page.wait_for_selector("text=đã sửa")
    forest = page.locator("tbody.item").filter(has_text="tỷ lệ che phủ rừng")
    forest.locator("input[name=accepted]").uncheck()
    page.wait_for_selector("tbody.item.dropped")
    screenshot(page, "intake-review")
    page.select_option("#create-form select[name=plan]", plan.code)
    page.click("#create-form button[type=submit]")
    page.wait_for_selector("text=Đã tạo 4 chỉ tiêu")
    got = {t.indicator.code: t.value for t in Target.objects.filter(plan=plan)}
    assert got == {"GRDP_GROWTH": Decimal(8), "GRDP_PER_CAPITA": Decimal(100),
                   "SOCIAL_INVESTMENT": Decimal(105000), "TOURISTS": Decimal(3000000)}
