"""In Chromium: a unit reports progress on its late task with a file; the planning office sees the
report and its evidence; the leader sees the task turn from late to done."""

from __future__ import annotations

import pytest

from kehoach.core.tests.browser import login, screenshot
from kehoach.tasks import services
from kehoach.tasks.models import Evidence, Task
from kehoach.testing.factories import PlanFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_report_with_evidence_late_to_done(page, live_server, planner, reporter_a, leader,
                                           unit_a, province, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = PlanFactory(code="KH-56", name="Kế hoạch 56", kind="master", start_year=2021,
                       end_year=2030, unit=province, status="approved")
    task = services.task_create(actor=planner, plan=plan, number="4", lead_unit=unit_a,
                                text="Rà soát, điều chỉnh quy hoạch chung đô thị",
                                deadline_text="Trước 31/12/2025", product="Quyết định")
    login(page, live_server, leader.username)
    page.goto(f"{live_server.url}/nhiem-vu/{task.pk}/")
    assert page.is_visible("#task-overdue")
    page.context.clear_cookies()

    login(page, live_server, reporter_a.username)
    page.goto(f"{live_server.url}/nhiem-vu/")
    assert "Quá hạn" in page.inner_text("main")
    page.click("text=Rà soát, điều chỉnh quy hoạch chung đô thị")
    evidence = tmp_path / "quyet-dinh.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% quyet dinh phe duyet\n")
    page.fill("#id_percent", "100")
    page.fill("#id_text", "UBND tỉnh đã phê duyệt điều chỉnh quy hoạch")
    page.set_input_files("#id_evidence", str(evidence))
    screenshot(page, "tasks-report-form")
    page.click("#progress-form button[type=submit]")
    page.wait_for_selector("text=Đã gửi báo cáo tiến độ.")
    assert Task.objects.get(pk=task.pk).status == "done_late"
    page.context.clear_cookies()

    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/nhiem-vu/{task.pk}/")
    reports = page.inner_text("#reports")
    assert "UBND tỉnh đã phê duyệt" in reports and "quyet-dinh.pdf" in reports
    with page.expect_download() as download:
        page.click("#reports >> text=quyet-dinh.pdf")
    assert download.value.suggested_filename == "quyet-dinh.pdf"
    assert Evidence.objects.get().size == len(evidence.read_bytes())
    page.context.clear_cookies()

    login(page, live_server, leader.username)
    page.goto(f"{live_server.url}/nhiem-vu/{task.pk}/")
    assert page.inner_text("#task-status") == "Hoàn thành chậm"
    assert not page.is_visible("#task-overdue")
    screenshot(page, "tasks-detail-done")
