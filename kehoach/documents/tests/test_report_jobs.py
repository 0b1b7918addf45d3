"""Reports made in the background: the compose page (prefilled, validated), the job and its
progress, the download; the same through the API; PDF without LibreOffice refused up front.

The test settings run tasks immediately (``ImmediateBackend``): the job is done when the
request that queued it returns."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from kehoach.documents.models import ReportJob
from kehoach.documents.reports import pdf as pdf_module
from kehoach.testing.cast import token_client as _api

COMPOSE = "/van-ban/bao-cao/soan/"


@pytest.fixture
def planner_api(planner):
    return _api(planner)


@pytest.fixture
def leader_api(leader):
    return _api(leader)


@pytest.fixture(autouse=True)
def report_dir(settings, tmp_path):
    settings.KEHOACH_REPORT_DIR = tmp_path / "reports"
    settings.KEHOACH_UNOSERVER = ""


@pytest.fixture(autouse=True)
def run_queued_jobs(monkeypatch):
    """The job is queued when the transaction commits, which a test's transaction never does:
    queue it at once (the immediate backend then runs it)."""
    from kehoach.documents import tasks

    monkeypatch.setattr(tasks.transaction, "on_commit", lambda callback, **kw: callback())


def _post(client, **extra):
    data = {
        "plan": "KH-BC",
        "year": "2024",
        "format": "docx",
        "number": "12",
        "date": "05/02/2025",
        "signer_name": "Nguyễn Văn An",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_deputy": "KT. CHỦ TỊCH",
        "recipients": "Bộ Tài chính (b/c)\nLưu: VT, TH",
        "shortcomings": "Tăng trưởng chưa đạt kế hoạch.",
        "causes": "",
        "lessons": "",
        "solutions": "Đẩy nhanh giải ngân vốn đầu tư công.",
        "proposals": "",
    }
    data.update(extra)
    return client.post(COMPOSE, data)


def test_compose_page_is_prefilled_with_the_issuer(planner_client, report_plan):
    page = planner_client.get(COMPOSE, {"plan": "KH-BC", "year": "2024", "format": "docx"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "KT. CHỦ TỊCH" in body and "PHÓ CHỦ TỊCH" in body
    assert "Thường trực HĐND tỉnh (b/c)" in body  # the issuer's usual recipients


def test_compose_bad_plan_or_year(planner_client, report_plan):
    assert planner_client.get(COMPOSE, {"plan": "KH-BC", "year": "abc"}).status_code == 400
    assert planner_client.get(COMPOSE, {"plan": "NOPE", "year": "2024"}).status_code == 404


def test_job_runs_and_the_file_downloads(planner_client, report_plan, planner):
    response = _post(planner_client)
    job = ReportJob.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/van-ban/bao-cao/viec/{job.pk}/"
    )
    assert job.status == "done" and job.percent == 100 and job.user == planner
    page = planner_client.get(response["Location"]).content.decode()
    assert "Đã tạo báo cáo:" in page and job.filename in page
    file = planner_client.get(f"/van-ban/bao-cao/viec/{job.pk}/tai/")
    document = Document(io.BytesIO(b"".join(file.streaming_content)))
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert left[-1] == "Số: 12/BC-UBND"
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("1. Tồn tại, hạn chế") + 1] == "Tăng trưởng chưa đạt kế hoạch."
    # The next compose page starts from what was set this time.
    again = planner_client.get(COMPOSE, {"plan": "KH-BC", "year": "2024"}).content.decode()
    assert "Nguyễn Văn An" in again and "Tăng trưởng chưa đạt kế hoạch." in again


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("number", "12a/", "Số văn bản phải là số"),
        ("date", "31/12/2023", "không thể trước năm được báo cáo"),
        ("date", "2025-13-01", "Ngày không hợp lệ"),
        ("recipients", "\n".join(f"Nơi {i}" for i in range(31)), "Tối đa 30 nơi nhận"),
        ("year", "2030", "nằm ngoài kỳ của kế hoạch"),
        ("shortcomings", "x" * 20_001, "20000"),
    ],
)
def test_bad_input_is_refused_and_nothing_queued(
    planner_client, report_plan, field, value, message
):
    response = _post(planner_client, **{field: value, **({"date": ""} if field == "year" else {})})
    assert response.status_code == 400 and message in response.content.decode()
    assert not ReportJob.objects.exists()


def test_pdf_without_libreoffice_is_said_before_queueing(
    planner_client, report_plan, settings, monkeypatch
):
    settings.KEHOACH_LIBREOFFICE = ""
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    page = planner_client.get(COMPOSE, {"plan": "KH-BC", "year": "2024"})
    assert "libreoffice-writer-nogui" in page.content.decode()
    response = _post(planner_client, format="pdf")
    assert response.status_code == 503 and "chưa cài LibreOffice" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_someone_elses_job_is_404(planner_client, leader_client, report_plan):
    _post(planner_client)
    job = ReportJob.objects.get()
    assert leader_client.get(f"/van-ban/bao-cao/viec/{job.pk}/").status_code == 404
    assert leader_client.get(f"/van-ban/bao-cao/viec/{job.pk}/tai/").status_code == 404
    assert planner_client.get("/van-ban/bao-cao/viec/not-a-uuid/").status_code == 404


def test_a_failed_job_says_why(planner_client, report_plan, monkeypatch):
    from kehoach.documents import jobs

    def broken(**kwargs):
        raise pdf_module.ConversionError("LibreOffice không chuyển được tệp sang PDF (mã 1): x")

    monkeypatch.setattr(jobs, "report_render", broken)
    response = _post(planner_client)
    job = ReportJob.objects.get()
    assert job.status == "failed" and "không chuyển được" in job.message
    page = planner_client.get(response["Location"]).content.decode()
    assert "không chuyển được" in page and "Sửa và tạo lại" in page
    assert planner_client.get(f"/van-ban/bao-cao/viec/{job.pk}/tai/").status_code == 404


# -- the API -------------------------------------------------------------------------------------


def _api_post(client, body):
    return client.post("/api/v1/plans/KH-BC/report-jobs/", body, format="json")


def test_api_job_then_file(planner_api, report_plan):
    response = _api_post(
        planner_api,
        {
            "year": 2024,
            "format": "xlsx",
            "number": "5/BC-UBND",
            "recipients": ["Bộ Tài chính (b/c)", "Lưu: VT"],
            "signer_deputy": "",
        },
    )
    assert response.status_code == 202, response.content
    data = response.json()
    assert data["status"] == "queued" and data["plan"] == "KH-BC" and data["file_url"] is None
    assert data["options"]["number"] == "5/BC-UBND" and data["options"]["signer_deputy"] == ""
    again = planner_api.get(data["url"]).json()
    assert again["status"] == "done" and again["percent"] == 100
    assert again["file_url"] == f"/api/v1/report-jobs/{data['id']}/file/"
    file = planner_api.get(again["file_url"])
    assert file.status_code == 200 and file["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "body, field",
    [
        ({"year": 2024, "recipients": "Bộ Tài chính"}, "recipients"),
        ({"year": 2024, "format": "odt"}, "format"),
        ({"year": 2024, "date": "2020-01-01"}, "date"),
        ({"year": 1800}, "year"),
        ({"year": 2030}, "year"),
        ({"year": 2024, "signer": "Nguyễn Văn A"}, "signer"),
    ],
)
def test_api_bad_body_is_400_and_nothing_queued(planner_api, report_plan, body, field):
    response = _api_post(planner_api, body)
    assert response.status_code == 400 and field in json.dumps(response.json())
    assert not ReportJob.objects.exists()


def test_api_anonymous_and_other_users(leader_api, planner_api, report_plan):
    assert _api_post(_api(), {"year": 2024}).status_code == 401
    job_id = _api_post(planner_api, {"year": 2024}).json()["id"]
    assert leader_api.get(f"/api/v1/report-jobs/{job_id}/").status_code == 404
    assert leader_api.get(f"/api/v1/report-jobs/{job_id}/file/").status_code == 404


def test_old_jobs_and_their_files_are_pruned(planner_client, report_plan):
    import datetime as dt

    from django.utils import timezone

    from kehoach.documents.jobs import job_file, report_jobs_prune

    _post(planner_client)
    job = ReportJob.objects.get()
    assert job_file(job).is_file()
    assert report_jobs_prune(now=timezone.now() + dt.timedelta(days=6)) == 0
    assert report_jobs_prune(now=timezone.now() + dt.timedelta(days=8)) == 1
    assert not ReportJob.objects.exists() and not job_file(job).exists()
