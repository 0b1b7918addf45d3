"""The documents page (/van-ban/) and GET /api/v1/plans/{code}/report/ for the whole cast."""

from __future__ import annotations

import io

import pytest
from django.urls import include, path
from docx import Document
from openpyxl import load_workbook

from kehoach.core.models import AuditEntry
from kehoach.documents.reports import ConversionError
from kehoach.testing.cast import token_client as _api

# Until the lead mounts kehoach.documents.api_urls under /api/v1/, these tests add it here.
urlpatterns = [
    path("api/v1/", include("kehoach.documents.api_urls")),
    path("", include("kehoach.urls")),
]
URLS = pytest.mark.urls("kehoach.documents.tests.test_report_web")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _targets_in_docx(content: bytes) -> list[str]:
    """The indicators of Biểu số 01 (the first appendix table)."""
    document = Document(io.BytesIO(content))
    table = next(t for t in document.tables
                 if [c.text for c in t.rows[0].cells[:2]] == ["STT", "Chỉ tiêu"])
    return [r.cells[1].text for r in table.rows[1:] if r.cells[0].text.isdigit()]


# -- the page ------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["planner_client", "admin_client_", "leader_client"])
def test_province_wide_users_see_the_page_and_get_the_whole_report(request, report_plan, who):
    client = request.getfixturevalue(who)
    page = client.get("/van-ban/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'value="KH-BC"' in body and "Đang tạo báo cáo…" in body and 'hx-get="/van-ban/bao-cao/"' in body
    response = client.get("/van-ban/bao-cao/", {"plan": "KH-BC", "year": 2024, "format": "docx"})
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-kh-bc-2024.docx"'
    assert len(_targets_in_docx(response.content)) == 6  # Biểu 01: one row per indicator


def test_reporter_a_gets_only_unit_a_targets(reporter_a_client, report_plan):
    assert 'value="KH-BC"' in reporter_a_client.get("/van-ban/").content.decode()
    response = reporter_a_client.get("/van-ban/bao-cao/", {"plan": "KH-BC", "year": 2024})
    assert response.status_code == 200
    assert _targets_in_docx(response.content) == ["Chỉ tiêu riêng của Sở A"]
    mine = reporter_a_client.get("/van-ban/bao-cao/", {"plan": "KH-BC", "year": 2024,
                                                       "unit": "SO-A", "format": "xlsx"})
    assert mine.status_code == 200
    sheet = load_workbook(io.BytesIO(mine.content))["Biểu 01"]
    values = [sheet.cell(r, 6).value for r in range(8, sheet.max_row + 1)
              if str(sheet.cell(r, 1).value or "").isdigit()]
    assert values == [4242.5]


def test_reporter_b_never_sees_unit_a(reporter_b_client, report_plan, draft_plan):
    page = reporter_b_client.get("/van-ban/")
    assert page.status_code == 200
    assert "KH-BC" not in page.content.decode() and "KH-NHAP" not in page.content.decode()
    for params in ({"plan": "KH-BC", "year": 2024}, {"plan": "KH-BC", "unit": "SO-A"},
                   {"plan": "KH-NHAP", "year": 2024}):
        response = reporter_b_client.get("/van-ban/bao-cao/", params)
        assert response.status_code == 404
        assert b"4.242,5" not in response.content and b"4242" not in response.content


def test_drafts_for_the_planning_office_only(planner_client, reporter_a_client, draft_plan):
    assert planner_client.get("/van-ban/bao-cao/", {"plan": "KH-NHAP", "year": 2024}).status_code == 200
    assert reporter_a_client.get("/van-ban/bao-cao/", {"plan": "KH-NHAP", "year": 2024}).status_code == 404


def test_anonymous_is_sent_to_login(anon_client, report_plan):
    for url in ("/van-ban/", "/van-ban/bao-cao/?plan=KH-BC&year=2024"):
        response = anon_client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


@pytest.mark.parametrize("params, message", [
    ({"plan": "KH-BC", "year": "hai nghìn"}, "Năm phải là một số, ví dụ 2024."),
    ({"plan": "KH-BC", "year": 2024, "format": "odt"}, "Định dạng odt không được hỗ trợ"),
    ({"plan": "KH-BC", "year": 2019}, "Năm 2019 nằm ngoài kỳ của kế hoạch (2021-2025)"),
    ({"year": 2024}, "Hãy chọn một kế hoạch."),
])
def test_bad_input_says_what_is_wrong(planner_client, report_plan, params, message):
    before = AuditEntry.objects.count()
    response = planner_client.get("/van-ban/bao-cao/", params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AuditEntry.objects.count() == before


def test_htmx_makes_the_file_then_the_same_user_downloads_it(planner_client, leader_client,
                                                              report_plan):
    response = planner_client.get("/van-ban/bao-cao/", {"plan": "KH-BC", "year": 2024,
                                                        "format": "xlsx"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "data-auto-download" in body and "bao-cao-kh-bc-2024.xlsx" in body
    url = body.split('href="')[1].split('"')[0]
    assert url.startswith("/van-ban/bao-cao/tai/")
    assert leader_client.get(url).status_code == 404  # another user's file
    file = planner_client.get(url)
    assert file.status_code == 200
    assert load_workbook(io.BytesIO(file.content))["Theo nhóm"].cell(5, 2).value == "Kinh tế"


def test_htmx_errors_come_back_as_a_fragment(planner_client, report_plan, monkeypatch):
    bad = planner_client.get("/van-ban/bao-cao/", {"plan": "KH-BC", "year": 2030},
                             HTTP_HX_REQUEST="true")
    assert bad.status_code == 400 and "<html" not in bad.content.decode()
    assert "nằm ngoài kỳ của kế hoạch" in bad.content.decode()

    def fail(data, **kwargs):
        raise ConversionError("Không tạo được PDF: máy chủ chưa cài LibreOffice")

    monkeypatch.setattr("kehoach.documents.reports.docx_to_pdf", fail)
    failed = planner_client.get("/van-ban/bao-cao/", {"plan": "KH-BC", "year": 2024,
                                                      "format": "pdf"}, HTTP_HX_REQUEST="true")
    assert failed.status_code == 503 and "chưa cài LibreOffice" in failed.content.decode()


# -- the API -------------------------------------------------------------------------------------


@URLS
@pytest.mark.parametrize("who", ["planner", "admin_user", "leader"])
def test_api_province_wide(request, report_plan, who):
    response = _api(request.getfixturevalue(who)).get("/api/v1/plans/KH-BC/report/",
                                                      {"year": 2024, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-kh-bc-2024.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content))["Biểu 02"]  # one row per target
    assert sum(1 for r in range(1, sheet.max_row + 1)
               if str(sheet.cell(r, 1).value or "").isdigit()) == 8


@URLS
def test_api_reporters_and_anonymous(report_plan, draft_plan, reporter_a, reporter_b):
    mine = _api(reporter_a).get("/api/v1/plans/KH-BC/report/", {"year": 2024})
    assert mine.status_code == 200 and mine["Content-Type"] == DOCX
    assert _targets_in_docx(mine.content) == ["Chỉ tiêu riêng của Sở A"]
    for url, params in (("/api/v1/plans/KH-BC/report/", {"year": 2024}),
                        ("/api/v1/plans/KH-BC/report/", {"unit": "SO-A"}),
                        ("/api/v1/plans/KH-NHAP/report/", {"year": 2024}),
                        ("/api/v1/plans/KHONG-CO/report/", {})):
        response = _api(reporter_b).get(url, params)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    anonymous = _api().get("/api/v1/plans/KH-BC/report/", {"year": 2024})
    assert anonymous.status_code == 401 and "error" in anonymous.json()


@URLS
@pytest.mark.parametrize("params, field", [({"year": "abc"}, "year"), ({"format": "odt"}, "format")])
def test_api_bad_parameters(planner, report_plan, params, field):
    response = _api(planner).get("/api/v1/plans/KH-BC/report/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]


@URLS
def test_api_year_outside_the_plan_and_conversion_failure(planner, report_plan, monkeypatch):
    response = _api(planner).get("/api/v1/plans/KH-BC/report/", {"year": 2019})
    assert response.status_code == 400
    assert "nằm ngoài kỳ của kế hoạch" in response.json()["error"]["message"]

    def fail(data, **kwargs):
        raise ConversionError("LibreOffice chạy quá 120 giây.")

    monkeypatch.setattr("kehoach.documents.reports.docx_to_pdf", fail)
    failed = _api(planner).get("/api/v1/plans/KH-BC/report/", {"year": 2024, "format": "pdf"})
    assert failed.status_code == 503
    assert failed.json()["error"] == {"code": "conversion_failed",
                                      "message": "LibreOffice chạy quá 120 giây.", "fields": {}}


# -- the options of the compose page and the jobs, on the quick download -------------------------

OPTIONS = {"number": "125", "date": "05/02/2025", "signer_name": "Nguyễn Văn An",
           "signer_title": "PHÓ CHỦ TỊCH", "signer_deputy": "KT. CHỦ TỊCH"}


def _heading_and_signature(content: bytes) -> tuple[list[str], list[str], list[list[str]]]:
    """The left and right heading cells and the signature table's cells of a report .docx."""
    document = Document(io.BytesIO(content))
    left, right = ([p.text for p in c.paragraphs if p.text]
                   for c in document.tables[0].rows[0].cells[:2])
    sign = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    return left, right, [[p.text for p in c.paragraphs if p.text] for c in sign.rows[0].cells]


def test_page_download_takes_number_date_signer_and_recipients(planner_client, report_plan):
    response = planner_client.get("/van-ban/bao-cao/", {
        "plan": "KH-BC", "year": 2024, "format": "docx", **OPTIONS,
        "recipients": "Bộ Tài chính (b/c)\nLưu: VT, TH"})
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    left, right, (recipients, signer) = _heading_and_signature(response.content)
    assert left[-1] == "Số: 125/BC-UBND"
    assert right[-1].endswith("ngày 05 tháng 02 năm 2025")
    assert signer[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]
    assert recipients == ["Nơi nhận:", "- Bộ Tài chính (b/c);", "- Lưu: VT, TH."]


def test_page_download_without_options_leaves_number_and_date_blank(planner_client, report_plan):
    response = planner_client.get("/van-ban/bao-cao/", {"plan": "KH-BC", "year": 2024})
    left, right, _sign = _heading_and_signature(response.content)
    assert left[-1] == "Số:      /BC-UBND" and right[-1].endswith("ngày      tháng      năm")


#: What the documents page's quick form sends when its options are left empty.
PAGE_FORM = {"plan": "KH-BC", "year": 2024, "unit": "", "format": "docx", "number": "",
             "date": "", "signer_name": "", "signer_title": "", "recipients": ""}


def test_page_offers_the_options_where_the_report_downloads(planner_client, report_plan):
    page = planner_client.get("/van-ban/").content.decode()
    quick = page.split('id="report-form"')[1].split("</form>")[0]
    for name in ("number", "date", "signer_name", "signer_title", "head_signs", "recipients"):
        assert f'name="{name}"' in quick, name
    assert 'name="signer_deputy"' not in quick  # empty would mean "no KT." (see head_signs)
    assert "Số, ngày ban hành, người ký, nơi nhận" in quick and "<details" in quick


def test_page_form_left_empty_gives_the_issuers_defaults(planner_client, report_plan):
    response = planner_client.get("/van-ban/bao-cao/", PAGE_FORM)
    assert response.status_code == 200, response.content[:300]
    left, right, (recipients, signer) = _heading_and_signature(response.content)
    assert left[-1] == "Số:      /BC-UBND" and right[-1].endswith("ngày      tháng      năm")
    assert signer[-2:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert recipients[1:3] == ["- Văn phòng Chính phủ (b/c);", "- Bộ Tài chính (b/c);"]


def test_page_form_with_the_head_signing(planner_client, report_plan):
    response = planner_client.get("/van-ban/bao-cao/", {
        **PAGE_FORM, "number": "7", "date": "2025-01-20", "signer_name": "Trần Thị Bình",
        "head_signs": "on", "recipients": "Bộ Tài chính (b/c)\r\nLưu: VT"})
    assert response.status_code == 200, response.content[:300]
    left, right, (recipients, signer) = _heading_and_signature(response.content)
    assert left[-1] == "Số: 07/BC-UBND" and right[-1].endswith("ngày 20 tháng 01 năm 2025")
    assert "KT. CHỦ TỊCH" not in signer and signer[-2:] == ["CHỦ TỊCH", "Trần Thị Bình"]
    assert recipients == ["Nơi nhận:", "- Bộ Tài chính (b/c);", "- Lưu: VT."]


def test_page_form_bad_option_keeps_the_options_open(planner_client, report_plan):
    response = planner_client.get("/van-ban/bao-cao/", {**PAGE_FORM, "number": "số bảy"})
    page = response.content.decode()
    assert response.status_code == 400 and "Số văn bản phải là số" in page
    assert 'id="report-options" open' in page and 'value="số bảy"' in page


def test_page_download_bad_date_says_so(planner_client, report_plan):
    response = planner_client.get("/van-ban/bao-cao/", {"plan": "KH-BC", "year": 2024,
                                                        "date": "31/02/2025"})
    assert response.status_code == 400 and "Ngày không hợp lệ" in response.content.decode()


@URLS
def test_api_download_takes_the_options(planner, report_plan):
    params: dict[str, int | str | list[str]] = {
        "year": 2024, **OPTIONS, "date": "2025-02-05",
        "recipients": ["Bộ Tài chính (b/c)", "Lưu: VT, TH"]}
    response = _api(planner).get("/api/v1/plans/KH-BC/report/", params)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    left, right, (recipients, signer) = _heading_and_signature(response.content)
    assert left[-1] == "Số: 125/BC-UBND"
    assert right[-1].endswith("ngày 05 tháng 02 năm 2025")
    assert signer[-1] == "Nguyễn Văn An"
    assert recipients == ["Nơi nhận:", "- Bộ Tài chính (b/c);", "- Lưu: VT, TH."]


@URLS
@pytest.mark.parametrize("params, field, message", [
    ({"date": "2025-13-01"}, "date", "Ngày không hợp lệ"),
    ({"date": "2023-12-31"}, "date", "không thể trước năm được báo cáo"),
    ({"number": "số mười"}, "number", "Số văn bản phải là số"),
])
def test_api_download_bad_option_is_400_naming_the_field(planner, report_plan, params, field,
                                                          message):
    response = _api(planner).get("/api/v1/plans/KH-BC/report/", {"year": 2024, **params})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and list(error["fields"]) == [field]
    assert message in error["fields"][field][0]
