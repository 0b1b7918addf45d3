"""The province's Word template of the draft plan document (``plan_document``): the built-in one
writes the letterhead, Căn cứ lines, opening sentence, signer and Nơi nhận as the generator did;
an uploaded one with changed wording changes the document; a broken one is refused (the old one
stays); reset, the API and the command take the kind."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from docx import Document

from kehoach.documents.models import DocumentTemplate
from kehoach.documents.reports.plan_document import plan_document_docx
from kehoach.documents.reports.template import KINDS, default_template
from kehoach.testing.docx_templates import docx_texts, edited_template

from . import test_plan_document
from .test_templates import _api

PAGE = "/van-ban/mau/"
KIND = "plan_document"
annual = test_plan_document.annual  # the fixture


def _upload(client, data: bytes):
    return client.post(PAGE, {"kind": KIND, "file": SimpleUploadedFile("mau.docx", data)})


def _document(plan) -> list[str]:
    return docx_texts(plan_document_docx(plan=plan, date=dt.date(2025, 12, 10), number_text="12"))


@pytest.mark.django_db
def test_the_built_in_template_writes_the_letterhead_as_before(annual):
    texts = _document(annual)
    body = [p.text for p in Document(io.BytesIO(plan_document_docx(plan=annual))).paragraphs]
    assert body[0] == "DỰ THẢO"
    assert body[1:5] == [
        "KẾ HOẠCH",
        "Phát triển kinh tế - xã hội năm 2026",
        "",
        "Căn cứ Kế hoạch 5 năm 2026-2030;",
    ]
    assert body[5] == "Căn cứ kết quả thực hiện kế hoạch phát triển kinh tế - xã hội năm 2025."
    assert body[6].endswith(
        "xây dựng Kế hoạch phát triển kinh tế - xã hội năm 2026 với các nội dung sau:"
    )
    assert body[7] == "I. MỤC TIÊU TỔNG QUÁT"
    for line in ("Số: 12/KH-UBND", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                 "Nơi nhận:", "- Thường trực Tỉnh ủy (b/c);", "- Lưu: VT, TH."):
        assert line in texts, line
    assert any(t.endswith("ngày 10 tháng 12 năm 2025") for t in texts)
    annual.status = "approved"
    annual.save()
    assert "DỰ THẢO" not in _document(annual)


@pytest.mark.django_db
def test_an_uploaded_template_changes_the_plan_document(planner_client, annual):
    edited = edited_template(
        {
            "{{ so_ky_hieu }}": "{{ so_ky_hieu }} (mẫu tỉnh)",
            "Nơi nhận:": "Nơi nhận (theo mẫu của tỉnh):",
            "xây dựng Kế hoạch": "ban hành Kế hoạch",
        },
        KIND,
    )
    assert _upload(planner_client, edited).status_code == 302
    texts = _document(annual)
    assert "Số: 12/KH-UBND (mẫu tỉnh)" in texts and "Nơi nhận (theo mẫu của tỉnh):" in texts
    assert any("ban hành Kế hoạch phát triển" in t for t in texts)
    assert "I. MỤC TIÊU TỔNG QUÁT" in texts  # the body is still generated
    assert planner_client.get(f"/van-ban/mau/{KIND}.docx").content == edited
    assert planner_client.post(f"/van-ban/mau/{KIND}/mac-dinh/").status_code == 302
    assert "Số: 12/KH-UBND" in _document(annual)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "replace, message",
    [
        ({"{{p noi_dung }}": "(nội dung)"}, "để chèn nội dung kế hoạch"),
        ({"{{ nguoi_ky }}": "{{ nguoi_ky }"}, "có trường hoặc lệnh không hợp lệ"),
        ({"{{ co_quan }}": "{{ van_ban_thuc_hien }}"}, "van_ban_thuc_hien"),
    ],
)
def test_a_broken_template_is_refused_and_the_old_stays(planner_client, annual, replace, message):
    good = edited_template({"Nơi nhận:": "Nơi nhận (mẫu tốt):"}, KIND)
    assert _upload(planner_client, good).status_code == 302
    response = _upload(planner_client, edited_template(replace, KIND))
    assert response.status_code == 400 and message in response.content.decode()
    assert bytes(DocumentTemplate.objects.get(kind=KIND).content) == good
    assert "Nơi nhận (mẫu tốt):" in _document(annual)


def test_every_kind_has_a_template_that_passes_its_own_check():
    from kehoach.documents.reports.template import check

    assert set(KINDS) == set(DocumentTemplate.Kind.values)
    for kind in KINDS:
        check(default_template(kind), kind)


def _parts(docx: bytes) -> dict[str, bytes]:
    """A .docx's parts without its properties: the default template is built when asked, so the
    zip's timestamps (and the creation time) differ by the second the two were built."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name != "docProps/core.xml"}


@pytest.mark.django_db
def test_page_api_and_command_take_the_kind(planner_client, planner, tmp_path):
    page = planner_client.get(PAGE).content.decode()
    assert "Dự thảo văn bản kế hoạch" in page and "can_cu" in page
    assert "Quyết định giao chỉ tiêu" in page and "ke_hoach_thuong" in page
    assert "Phụ lục chương trình hành động" in page and "ten_phu_luc" in page
    assert "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý" in page and "du_thao" in page
    api = _api(planner)
    url = f"/api/v1/document-templates/{KIND}/"
    assert _parts(api.get(url).content) == _parts(default_template(KIND))
    edited = edited_template({"Nơi nhận:": "Nơi nhận (API):"}, KIND)
    put = api.put(url, {"file": SimpleUploadedFile("m.docx", edited)}, format="multipart")
    assert put.status_code == 200 and put.json()["kind"] == KIND
    out = tmp_path / "m.docx"
    call_command("document_template", KIND, "--download", str(out), stdout=io.StringIO())
    assert out.read_bytes() == edited
    call_command("document_template", KIND, "--reset", stdout=io.StringIO())
    assert not DocumentTemplate.objects.filter(kind=KIND).exists()
