"""In the browser: the planning office composes the report (number, date, signer, section II),
the job runs in the background, the page shows it done and the .docx downloads with what was
set; the templates page. Screenshots under test-artifacts/."""

from __future__ import annotations

import pytest
from docx import Document

from kehoach.core.tests.browser import login, screenshot


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
