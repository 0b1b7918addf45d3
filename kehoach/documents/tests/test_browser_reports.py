"""In the browser: the planning office composes the report (number, date, signer, section II),
the job runs in the background, the page shows it done and the .docx downloads with what was
set; the templates page; a running job's page follows its progress to the end. Screenshots
under test-artifacts/."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone
from docx import Document

from kehoach.core.tests.browser import login, screenshot
from kehoach.documents.jobs import job_file
from kehoach.documents.models import ReportJob


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_compose_generate_and_download(page, live_server, planner, report_plan, settings, tmp_path):
    settings.KEHOACH_REPORT_DIR = tmp_path / "reports"
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/van-ban/")
    form = page.locator("#compose-start")
    form.locator("input[name=year]").fill("2024")
    form.locator("button").click()
    page.wait_for_load_state("networkidle")
    assert "/van-ban/bao-cao/soan/" in page.url
    assert page.input_value("#id_signer_deputy") == "KT. CHỦ TỊCH"
    page.fill("#id_number", "215")
    page.fill("#id_date", "05/02/2025")
    page.fill("#id_signer_name", "Nguyễn Văn An")
    page.fill("#id_shortcomings", "Tăng trưởng chưa đạt kế hoạch đề ra.")
    screenshot(page, "documents-compose")
    page.click("#compose-form button")
    page.wait_for_selector("#job-download")
    assert "/van-ban/bao-cao/viec/" in page.url
    screenshot(page, "documents-job-done")
    with page.expect_download() as download:
        page.click("#job-download")
    document = Document(str(download.value.path()))
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert left[-1] == "Số: 215/BC-UBND"
    texts = [p.text for p in document.paragraphs]
    assert "Tăng trưởng chưa đạt kế hoạch đề ra." in texts
    page.goto(f"{live_server.url}/van-ban/mau/")
    assert "Đang dùng mẫu có sẵn" in page.content()
    screenshot(page, "documents-templates")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_quick_download_with_number_date_and_signer(page, live_server, planner, report_plan):
    """The documents page: the officer opens "Số, ngày ban hành, người ký, nơi nhận", fills the
    number, the date (dd/mm/yyyy, as written in Vietnam), the signer and the head signing
    himself; the report downloads (htmx) with them, the usual recipients kept."""
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/van-ban/")
    form = page.locator("#report-form")
    form.locator("input[name=year]").fill("2024")
    assert not page.locator("#quick-number").is_visible()
    page.click("#report-options summary")
    page.fill("#quick-number", "215")
    page.fill("#quick-date", "05/02/2025")
    page.fill("#quick-signer-name", "Nguyễn Văn An")
    page.check("#quick-head-signs")
    screenshot(page, "documents-quick-options")
    with page.expect_download() as download:
        form.locator("button").click()
    page.wait_for_selector("#report-result a[data-auto-download]")
    screenshot(page, "documents-quick-done")
    document = Document(str(download.value.path()))
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    right = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text]
    assert left[-1] == "Số: 215/BC-UBND" and right[-1].endswith("ngày 05 tháng 02 năm 2025")
    sign = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    signer = [p.text for p in sign.rows[0].cells[1].paragraphs if p.text]
    assert signer[-2:] == ["CHỦ TỊCH", "Nguyễn Văn An"] and "KT. CHỦ TỊCH" not in signer
    assert "Bộ Tài chính (b/c)" in sign.rows[0].cells[0].text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_running_job_page_follows_the_progress_to_the_download(page, live_server, planner,
                                                                report_plan, settings, tmp_path):
    """The job page polls with htmx: each poll must leave the polled element in place (an
    outerHTML swap of #job removed it after the first poll and the page kept "… 10%")."""
    settings.KEHOACH_REPORT_DIR = tmp_path / "reports"
    job = ReportJob.objects.create(id=uuid.uuid4(), user=planner, plan=report_plan["plan"], year=2024,
                                   format="docx", status="running", stage="content", percent=10)
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/van-ban/bao-cao/viec/{job.pk}/")
    assert "Đang tổng hợp số liệu và đánh giá… 10%" in page.inner_text("#job")
    for stage, text, percent in (("writing", "Đang viết văn bản…", 45),
                                 ("pdf", "Đang chuyển sang PDF (LibreOffice)…", 80)):
        ReportJob.objects.filter(pk=job.pk).update(stage=stage, percent=percent)
        page.wait_for_function("(t) => { const j = document.querySelector('#job'); return j && "
                               "j.innerText.includes(t) && document.querySelector("
                               "'#job-progress').value === " + str(percent) + " }",
                               arg=f"{text} {percent}%", timeout=5000)
    screenshot(page, "documents-job-running")
    job_file(job).write_bytes(b"PK fake docx")
    ReportJob.objects.filter(pk=job.pk).update(status="done", stage="", percent=100,
                                               filename="bao-cao-KH-BC-2024.docx", size=12,
                                               finished_at=timezone.now())
    page.wait_for_selector("#job #job-download", timeout=5000)
    text = page.inner_text("#job")
    assert "Đã tạo báo cáo: bao-cao-KH-BC-2024.docx" in text and "%" not in text
    assert page.locator("#job").count() == 1 and page.locator("#job-progress").count() == 0
    assert page.get_attribute("#job-status", "data-status") == "done"
