"""The submission page for the whole cast: the grid, autosave, checks, the workflow buttons and
the Excel round trip; bad input leaves nothing half-stored."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kehoach.core.tests.factories import IndicatorFactory, UnitFactory
from kehoach.reporting import services
from kehoach.reporting.excel import export_form
from kehoach.reporting.models import (
    Cell,
    CellRevision,
    Comment,
    FormTemplate,
    Submission,
    TemplateColumn,
    TemplateRow,
)
from kehoach.reporting.tests.conftest import full_changes, row
from kehoach.reporting.views.grid_data import previous_period
from kehoach.values.models import Value

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def page(pk):
    return reverse("reporting:submission", args=[pk])


def save(client, submission, changes):
    return client.post(reverse("reporting:cells", args=[submission.pk]),
                       json.dumps({"changes": changes}), content_type="application/json")


def fill(submission, actor, **over):
    services.cell_save(submission=submission, changes=full_changes(submission, **over),
                       actor=actor)
    submission.refresh_from_db()
    return submission


# --- access -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["reporting:submission", "reporting:xlsx"])
def test_anonymous_is_sent_to_login(anon_client, sub_a, name):
    response = anon_client.get(reverse(name, args=[sub_a.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_anonymous_cannot_save(anon_client, sub_a):
    response = save(anon_client, sub_a, [{"row": row(sub_a, "POPULATION").pk,
                                          "column": "UTH_Y", "value": "1", "version": 0}])
    assert response.status_code == 302 and not Cell.objects.exists()


@pytest.mark.parametrize("client_name, editable", [
    ("planner_client", True), ("admin_client_", True), ("leader_client", False),
    ("reporter_a_client", True)])
def test_grid_page_for_the_cast(request, sub_a, last_year_values, client_name, editable):
    response = request.getfixturevalue(client_name).get(page(sub_a.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Phụ lục I" in body and "Sở A" in body
    # the official layout: numbered rows, headings, units of measure, labelled columns
    assert ">I</td>" in body and ">4.1</td>" in body and "Chỉ tiêu kinh tế" in body
    for label in ("TH 2024", "KH 2025", "ƯTH 2025", "KH 2026", "ƯTH 2025/KH 2025 (%)",
                  "ƯTH 2025/TH 2024 (%)"):
        assert label in body
    assert "tỷ đồng" in body and ">1.900</td>" in body  # TH 2024 from the values of record
    assert 'data-prev="TH 2024: 1.900"' in body  # last period beside ƯTH 2025
    assert ('data-editable="1"' in body) == editable
    assert (" ed\"" in body) == editable
    assert ("Kiểm tra" in body) == (client_name != "leader_client")
    assert ('id="btn-submit"' in body) == editable
    assert 'id="btn-return"' not in body  # nothing submitted yet
    assert "Tải biểu Excel" in body and "reporting/grid/main.js" in body and 'type="module"' in body


def test_reporter_b_gets_404_for_unit_a(reporter_b_client, sub_a):
    assert reporter_b_client.get(page(sub_a.pk)).status_code == 404
    assert reporter_b_client.get(reverse("reporting:xlsx", args=[sub_a.pk])).status_code == 404
    response = save(reporter_b_client, sub_a, [{"row": row(sub_a, "POPULATION").pk,
                                                "column": "UTH_Y", "value": "1", "version": 0}])
    assert response.status_code == 404
    response = reporter_b_client.post(reverse("reporting:submission-submit", args=[sub_a.pk]),
                                      {"version": sub_a.version})
    assert response.status_code == 404
    assert reporter_b_client.post(reverse("reporting:check", args=[sub_a.pk])).status_code == 404
    assert not Cell.objects.exists()
    sub_a.refresh_from_db()
    assert sub_a.status == "not_started"


def test_leader_cannot_write(leader_client, sub_a):
    response = save(leader_client, sub_a, [{"row": row(sub_a, "POPULATION").pk,
                                            "column": "UTH_Y", "value": "1", "version": 0}])
    assert response.status_code == 403 and not Cell.objects.exists()
    response = leader_client.post(reverse("reporting:submission-accept", args=[sub_a.pk]),
                                  {"version": sub_a.version})
    assert response.status_code == 403


def test_unknown_submission_is_404(planner_client):
    assert planner_client.get(page(999999)).status_code == 404


# --- autosave ---------------------------------------------------------------------------------

def test_save_reads_vietnamese_numbers_and_returns_the_row(reporter_a_client, sub_a,
                                                           last_year_values, reporter_a):
    r = row(sub_a, "GRDP_CUR")
    response = save(reporter_a_client, sub_a, [
        {"row": r.pk, "column": "UTH_Y", "value": "2.090", "version": 0},
        {"row": r.pk, "column": "KH_NEXT", "value": "2.200,5", "version": 0}])
    data = response.json()
    assert response.status_code == 200 and data["ok"] and data["status"] == "draft"
    cells = data["rows"][str(r.pk)]
    assert cells["UTH_Y"] == {"raw": "2090", "text": "2.090", "version": 1, "note": ""}
    assert cells["KH_NEXT"]["text"] == "2.200,5"
    assert cells["UTH_KH"]["text"] == "107,2"  # 2.090 / 1.950 × 100: the server's value
    assert cells["UTH_TH"]["text"] == "110,0"
    stored = Cell.objects.get(row=r, column__key="UTH_Y")
    assert stored.value == Decimal("2090") and stored.updated_by == reporter_a
    sub_a.refresh_from_db()
    assert data["version"] == sub_a.version and sub_a.status == "draft"


def test_save_a_note(reporter_a_client, sub_a):
    r = row(sub_a, "POPULATION")
    save(reporter_a_client, sub_a, [{"row": r.pk, "column": "UTH_Y", "value": "7,5",
                                     "version": 0}])
    response = save(reporter_a_client, sub_a, [{"row": r.pk, "column": "UTH_Y",
                                                "note": "Theo số liệu Cục Thống kê",
                                                "version": 1}])
    assert response.status_code == 200
    cell = Cell.objects.get(row=r, column__key="UTH_Y")
    assert cell.value == Decimal("7.5") and cell.note == "Theo số liệu Cục Thống kê"
    body = reporter_a_client.get(page(sub_a.pk)).content.decode()
    assert 'data-note="Theo số liệu Cục Thống kê"' in body and "has-note" in body


@pytest.mark.parametrize("value, message", [
    ("abc", "“abc” không phải là số."),
    ("1.2.3,4,5", "không phải là số"),
    ("1e30", "không phải là số"),
])
def test_bad_number_is_refused_and_nothing_is_stored(reporter_a_client, sub_a, value, message):
    ok, bad = row(sub_a, "POPULATION"), row(sub_a, "GRDP_CUR")
    response = save(reporter_a_client, sub_a, [
        {"row": ok.pk, "column": "UTH_Y", "value": "320", "version": 0},
        {"row": bad.pk, "column": "UTH_Y", "value": value, "version": 0}])
    data = response.json()
    assert response.status_code == 400 and not data["ok"]
    assert data["problems"][0]["row"] == str(bad.pk) and message in data["problems"][0]["message"]
    assert not Cell.objects.exists()  # all or nothing


@pytest.mark.parametrize("body", [b"not json", b'{"changes": "x"}', b'{"changes": []}',
                                  b"[1, 2]"])
def test_malformed_body(reporter_a_client, sub_a, body):
    response = reporter_a_client.post(reverse("reporting:cells", args=[sub_a.pk]), body,
                                      content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"] == "Dữ liệu gửi lên không đúng dạng."


def test_read_only_cells_are_refused(reporter_a_client, sub_a):
    r = row(sub_a, "POPULATION")
    response = save(reporter_a_client, sub_a, [{"row": r.pk, "column": "UTH_KH", "value": "5",
                                                "version": 0}])
    assert response.status_code == 400 and "không nhập được" in response.json()["problems"][0][
        "message"]
    assert not Cell.objects.exists()


def test_stale_version_shows_the_conflict(reporter_a_client, planner_client, sub_a, planner):
    planner.first_name, planner.last_name = "Lan", "Nguyễn"
    planner.save()
    r = row(sub_a, "POPULATION")
    assert save(planner_client, sub_a, [{"row": r.pk, "column": "UTH_Y", "value": "321",
                                         "version": 0}]).status_code == 200
    response = save(reporter_a_client, sub_a, [{"row": r.pk, "column": "UTH_Y", "value": "300",
                                                "version": 0}])
    data = response.json()
    assert response.status_code == 409
    assert data["problems"][0]["message"] == (
        "Ô này vừa được Lan Nguyễn sửa thành 321; tải lại để xem.")
    assert data["problems"][0]["code"] == "conflict" and data["problems"][0]["current_version"] == 1
    assert Cell.objects.get(row=r, column__key="UTH_Y").value == Decimal("321")


def test_accepted_submission_is_read_only(reporter_a_client, planner, reporter_a, sub_a):
    fill(sub_a, reporter_a)
    services.submission_submit(submission=sub_a, actor=reporter_a)
    services.submission_accept(submission=sub_a, actor=planner)
    r = row(sub_a, "POPULATION")
    response = save(reporter_a_client, sub_a, [{"row": r.pk, "column": "UTH_Y", "value": "1",
                                                "version": 1}])
    assert response.status_code == 400 and "Đã tiếp nhận" in response.json()["message"]
    assert Cell.objects.get(row=r, column__key="UTH_Y").value == Decimal("320")
    body = reporter_a_client.get(page(sub_a.pk)).content.decode()
    assert 'data-editable="0"' in body and " ed\"" not in body and 'id="btn-submit"' not in body
    assert "Biểu đã được tiếp nhận và khoá" in body
    assert 'id="upload-form"' not in body


# --- checks and transitions -------------------------------------------------------------------

def test_check_lists_errors_and_warnings(reporter_a_client, sub_a, reporter_a):
    fill(sub_a, reporter_a, SHARE_AGRI=("40", "29"), POVERTY_RATE=("120", "10"))
    response = reporter_a_client.post(reverse("reporting:check", args=[sub_a.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tổng tỷ trọng các khu vực kinh tế phải bằng 100%" in body
    assert "tỷ lệ phải từ 0 đến 100" in body
    poverty = row(sub_a, "POVERTY_RATE")
    assert f'data-sev="error" data-row="{poverty.pk}" data-col="UTH_Y"' in body


def test_check_clean_form(reporter_a_client, sub_a, reporter_a):
    fill(sub_a, reporter_a)
    body = reporter_a_client.post(reverse("reporting:check", args=[sub_a.pk])).content.decode()
    assert "Kiểm tra xong: không có lỗi, không có cảnh báo." in body
    assert 'class="issue"' not in body


def test_leader_cannot_run_checks(leader_client, sub_a):
    assert leader_client.post(reverse("reporting:check", args=[sub_a.pk])).status_code == 403


def test_submit_with_errors_is_refused(reporter_a_client, sub_a):
    response = reporter_a_client.post(reverse("reporting:submission-submit", args=[sub_a.pk]),
                                      {"version": sub_a.version})
    body = response.content.decode()
    assert response.status_code == 400
    assert "hãy sửa trước khi gửi" in body and "bắt buộc nhập" in body
    sub_a.refresh_from_db()
    assert sub_a.status == "not_started" and sub_a.submitted_at is None


def test_stale_version_on_submit(reporter_a_client, sub_a, reporter_a):
    fill(sub_a, reporter_a)
    response = reporter_a_client.post(reverse("reporting:submission-submit", args=[sub_a.pk]),
                                      {"version": sub_a.version - 1})
    assert response.status_code == 409 and "Hãy tải lại" in response.content.decode()
    sub_a.refresh_from_db()
    assert sub_a.status == "draft"


def test_missing_version_is_a_clear_error(reporter_a_client, sub_a):
    response = reporter_a_client.post(reverse("reporting:submission-submit", args=[sub_a.pk]))
    assert response.status_code == 400 and "bắt buộc" in response.content.decode()


def test_the_whole_workflow(reporter_a_client, planner_client, sub_a, reporter_a):
    fill(sub_a, reporter_a)
    response = reporter_a_client.post(reverse("reporting:submission-submit", args=[sub_a.pk]),
                                      {"version": sub_a.version}, follow=True)
    assert "Đã gửi biểu cho cơ quan kế hoạch." in response.content.decode()
    sub_a.refresh_from_db()
    assert sub_a.status == "submitted"
    body = planner_client.get(page(sub_a.pk)).content.decode()
    assert 'id="btn-return"' in body and 'id="btn-accept"' in body
    assert 'data-editable="0"' in body  # submitted: the office reviews, nobody types

    poverty = row(sub_a, "POVERTY_RATE")
    cell_comments = json.dumps([{"row": poverty.pk, "column": "KH_NEXT",
                                 "text": "Chỉ tiêu giảm quá nhanh, xem lại"}])
    response = planner_client.post(reverse("reporting:submission-return", args=[sub_a.pk]), {
        "version": sub_a.version, "comment": "Đề nghị rà soát", "cell_comments": cell_comments})
    assert response.status_code == 302
    sub_a.refresh_from_db()
    assert sub_a.status == "returned"
    assert Comment.objects.filter(submission=sub_a, row=poverty, column__key="KH_NEXT").exists()

    body = reporter_a_client.get(page(sub_a.pk)).content.decode()
    assert "Đề nghị rà soát" in body and 'data-comments="Chỉ tiêu giảm quá nhanh, xem lại"' in body
    assert "has-comment" in body and 'data-editable="1"' in body
    assert "Đã gửi → Trả lại để sửa" in body  # the history

    r = Cell.objects.get(submission=sub_a, row=poverty, column__key="KH_NEXT")
    save(reporter_a_client, sub_a, [{"row": poverty.pk, "column": "KH_NEXT", "value": "11",
                                     "version": r.version}])
    sub_a.refresh_from_db()
    response = reporter_a_client.post(reverse("reporting:submission-submit", args=[sub_a.pk]),
                                      {"version": sub_a.version})
    assert response.status_code == 302
    sub_a.refresh_from_db()
    response = planner_client.post(reverse("reporting:submission-accept", args=[sub_a.pk]),
                                   {"version": sub_a.version, "comment": ""}, follow=True)
    assert "Đã tiếp nhận biểu" in response.content.decode()
    sub_a.refresh_from_db()
    assert sub_a.status == "accepted"
    assert Value.objects.get(indicator__code="POVERTY_RATE", period="2026",
                             kind="plan").value == Decimal("11")
    body = planner_client.get(page(sub_a.pk)).content.decode()
    assert "12,5 → 12,5" not in body and "10 → 11" in body  # value change in the history
    assert 'id="btn-reopen"' in body


def test_return_needs_a_comment(planner_client, sub_a, reporter_a):
    fill(sub_a, reporter_a)
    services.submission_submit(submission=sub_a, actor=reporter_a)
    sub_a.refresh_from_db()
    response = planner_client.post(reverse("reporting:submission-return", args=[sub_a.pk]),
                                   {"version": sub_a.version, "comment": " "})
    assert response.status_code == 400 and "Hãy ghi lý do trả lại" in response.content.decode()
    response = planner_client.post(reverse("reporting:submission-return", args=[sub_a.pk]),
                                   {"version": sub_a.version, "cell_comments": "{bad"})
    assert response.status_code == 400 and "không đọc được" in response.content.decode()
    sub_a.refresh_from_db()
    assert sub_a.status == "submitted" and not Comment.objects.exists()


def test_reporter_cannot_review(reporter_a_client, sub_a, reporter_a):
    fill(sub_a, reporter_a)
    services.submission_submit(submission=sub_a, actor=reporter_a)
    sub_a.refresh_from_db()
    for action in ("return", "accept", "reopen"):
        response = reporter_a_client.post(
            reverse(f"reporting:submission-{action}", args=[sub_a.pk]),
            {"version": sub_a.version, "comment": "x"})
        assert response.status_code == 403
    sub_a.refresh_from_db()
    assert sub_a.status == "submitted"


def test_reopen_needs_a_reason(planner_client, planner, sub_a, reporter_a):
    fill(sub_a, reporter_a)
    services.submission_submit(submission=sub_a, actor=reporter_a)
    services.submission_accept(submission=sub_a, actor=planner)
    sub_a.refresh_from_db()
    response = planner_client.post(reverse("reporting:submission-reopen", args=[sub_a.pk]),
                                   {"version": sub_a.version, "comment": ""})
    assert response.status_code == 400 and "Hãy ghi lý do mở lại." in response.content.decode()
    response = planner_client.post(reverse("reporting:submission-reopen", args=[sub_a.pk]),
                                   {"version": sub_a.version, "comment": "Sửa số dân"})
    assert response.status_code == 302
    sub_a.refresh_from_db()
    assert sub_a.status == "returned"


def test_accept_twice_is_refused(planner_client, planner, sub_a, reporter_a):
    fill(sub_a, reporter_a)
    services.submission_submit(submission=sub_a, actor=reporter_a)
    services.submission_accept(submission=sub_a, actor=planner)
    sub_a.refresh_from_db()
    response = planner_client.post(reverse("reporting:submission-accept", args=[sub_a.pk]),
                                   {"version": sub_a.version})
    assert response.status_code == 400 and "Không thể tiếp nhận" in response.content.decode()


# --- Excel ------------------------------------------------------------------------------------

def test_download_excel(reporter_a_client, sub_a):
    response = reporter_a_client.get(reverse("reporting:xlsx", args=[sub_a.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert load_workbook(io.BytesIO(response.content))["Bieu"] is not None


def _filled_workbook(submission, value):
    wb = load_workbook(io.BytesIO(export_form(submission=submission)))
    ws = wb["Bieu"]
    target = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "Dân số trung bình")
    letter = next(c.column_letter for c in ws[6] if c.value == "ƯTH 2025")
    ws[f"{letter}{target}"] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), target, letter


def test_upload_filled_form(reporter_a_client, sub_a):
    data, _row, _letter = _filled_workbook(sub_a, 325)
    response = reporter_a_client.post(reverse("reporting:upload", args=[sub_a.pk]), {
        "file": SimpleUploadedFile("bieu.xlsx", data, content_type=XLSX)}, follow=True)
    assert "Đã nhập biểu từ tệp: 1 ô thay đổi." in response.content.decode()
    assert Cell.objects.get(row=row(sub_a, "POPULATION"), column__key="UTH_Y").value == 325
    assert CellRevision.objects.get().source == "xlsx"


def test_upload_lists_every_rejected_cell_and_stores_nothing(reporter_a_client, sub_a):
    data, target, letter = _filled_workbook(sub_a, "ba trăm")
    response = reporter_a_client.post(reverse("reporting:upload", args=[sub_a.pk]), {
        "file": SimpleUploadedFile("bieu.xlsx", data, content_type=XLSX)})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tệp bị từ chối: 1 lỗi; không có gì được lưu." in body
    assert f'<td class="num">{target}</td><td>{letter}</td>' in body and "không phải là số" in body
    assert not Cell.objects.exists()


def test_upload_not_an_xlsx(reporter_a_client, sub_a):
    response = reporter_a_client.post(reverse("reporting:upload", args=[sub_a.pk]), {
        "file": SimpleUploadedFile("bieu.xlsx", b"hello", content_type=XLSX)})
    assert response.status_code == 400 and "không phải tệp .xlsx" in response.content.decode()
    assert not Cell.objects.exists()


def test_upload_for_another_unit_is_404(reporter_b_client, sub_a):
    data, _r, _l = _filled_workbook(sub_a, 325)
    response = reporter_b_client.post(reverse("reporting:upload", args=[sub_a.pk]), {
        "file": SimpleUploadedFile("bieu.xlsx", data, content_type=XLSX)})
    assert response.status_code == 404 and not Cell.objects.exists()


# --- a 200-row form stays cheap ---------------------------------------------------------------

@pytest.fixture
def big_submission(round_, unit_a, planner, pl1):
    template = FormTemplate.objects.create(code="BIG", name="Biểu lớn", kind="phu_luc_i_annual")
    for column in pl1.columns.all():
        column.pk, column.template = None, template
        column.save()
    position = 0
    for group in range(10):
        position += 1
        TemplateRow.objects.create(template=template, position=position, number=str(group),
                                   label=f"Nhóm {group}")
        for n in range(20):
            position += 1
            indicator = IndicatorFactory(code=f"BIG_{group}_{n}")
            TemplateRow.objects.create(template=template, position=position,
                                       number=f"{group}.{n}", label=indicator.name_vi,
                                       indicator=indicator, indent=1, required=n == 0)
    submission = services.round_assign(round=round_, units=[unit_a], templates=[template],
                                       actor=planner)[0]
    changes = [{"row": r.pk, "column": "UTH_Y", "value": str(r.position), "version": 0}
               for r in template.rows.exclude(indicator=None)]
    services.cell_save(submission=submission, changes=changes, actor=planner)
    return submission


def test_grid_page_of_a_200_row_form_is_within_budget(reporter_a_client, big_submission,
                                                      django_assert_max_num_queries):
    assert TemplateColumn.objects.filter(template=big_submission.template).count() == 6
    with django_assert_max_num_queries(20):
        response = reporter_a_client.get(page(big_submission.pk))
    assert response.status_code == 200
    assert response.content.decode().count('class="c num src-entered ed') == 400


def test_reporter_form_page_asks_the_unit_scope_once(reporter_a_client, sub_a, unit_a,
                                                     last_year_values):
    """A reporter whose unit has two levels below it: its scope was computed seven times a page,
    one query per level each time (32 queries); now once per request, in one query (12; 13
    with the menu's check that the reporter's unit has a plan to evaluate; 14 with the round's
    text sections)."""
    district = UnitFactory(code="A-H1", type="district", parent=unit_a)
    UnitFactory(code="A-X1", type="commune", parent=district)
    with CaptureQueriesContext(connection) as queries:
        response = reporter_a_client.get(page(sub_a.pk))
    assert response.status_code == 200 and 'class="c num src-entered ed' in response.content.decode()
    tree = [q["sql"] for q in queries.captured_queries if "parent_id" in q["sql"]
            and q["sql"].startswith('SELECT "units_unit"')]
    assert len(tree) == 1 and "WITH RECURSIVE" in tree[0]
    assert len(queries.captured_queries) <= 14


def test_save_on_a_200_row_form_is_within_budget(reporter_a_client, big_submission,
                                                 django_assert_max_num_queries):
    r = big_submission.template.rows.exclude(indicator=None).first()
    with django_assert_max_num_queries(30):
        response = save(reporter_a_client, big_submission, [
            {"row": r.pk, "column": "KH_NEXT", "value": "5", "version": 0}])
    assert response.status_code == 200
    assert Submission.objects.get(pk=big_submission.pk).status == "draft"


@pytest.mark.parametrize("code, expected", [("2025", "2024"), ("2025-H1", "2024-H1"),
                                            ("2021-2025", "2016-2020"), ("x", None)])
def test_previous_period(code, expected):
    assert previous_period(code) == expected


@pytest.mark.parametrize("name", ["reporting:check", "reporting:upload", "reporting:proposals",
                                  "reporting:submission-submit", "reporting:submission-return",
                                  "reporting:submission-accept", "reporting:submission-reopen"])
def test_anonymous_posts_are_sent_to_login(anon_client, sub_a, name):
    response = anon_client.post(reverse(name, args=[sub_a.pk]), {"version": sub_a.version})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    sub_a.refresh_from_db()
    assert sub_a.status == "not_started" and sub_a.version == 1


def test_leader_cannot_upload(leader_client, sub_a):
    data, _r, _l = _filled_workbook(sub_a, 325)
    response = leader_client.post(reverse("reporting:upload", args=[sub_a.pk]), {
        "file": SimpleUploadedFile("bieu.xlsx", data, content_type=XLSX)})
    assert response.status_code == 403 and not Cell.objects.exists()


def test_planner_runs_checks_on_a_submitted_form(planner_client, sub_a, reporter_a):
    fill(sub_a, reporter_a)
    services.submission_submit(submission=sub_a, actor=reporter_a)
    response = planner_client.post(reverse("reporting:check", args=[sub_a.pk]))
    assert response.status_code == 200 and "Kiểm tra xong" in response.content.decode()


def test_grid_numbers_are_vietnamese_in_every_language():
    from decimal import Decimal

    from django.utils import translation

    from kehoach.reporting.views.grid_data import format_number

    with translation.override("en"):
        assert format_number(Decimal("165000.5")) == "165.000,5"


def test_a_fresh_form_does_not_claim_it_was_saved(reporter_a_client, sub_a):
    """"Đã lưu" appears only after a save on the page (the script sets it); a form just
    opened shows an empty status."""
    body = reporter_a_client.get(page(sub_a.pk)).content.decode()
    assert '<span id="save-state" class="save-state" role="status" aria-live="polite"></span>' in body
    assert ">Đã lưu<" not in body


def test_sent_at_shows_the_latest_sending_and_keeps_the_first(reporter_a_client, sub_a,
                                                              reporter_a, planner):
    """Sent, returned, sent again: "gửi lúc" is the second sending; the first stays beside it
    (and in the history)."""
    import datetime as dt

    from django.utils import timezone

    from kehoach.reporting.models import SubmissionEvent

    first = timezone.make_aware(dt.datetime(2025, 7, 10, 9, 0))
    again = timezone.make_aware(dt.datetime(2025, 7, 20, 14, 30))
    Submission.objects.filter(pk=sub_a.pk).update(status="submitted", submitted_at=first)
    for at, from_status, to_status in ((first, "draft", "submitted"),
                                       (again, "returned", "submitted")):
        event = SubmissionEvent.objects.create(submission=sub_a, actor=reporter_a,
                                               from_status=from_status, to_status=to_status)
        SubmissionEvent.objects.filter(pk=event.pk).update(at=at)
    body = reporter_a_client.get(page(sub_a.pk)).content.decode()
    assert "gửi lúc 14:30 20/07/2025" in body and "(gửi lần đầu 09:00 10/07/2025)" in body
