"""In Chromium: the planning office adds, edits and deletes a target inline (htmx), and the plan
page prints on A4."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.core.tests.browser import login, screenshot
from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory
from kehoach.plans.models import Target


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_inline_target_editing(page, live_server, planner, province):
    plan = PlanFactory(code="QH", name="Kế hoạch thực hiện Quy hoạch tỉnh", unit=province,
                       start_year=2021, end_year=2030, document="269/KH-UBND")
    grdp = IndicatorFactory(code="GRDP", name_vi="Tốc độ tăng trưởng GRDP", unit="%")
    IndicatorFactory(code="FOREST", name_vi="Tỷ lệ che phủ rừng", unit="%", group="environment")
    TargetFactory(plan=plan, indicator=grdp, unit=province, period="2021-2030", start_year=2021,
                  end_year=2030, value=Decimal("7.5"), target_type="average_growth")
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/ke-hoach/QH/")
    assert "trên 7,5%/năm bình quân giai đoạn 2021-2030" in page.inner_text("#targets")
    page.select_option("#id_new-indicator", "FOREST")
    page.fill("#id_new-period", "2030")
    page.select_option("#id_new-comparator", "above")
    page.fill("#id_new-value", "70")
    page.click("#targets form.card button[type=submit]")
    page.wait_for_selector("text=trên 70%")
    assert "Tài nguyên và môi trường" in page.inner_text("#targets")
    forest = Target.objects.get(indicator__code="FOREST")
    page.click(f"#target-{forest.pk} a")
    page.wait_for_selector("#id_edit-value")
    page.fill("#id_edit-value", "72,5")
    page.click(f"#target-{forest.pk} button[type=submit]")
    page.wait_for_selector("text=trên 72,5%")
    forest.refresh_from_db()
    assert forest.value == Decimal("72.5")
    screenshot(page, "plan-detail-planner")
    page.emulate_media(media="print")
    assert not page.locator("header.topbar").is_visible()
    page.pdf(path=str(screenshot(page, "plan-detail-print").with_suffix(".pdf")), format="A4")
    page.emulate_media(media="screen")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(f"#target-{forest.pk} button.link")
    page.wait_for_selector("text=trên 72,5%", state="detached")
    assert not Target.objects.filter(pk=forest.pk).exists()
