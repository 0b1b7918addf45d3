"""The province's Word template of the synthesis table (``synthesis``): the built-in one writes
the letterhead, title, closing sentence, signer and Nơi nhận as the generator did; an uploaded one
with changed wording changes the .docx the page gives; a broken one is refused (the old one
stays)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from kehoach.documents.models import DocumentTemplate
from kehoach.testing.docx_templates import docx_texts, edited_template

from . import test_synthesis_document

pytestmark = pytest.mark.django_db
KIND = "synthesis"
closed = test_synthesis_document.closed  # the fixture


def _upload(client, data: bytes):
    file = SimpleUploadedFile("mau.docx", data)
    return client.post("/van-ban/mau/", {"kind": KIND, "file": file})


def _docx(client, consultation) -> bytes:
    url = reverse("consultation:synthesis_docx", args=[consultation.slug])
    response = client.get(url, {"number": "7", "signer_name": "Trần Văn B"})
    assert response.status_code == 200
    return response.content


def test_the_built_in_template_writes_the_letterhead_as_before(planner_client, closed):
    data = _docx(planner_client, closed)
    body = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert body[:3] == [
        "BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý",
        f"Dự thảo: {closed.title}",
        "",
    ]
    assert body[3].startswith("Thời gian lấy ý kiến: từ ")
    assert body[4:8] == [
        "- I. ĐÁNH GIÁ › 1. Kết quả: 2 ý kiến;",
        "- II. MỤC TIÊU: 1 ý kiến;",
        "- Góp ý chung: 1 ý kiến;",
        "Chi tiết tại bảng tổng hợp kèm theo./.",
    ]
    texts = docx_texts(data)
    for line in ("SỞ TÀI CHÍNH", "Số: 07/BC-STC", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn B",
                 "Nơi nhận:", "- Các cơ quan, tổ chức, cá nhân đã góp ý;", "- Lưu: VT."):
        assert line in texts, line


def test_an_uploaded_template_changes_the_synthesis(planner_client, closed):
    edited = edited_template(
        {
            "{{ co_quan_ban_hanh }}": "{{ co_quan_ban_hanh }} - PHÒNG KẾ HOẠCH",
            "Chi tiết tại bảng tổng hợp": "Chi tiết xem bảng tổng hợp",
            "Nơi nhận:": "Nơi nhận (theo mẫu của tỉnh):",
        },
        KIND,
    )
    assert _upload(planner_client, edited).status_code == 302
    texts = docx_texts(_docx(planner_client, closed))
    assert "SỞ TÀI CHÍNH - PHÒNG KẾ HOẠCH" in texts
    assert "Chi tiết xem bảng tổng hợp kèm theo./." in texts
    assert "Nơi nhận (theo mẫu của tỉnh):" in texts
    assert "Nêu rõ nguồn vốn." in texts  # the generated table is still there
    assert planner_client.post(f"/van-ban/mau/{KIND}/mac-dinh/").status_code == 302
    assert "SỞ TÀI CHÍNH" in docx_texts(_docx(planner_client, closed))


@pytest.mark.parametrize(
    "replace, message",
    [
        ({"{{p noi_dung }}": "(nội dung)"}, "để chèn phần tóm tắt ý kiến góp ý"),
        ({"{{ du_thao }}": "{% if du_thao %}"}, "có trường hoặc lệnh không hợp lệ"),
        ({"{{ du_thao }}": "{{ van_ban_thuc_hien }}"}, "van_ban_thuc_hien"),
    ],
)
def test_a_broken_template_is_refused_and_the_old_stays(planner_client, closed, replace, message):
    good = edited_template({"Nơi nhận:": "Nơi nhận (mẫu tốt):"}, KIND)
    assert _upload(planner_client, good).status_code == 302
    response = _upload(planner_client, edited_template(replace, KIND))
    assert response.status_code == 400 and message in response.content.decode()
    assert "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý: Mẫu" in response.content.decode()
    assert bytes(DocumentTemplate.objects.get(kind=KIND).content) == good
    assert "Nơi nhận (mẫu tốt):" in docx_texts(_docx(planner_client, closed))
