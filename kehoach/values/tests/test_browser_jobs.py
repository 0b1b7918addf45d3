"""In Chromium: a large values file uploaded on the page becomes a background job; the person
leaves, finds it again in 'Các lần nhập tệp của tôi', reloads its page and downloads its bad rows
(headed in Vietnamese); a running job's list refreshes itself as the counts move."""

from __future__ import annotations

import json
import uuid

import pytest

from kehoach.core.tests.browser import login, screenshot
from kehoach.core.tests.factories import IndicatorFactory
from kehoach.values.jobs import job_path
from kehoach.values.models import ImportJob, Value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def background(settings, tmp_path):
    settings.KEHOACH_BACKGROUND_IMPORT_BYTES = 10_000  # a file of 400 rows goes to the worker
    settings.KEHOACH_IMPORT_DIR = tmp_path / "imports"


def test_a_large_upload_with_bad_rows_ends_with_its_file_of_bad_rows(page, live_server, planner,
                                                                      unit_a, tmp_path):
    IndicatorFactory(code="REVENUE")
    rows = [f"{unit_a.code},REVENUE,{y}-{m:02d},actual,{y * 100 + m}" for y in range(1991, 2025)
            for m in range(1, 13)]
    rows[9] = f"{unit_a.code},REVENUE,2030-13,actual,1"  # line 11: a period that is not one
    rows[299] = f"{unit_a.code},REVENUE,2030-01,actual,abc"  # line 301: not a number
    path = tmp_path / "so-lieu-lon.csv"
    path.write_text("unit,indicator,period,kind,value\n" + "\n".join(rows) + "\n")
    assert path.stat().st_size > 10_000
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/so-lieu/nhap-tep/")
    page.set_input_files("#id_file", str(path))
    page.click("form.stacked button")
    page.wait_for_url("**/so-lieu/nhap-tep/viec/*/")
    job = ImportJob.objects.get()
    assert job.status == "failed" and not Value.objects.exists()
    page.reload()  # the job page survives a reload
    text = page.inner_text("#job")
    assert "2 lỗi; không có dữ liệu nào được lưu." in text
    assert "Kỳ “2030-13” không hợp lệ" in text and "“abc” không phải là số." in text
    screenshot(page, "values-import-job-bad-rows")

    page.goto(f"{live_server.url}/so-lieu/")  # leave, come back through the list of one's jobs
    page.goto(f"{live_server.url}/so-lieu/nhap-tep/")
    page.click("text=Các lần nhập tệp của tôi")
    row = page.locator("#jobs tbody tr", has_text="so-lieu-lon.csv")
    assert "Có lỗi, không lưu gì" in row.inner_text()
    badge = row.locator(".badge").evaluate("b => getComputedStyle(b).color")
    assert badge == "rgb(179, 38, 30)"  # the red of a refusal (--bad), not the grey of a draft
    with page.expect_download() as download:
        row.locator("a", has_text="Tải danh sách dòng lỗi (CSV)").click()
    assert download.value.suggested_filename == "loi-so-lieu-lon.csv"
    lines = download.value.path().read_bytes().decode("utf-8-sig").splitlines()
    assert lines == ["Dòng,Cột,Lỗi",
                     '11,period,"Kỳ “2030-13” không hợp lệ: dùng 2024, 2024-H1, 2024-Q3, '
                     '2024-09 hoặc 2021-2025."',
                     "301,value,“abc” không phải là số."]
    row.locator("a", has_text="so-lieu-lon.csv").click()
    page.wait_for_url(f"**/so-lieu/nhap-tep/viec/{job.pk}/")


def test_the_list_of_jobs_follows_a_running_job(page, live_server, planner):
    job = ImportJob.objects.create(id=uuid.uuid4(), user=planner, kind="values",
                                   filename="toan-quoc.csv", size=200_000_000, status="running")
    progress = job_path(job, "progress")
    progress.write_text(json.dumps({"read": 1_250_000, "checked": 0, "stored": 0,
                                    "bytes": 80_000_000}))
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/so-lieu/nhap-tep/viec/")
    assert "Đã đọc 1.250.000 dòng" in page.inner_text("#jobs")
    progress.write_text(json.dumps({"read": 3_000_000, "checked": 3_000_000, "stored": 0,
                                    "bytes": 200_000_000}))
    page.wait_for_function("() => document.querySelector('#jobs').innerText.includes("
                           "'đã kiểm tra 3.000.000')", timeout=6000)
    screenshot(page, "values-import-jobs-running")
    ImportJob.objects.filter(pk=job.pk).update(status="done", result={
        "ok": True, "created": 3_000_000, "summary": "tạo mới 3000000, cập nhật 0, không đổi 0"})
    page.wait_for_function("() => document.querySelector('#jobs').innerText.includes("
                           "'tạo mới 3000000')", timeout=6000)
    assert "Xong" in page.inner_text("#jobs")
    screenshot(page, "values-import-jobs-done")
    page.goto(f"{live_server.url}/so-lieu/nhap-tep/viec/{job.pk}/")
    assert "tạo mới 3000000" in page.inner_text("#job")
