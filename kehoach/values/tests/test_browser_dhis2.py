"""In the browser: a DHIS2 file imported with its mapping, the import summary read on the page;
a background import's progress page."""

from __future__ import annotations

import json
import uuid

import pytest

from kehoach.core.tests.browser import login, screenshot
from kehoach.core.tests.factories import IndicatorFactory
from kehoach.values.jobs import job_path
from kehoach.values.models import ImportJob, Value
from kehoach.values.tests.test_dhis2 import SAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_planner_imports_the_dhis2_sample_and_reads_the_summary(page, live_server, planner,
                                                                   unit_a, tmp_path):
    IndicatorFactory(code="IND_A")
    IndicatorFactory(code="IND_B")
    mapping = tmp_path / "map.csv"
    mapping.write_text("dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,IND_A\n"
                       f"data_element,DE_B,IND_B\norg_unit,OU_A,{unit_a.code}\n")
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/so-lieu/")
    page.click("text=DHIS2")
    page.set_input_files("#id_file", str(SAMPLES / "dataValueSetBcode.xml"))
    page.set_input_files("#id_mapping", str(mapping))
    page.click("form[action$='/dhis2/'] button")
    page.wait_for_selector("#import-result")
    text = page.inner_text("#import-result")
    assert "WARNING" in text and "OU_B" in text and "DE_C" in text
    screenshot(page, "values-dhis2-import")
    assert Value.objects.count() == 4


def test_a_background_import_shows_its_progress(page, live_server, planner, settings, tmp_path):
    settings.KEHOACH_IMPORT_DIR = tmp_path
    job = ImportJob.objects.create(id=uuid.uuid4(), user=planner, kind="values",
                                   filename="toan-quoc.csv", size=200_000_000, status="running")
    job_path(job, "progress").write_text(json.dumps({"read": 1_250_000, "checked": 0,
                                                     "stored": 0, "bytes": 80_000_000}))
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/so-lieu/nhap-tep/viec/{job.pk}/")
    assert "1.250.000" in page.inner_text("#job")
    screenshot(page, "values-import-job-running")
    for read, checked in ((2_000_000, 0), (3_000_000, 3_000_000)):  # the bar keeps moving
        job_path(job, "progress").write_text(json.dumps({"read": read, "checked": checked,
                                                         "stored": 0, "bytes": 150_000_000}))
        page.wait_for_function("([n, c]) => { const j = document.querySelector('#job'); return j "
                               "&& j.innerText.includes('Đã đọc ' + n) && j.innerText.includes("
                               "'đã kiểm tra ' + c) }", arg=[f"{read:,}".replace(",", "."),
                                                          f"{checked:,}".replace(",", ".")],
                               timeout=5000)
    ImportJob.objects.filter(pk=job.pk).update(status="done", result={
        "ok": True, "created": 3_000_000, "updated": 0, "unchanged": 0, "errors": [],
        "summary": "tạo mới 3000000, cập nhật 0, không đổi 0"})
    page.wait_for_selector("text=tạo mới 3000000", timeout=5000)
    screenshot(page, "values-import-job-done")
