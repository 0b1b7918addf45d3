"""Both dashboards in a browser on the demo: the leader signs in and the start page answers
"which targets are we missing?" without a click (charts drawn, nothing refused by the page's
Content-Security-Policy); a visitor reads the public dashboard. Screenshots and the A4 landscape
print in test-artifacts/."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from kehoach.core.tests.browser import ARTIFACTS, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_leader_sees_the_missed_targets_first(page, live_server, demo):
    problems = _watch(page)
    login(page, live_server, "lanhdao", "demo-lanhdao-2026")
    # the start page itself answers, for the latest year with targets to judge
    assert page.locator("h1").inner_text().startswith("Tình hình thực hiện kế hoạch năm ")
    assert page.locator("#attention tbody tr[class^='att-']").count() >= 1
    page.goto(f"{live_server.url}/?year=2024")  # Bắc Kạn's last annual plan, whatever comes later
    assert page.locator("h1").inner_text() == "Tình hình thực hiện kế hoạch năm 2024"
    rows = page.locator("#attention tbody tr[class^='att-']")
    first = rows.first.inner_text()
    assert "Tốc độ tăng trưởng kinh tế (GRDP)" in first and "Không đạt" in first
    assert "Sở Kế hoạch và Đầu tư tỉnh Bắc Kạn" in first and "còn cách mục tiêu" in first
    at_risk = page.locator("#attention tr.att-at_risk")
    assert at_risk.count() >= 1
    text = at_risk.first.inner_text()
    assert "Có nguy cơ không đạt" in text and "%/năm trong" in text and "Sở " in text
    kinds = [c.split()[0] for c in rows.evaluate_all("rows => rows.map(r => r.className)")]
    assert kinds == sorted(
        kinds, key=["att-not_met", "att-at_risk", "att-acceleration_needed"].index
    )
    # the units' own judgements beside the list: the beds judged "khó đạt" while on track
    judged = page.locator("#judgements tbody tr")
    assert judged.count() >= 1
    beds = judged.filter(has_text="Số giường bệnh trên 1 vạn dân").first.inner_text()
    assert "khó đạt" in beds and "Khác với đánh giá của đơn vị" in beds
    # Bắc Kạn's 8 districts ranked (demo figures adding up to the province's)
    ranking = page.locator("#communes table.ranking tbody tr")
    assert ranking.count() == 8
    assert "Các huyện, thị xã, thành phố theo chỉ tiêu" in page.locator("#communes h2").inner_text()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector("
        "'#trends canvas')) !== undefined"
    )
    assert (
        page.evaluate(
            "() => Chart.getChart(document.getElementById('capital-chart')).data.datasets.length"
        )
        == 2
    )
    screenshot(page, "dashboard-leader")
    page.emulate_media(media="print")
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "dashboard-leader.pdf"), prefer_css_page_size=True)
    page.emulate_media(media="screen")
    with page.expect_navigation():  # choosing a year reloads the page (board.js)
        page.select_option("select[name=year]", "2023")
    assert page.locator("h1").inner_text() == "Tình hình thực hiện kế hoạch năm 2023"
    assert not problems, problems


def test_visitor_reads_the_public_dashboard(page, live_server, demo):
    problems = _watch(page)
    page.goto(f"{live_server.url}/")
    page.locator("header nav").get_by_role("link", name="Tình hình thực hiện").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Tình hình thực hiện kế hoạch")
    with page.expect_navigation():  # the demo opens on 2025; choosing 2024 reloads the page
        page.select_option("select[name=year]", "2024")
    main = page.locator("main").inner_text()
    assert "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2024" in main
    assert "Kế hoạch phát triển kinh tế - xã hội năm 2024 tỉnh Bắc Kạn" in main
    assert "(bản demo)" not in main  # the draft and consultation plans of Thái Nguyên
    assert "Không đạt" in main and "cập nhật" in main
    screenshot(page, "dashboard-public")
    assert not problems, problems
