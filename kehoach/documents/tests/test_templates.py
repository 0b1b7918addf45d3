"""The province's Word template of the report (docxtpl): download, edit, upload, reset — from
the page, the API and the command; an unusable template is refused and the old one stays."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from kehoach.core.models import AuditEntry
from kehoach.documents.models import DocumentTemplate
from kehoach.documents.reports import ReportOptions, report_render
from kehoach.documents.reports.template import KINDS, default_template
from kehoach.documents.selectors import report_evaluation
from kehoach.testing.cast import token_client as _api
from kehoach.testing.docx_templates import edited_template

PAGE = "/van-ban/mau/"


def _edited(replace: dict[str, str]) -> bytes:
    """The built-in template with some paragraphs' text changed, as a person does in Word."""
    return edited_template(replace)


def _report(plan) -> Document:
    evaluation = report_evaluation(plan=plan, year=2024, unit=None, user=None)
    file = report_render(evaluation=evaluation, fmt="docx", date=None, options=ReportOptions())
    return Document(io.BytesIO(file.content))


def _upload(client, data: bytes, name="mau.docx"):
    return client.post(PAGE, {"kind": "report", "file": SimpleUploadedFile(name, data)})


def test_edited_wording_is_used_in_the_report(planner_client, report_plan):
    edited = _edited(
        {
            "Trên đây là báo cáo": "Trên đây là nội dung báo cáo",
            "Nơi nhận:": "Nơi nhận (theo mẫu của tỉnh):",
        }
    )
    response = _upload(planner_client, edited)
    assert response.status_code == 302
    document = _report(report_plan["plan"])
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Trên đây là nội dung báo cáo tình hình thực hiện") for t in texts)
    sign = next(t for t in document.tables if "Nơi nhận" in t.rows[0].cells[0].text)
    assert sign.rows[0].cells[0].paragraphs[0].text == "Nơi nhận (theo mẫu của tỉnh):"
    assert AuditEntry.objects.filter(action="document_template_upload").count() == 1
    download = planner_client.get("/van-ban/mau/report.docx")
    assert download.status_code == 200 and download.content == edited


@pytest.mark.parametrize(
    "data, message",
    [
        (b"not a word file", "không phải là tài liệu Word"),
        (b"PK\x03\x04broken zip", "Không đọc được tệp mẫu Word"),
        (None, "có trường hoặc lệnh không hợp lệ"),
        ("no-body", "phải giữ trường"),
    ],
)
def test_an_unusable_template_is_refused_and_the_old_stays(
    planner_client, report_plan, data, message
):
    good = _edited({"Trên đây là báo cáo": "Trên đây là nội dung báo cáo"})
    assert _upload(planner_client, good).status_code == 302
    if data is None:
        data = _edited({"{{ nguoi_ky }}": "{{ nguoi_ky }"})
    elif data == "no-body":
        data = _edited({"{{p noi_dung }}": "(nội dung)"})
    response = _upload(planner_client, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert bytes(DocumentTemplate.objects.get(kind="report").content) == good


def test_an_unknown_field_is_refused(planner_client, report_plan):
    response = _upload(planner_client, _edited({"{{ nguoi_ky }}": "{{ ten_nguoi_ky }}"}))
    assert response.status_code == 400 and "ten_nguoi_ky" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_reset_goes_back_to_the_built_in_template(planner_client, report_plan):
    _upload(planner_client, _edited({"Trên đây là báo cáo": "Trên đây là nội dung báo cáo"}))
    assert planner_client.post("/van-ban/mau/report/mac-dinh/").status_code == 302
    assert not DocumentTemplate.objects.exists()
    texts = [p.text for p in _report(report_plan["plan"]).paragraphs]
    assert any(t.startswith("Trên đây là báo cáo tình hình") for t in texts)


def test_only_the_planning_office(reporter_a_client, leader_client, anon_client, report_plan):
    for client in (reporter_a_client, leader_client):
        assert client.get(PAGE).status_code == 403
        assert _upload(client, default_template()).status_code == 403
    assert anon_client.get(PAGE).status_code == 302
    assert not DocumentTemplate.objects.exists()


def test_page_lists_the_kind_and_fields(planner_client):
    body = planner_client.get(PAGE).content.decode()
    assert "Báo cáo tình hình thực hiện kế hoạch" in body and "noi_nhan" in body
    assert "Đang dùng mẫu có sẵn" in body


def test_page_says_per_kind_whether_noi_dung_is_needed(planner_client):
    body = planner_client.get(PAGE).content.decode()
    cards = {c.split("</h2>")[0]: c for c in body.split('<section class="card">\n  <h2>')[1:]}
    assert "mỗi mẫu" not in body.split('<section class="card">')[0]
    for kind, label in DocumentTemplate.Kind.choices:
        card = cards[str(label)]
        needs = KINDS[kind].body is not None
        assert ("Bắt buộc: một đoạn riêng chỉ chứa {{p noi_dung }}" in card) is needs, kind
        assert ("không có trường noi_dung" in card) is not needs, kind
        assert ("<code>noi_dung</code>" in card) is needs, kind


# -- API and command -------------------------------------------------------------------------


def test_api_get_put_delete(planner, reporter_a, report_plan):
    api = _api(planner)
    url = "/api/v1/document-templates/report/"
    assert api.get(url).content == default_template() or api.get(url).status_code == 200
    edited = _edited({"Trên đây là báo cáo": "Trên đây là nội dung báo cáo"})
    response = api.put(url, {"file": SimpleUploadedFile("mau.docx", edited)}, format="multipart")
    assert response.status_code == 200 and response.json()["filename"] == "mau.docx"
    bad = api.put(url, {"file": SimpleUploadedFile("x.docx", b"xx")}, format="multipart")
    assert bad.status_code == 400 and "Word" in json.dumps(bad.json(), ensure_ascii=False)
    assert api.put(url, {}, format="multipart").status_code == 400
    extra = api.put(url, {"file": SimpleUploadedFile("mau.docx", edited), "kind": "programme"},
                    format="multipart")
    assert extra.status_code == 400 and list(extra.json()["error"]["fields"]) == ["kind"]
    for method in ("get", "put", "delete"):
        unknown = getattr(api, method)("/api/v1/document-templates/letter/")
        assert unknown.status_code == 404, method
        assert unknown.json()["error"]["code"] == "not_found", method
    assert _api(reporter_a).get(url).status_code == 403
    assert api.delete(url).status_code == 204 and not DocumentTemplate.objects.exists()


def test_command_download_upload_reset(tmp_path, db):
    out = tmp_path / "mau.docx"
    call_command("document_template", "report", "--download", str(out), stdout=io.StringIO())
    assert out.read_bytes().startswith(b"PK")
    call_command("document_template", "report", "--upload", str(out), stdout=io.StringIO())
    assert DocumentTemplate.objects.filter(kind="report").exists()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nope")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("document_template", "report", "--upload", str(bad), stderr=err)
    assert exit_.value.code == 1 and "không phải là tài liệu Word" in err.getvalue()
    call_command("document_template", "report", "--reset", stdout=io.StringIO())
    assert not DocumentTemplate.objects.exists()
    with pytest.raises(CommandError) as error:
        call_command("document_template", "letter", "--reset")
    assert error.value.returncode == 2


def test_schema_names_the_kinds_and_the_report_options(anon_client):
    schema = json.loads(anon_client.get("/api/v1/openapi.json").content)
    for method, operation in schema["paths"]["/api/v1/document-templates/{kind}/"].items():
        kind = next(p for p in operation["parameters"] if p["name"] == "kind")
        assert kind["in"] == "path" and sorted(kind["schema"]["enum"]) == sorted(KINDS), method
    report = schema["paths"]["/api/v1/plans/{code}/report/"]["get"]
    params = {p["name"]: p["schema"] for p in report["parameters"]}
    assert params["date"] == {"type": "string", "format": "date"}
    assert params["recipients"]["type"] == "array"
    assert {"number", "signer_name", "signer_title", "signer_deputy"} <= set(params)
