"""The unit picker in a browser: Phụ lục III's Chủ trì / Phối hợp chosen by name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kehoach.core.tests.browser import login, screenshot
from kehoach.reporting import services
from kehoach.reporting.models import ProposalItem


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reporter_chooses_units_by_name(page, live_server, round_, templates, unit_a, unit_b,
                                        reporter_a, planner, commune):
    submission = services.round_assign(round=round_, units=[unit_a], templates=[templates["PL3"]],
                                       actor=planner)[0]
    login(page, live_server, reporter_a.username)
    page.goto(live_server.url + reverse("reporting:submission", args=[submission.pk]))
    page.fill("#id_pr-0-text", "Đề án chuyển đổi số")
    page.fill("#id_pr-0-lead_unit", "so a")
    page.locator("#id_pr-0-lead_unit-list [role=option]", has_text="Sở A").click()
    coordinating = page.locator("#id_pr-0-coordinating_units")
    coordinating.fill("tat ca xa")
    page.locator("#id_pr-0-coordinating_units-list [role=option]").first.wait_for()
    coordinating.press("ArrowDown")
    coordinating.press("Enter")
    coordinating.fill("SỞ B")
    page.locator("#id_pr-0-coordinating_units-list [role=option]", has_text="Sở B").wait_for()
    coordinating.press("Enter")
    assert page.locator("#proposals .unit-picker-chosen li").all_inner_texts() == [
        "Sở A ×", "Tất cả xã, phường của Tỉnh Thử Nghiệm ×", "Sở B ×"]
    screenshot(page, "picker-proposals")
    page.click("#proposals-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    item = ProposalItem.objects.get(submission=submission)
    assert item.lead_unit == unit_a
    assert sorted(u.code for u in item.coordinating_units.all()) == ["SO-B", "XA-1"]
    assert "Đã lưu 1 đề xuất." in page.locator(".messages").inner_text()
