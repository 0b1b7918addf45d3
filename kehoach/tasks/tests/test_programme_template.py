"""The province's Word template of the action programme's attachments (``programme``: the task
table and the priority projects, landscape, no signature block): the built-in one writes the
letterhead and the Phụ lục lines as the generator did; an uploaded one with changed wording
changes both documents; a broken one is refused (the old one stays)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from docx.enum.section import WD_ORIENT

from kehoach.documents.models import DocumentTemplate
from kehoach.documents.reports.programme import projects_docx, tasks_docx
from kehoach.testing.docx_templates import docx_texts, edited_template

KIND = "programme"


def _upload(client, data: bytes):
    file = SimpleUploadedFile("mau.docx", data)
    return client.post("/van-ban/mau/", {"kind": KIND, "file": file})


def test_the_built_in_template_writes_the_letterhead_as_before(plan, task_a):
    plan.document = "56/KH-UBND"
    plan.save()
    data = tasks_docx(plan=plan)
    document = Document(io.BytesIO(data))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert [p.text for p in document.paragraphs][:3] == [
        "Phụ lục",
        "DANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN KẾ HOẠCH",
        "(Kèm theo kế hoạch 56 số 56/KH-UBND của Ủy ban nhân dân tỉnh Thử Nghiệm)",
    ]
    texts = docx_texts(data)
    for line in ("Số:      /KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Thử Nghiệm, ngày      tháng      năm", "Lập đề án chuyển đổi số"):
        assert line in texts, line
    assert "Nơi nhận:" not in texts
    plan.document = ""
    plan.save()
    projects = [p.text for p in Document(io.BytesIO(projects_docx(plan=plan, year=2025))).paragraphs]
    assert projects[1:3] == [
        "DANH MỤC DỰ ÁN ƯU TIÊN ĐẦU TƯ",
        "(Kèm theo kế hoạch 56 của Ủy ban nhân dân tỉnh Thử Nghiệm)",
    ]
    assert "KẾ HOẠCH VỐN VÀ GIẢI NGÂN NĂM 2025" in projects


def test_an_uploaded_template_changes_the_attachments(planner_client, plan, task_a):
    edited = edited_template(
        {"{{ co_quan_ban_hanh }}": "{{ co_quan_ban_hanh }} (MẪU TỈNH)", "Phụ lục": "PHỤ LỤC"},
        KIND,
    )
    assert _upload(planner_client, edited).status_code == 302
    for data in (tasks_docx(plan=plan), projects_docx(plan=plan, year=2025)):
        texts = docx_texts(data)
        assert any(t.endswith("TỈNH THỬ NGHIỆM (MẪU TỈNH)") for t in texts)
        assert "PHỤ LỤC" in texts and "Phụ lục" not in texts
    assert "Lập đề án chuyển đổi số" in docx_texts(tasks_docx(plan=plan))
    assert planner_client.post(f"/van-ban/mau/{KIND}/mac-dinh/").status_code == 302
    assert "Phụ lục" in docx_texts(tasks_docx(plan=plan))


@pytest.mark.parametrize(
    "replace, message",
    [
        ({"{{p noi_dung }}": "(bảng)"}, "để chèn các bảng của phụ lục"),
        ({"{{ ten_phu_luc }}": "{{ nguoi_ky }}"}, "nguoi_ky"),  # no signer on an attachment
        ({"{{ ten_phu_luc }}": "{% for %}"}, "có trường hoặc lệnh không hợp lệ"),
    ],
)
def test_a_broken_template_is_refused_and_the_old_stays(
    planner_client, plan, task_a, replace, message
):
    good = edited_template({"Phụ lục": "Phụ lục (mẫu tốt)"}, KIND)
    assert _upload(planner_client, good).status_code == 302
    response = _upload(planner_client, edited_template(replace, KIND))
    assert response.status_code == 400 and message in response.content.decode()
    assert bytes(DocumentTemplate.objects.get(kind=KIND).content) == good
    assert "Phụ lục (mẫu tốt)" in docx_texts(tasks_docx(plan=plan))
