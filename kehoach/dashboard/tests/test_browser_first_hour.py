"""Each role's first hour in a browser set to English: the interface stays Vietnamese, the start
page shows the role's work, and the role can do it (screenshots in test-artifacts/)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kehoach.consultation.tests.conftest import make_consultation
from kehoach.core.tests.browser import login, screenshot
from kehoach.core.tests.factories import PlanFactory, TargetFactory
from kehoach.reporting import services
from kehoach.reporting.models import ProposalItem, Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _vietnamese(page) -> None:
    assert page.locator("html").get_attribute("lang") == "vi"
    header = page.locator("header").inner_text()
    assert "Log in" not in header and "Log out" not in header


def test_reporter_first_hour(english_page, live_server, round_, templates, unit_a, unit_b,
                             reporter_a, planner, commune):
    page = english_page
    pl3 = services.round_assign(round=round_, units=[unit_a], templates=[templates["PL3"]],
                                actor=planner)[0]
    login(page, live_server, reporter_a.username)
    _vietnamese(page)
    todo = page.locator("#todo")
    assert "Biểu cần điền và gửi" in todo.inner_text() and "15/07/2025" in todo.inner_text()
    menu = page.locator("header nav").inner_text()
    assert "Biểu mẫu" in menu and "Đánh giá" not in menu
    screenshot(page, "first-hour-reporter-home")
    todo.get_by_role("link", name=pl3.template.name).click()
    page.fill("#id_pr-0-text", "Đề án chuyển đổi số")
    page.fill("#id_pr-0-lead_unit", "so a")
    page.locator("#id_pr-0-lead_unit-list [role=option]", has_text="Sở A").click()
    page.fill("#id_pr-0-coordinating_units", "so b")
    page.locator("#id_pr-0-coordinating_units-list [role=option]", has_text="Sở B").click()
    page.click("#proposals-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    _vietnamese(page)
    assert "Đã lưu 1 đề xuất." in page.locator(".messages").inner_text()
    screenshot(page, "first-hour-reporter-saved")
    item = ProposalItem.objects.get(submission=pl3)
    assert item.lead_unit == unit_a and [u.code for u in item.coordinating_units.all()] == ["SO-B"]
    page.click("header a.brand")
    assert "Đang nhập" in page.locator("#todo").inner_text()


def test_planning_office_first_hour(english_page, live_server, round_, sub_a, sub_b, planner):
    page = english_page
    Submission.objects.filter(pk=sub_a.pk).update(status="submitted", submitted_at=timezone.now())
    login(page, live_server, planner.username)
    _vietnamese(page)
    waiting = page.locator("#waiting")
    assert "Biểu đã gửi chờ tiếp nhận (1)" in waiting.inner_text()
    assert "Sở B" in page.locator("#waiting-late").inner_text()
    screenshot(page, "first-hour-planner-home")
    waiting.locator("#waiting-submitted a").first.click()
    page.wait_for_load_state("networkidle")
    _vietnamese(page)
    assert "Sở A" in page.locator("main").inner_text()
    screenshot(page, "first-hour-planner-submission")
    page.click("header a.brand")
    page.locator("#waiting-late a").first.click()
    page.wait_for_load_state("networkidle")
    _vietnamese(page)
    assert "Sở B" in page.locator("main").inner_text()
    screenshot(page, "first-hour-planner-late")


def test_leader_first_hour(english_page, live_server, leader, unit_a, province):
    page = english_page
    plan = PlanFactory(code="KH-5N", name="Kế hoạch 5 năm 2021-2025", status="approved",
                       unit=province)
    TargetFactory(plan=plan, unit=province)
    login(page, live_server, leader.username)
    _vietnamese(page)
    assert "Chỉ tiêu không đạt và có nguy cơ không đạt" in page.locator("main").inner_text()
    screenshot(page, "first-hour-leader-home")
    page.locator("header nav").get_by_role("link", name="Đánh giá").click()
    page.select_option("select[name=plan]", "KH-5N")
    page.get_by_role("button", name="Xem đánh giá").click()
    page.wait_for_load_state("networkidle")
    _vietnamese(page)
    assert "Kế hoạch 5 năm 2021-2025" in page.locator("main").inner_text()
    screenshot(page, "first-hour-leader-evaluation")


def test_citizen_first_hour(english_page, live_server, planner, province):
    page = english_page
    consultation = make_consultation(actor=planner, slug="du-thao-2026")
    PlanFactory(code="KH-CB", name="Kế hoạch đã công bố", status="approved", unit=province)
    page.goto(live_server.url + "/")
    _vietnamese(page)
    assert "Đăng nhập" in page.locator("header").inner_text()
    assert [t.strip() for t in page.locator("header nav a").all_inner_texts()] == [
        "Tình hình thực hiện", "Kế hoạch", "Lấy ý kiến"]
    screenshot(page, "first-hour-citizen-home")
    page.locator("#consultations").get_by_role("link", name=consultation.title).click()
    page.wait_for_load_state("networkidle")
    _vietnamese(page)
    assert consultation.title in page.locator("main").inner_text()
    screenshot(page, "first-hour-citizen-consultation")
    page.locator("header nav").get_by_role("link", name="Kế hoạch").click()
    page.get_by_role("link", name="Kế hoạch đã công bố").first.click()
    page.wait_for_load_state("networkidle")
    _vietnamese(page)
    screenshot(page, "first-hour-citizen-plan")
