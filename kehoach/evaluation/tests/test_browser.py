"""The evaluation page in a real browser: charts drawn, details open, printable."""

from __future__ import annotations

import pytest

from kehoach.core.tests.browser import login, screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_evaluation_page_draws_charts(page, live_server, planner, cast_plan):
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/danh-gia/ke-hoach/KH-THU/?year=2024")
    page.wait_for_load_state("networkidle")
    assert "1/2 chỉ tiêu đạt và vượt kế hoạch" in page.locator("#summary").inner_text()
    drawn = page.evaluate("() => !!window.Chart && !!window.Chart.getChart('chart-0')")
    assert drawn
    page.locator("details summary").first.click()
    assert page.locator("details[open] dl").first.is_visible()
    screenshot(page, "evaluation-plan")
    page.emulate_media(media="print")
    assert not page.locator("header.topbar").is_visible()
