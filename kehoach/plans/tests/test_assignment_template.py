"""The province's Word template of the "Quyết định giao chỉ tiêu" (``assignment``): the decision
is all wording (no generated body, no ``noi_dung``); the built-in template writes it as the
generator did; an uploaded one with changed wording changes the .docx the page gives; a broken
one is refused (the old one stays)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from kehoach.documents.models import DocumentTemplate
from kehoach.testing.docx_templates import docx_texts, edited_template

from . import test_responsible

pytestmark = pytest.mark.django_db
KIND = "assignment"
plan = test_responsible.plan  # the fixtures
two_targets = test_responsible.two_targets


def _upload(client, data: bytes):
    file = SimpleUploadedFile("mau.docx", data)
    return client.post("/van-ban/mau/", {"kind": KIND, "file": file})


def _docx(client, plan) -> bytes:
    response = client.get(reverse("plans:assignment_docx", args=[plan.code]))
    assert response.status_code == 200
    return response.content


def test_the_built_in_template_writes_the_decision_as_before(planner_client, plan, two_targets):
    plan.document = "12/KH-UBND"
    plan.save()
    data = _docx(planner_client, plan)
    body = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    name = plan.name[:1].lower() + plan.name[1:]
    assert body[:9] == [
        "QUYẾT ĐỊNH",
        f"Về việc giao chỉ tiêu {name}",
        "",
        "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        f"Căn cứ văn bản số 12/KH-UBND về {plan.name}.",
        "QUYẾT ĐỊNH:",
        f"Điều 1. Giao chỉ tiêu {name} cho các cơ quan, đơn vị, địa phương (chi tiết tại Phụ "
        "lục kèm theo).",
        "Điều 2. Thủ trưởng các cơ quan, đơn vị, địa phương được giao chỉ tiêu chịu trách nhiệm "
        "tổ chức thực hiện và báo cáo kết quả theo quy định./.",
    ]
    texts = docx_texts(data)
    for line in ("Số:      /QĐ-UBND", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                 "Nơi nhận:", "- Như Điều 2;", "- Lưu: VT, TH.", "Tăng trưởng GRDP"):
        assert line in texts, line


def test_an_uploaded_template_changes_the_decision(planner_client, plan, two_targets):
    edited = edited_template(
        {
            "{{ co_quan_ban_hanh }}": "{{ co_quan_ban_hanh }} (MẪU TỈNH)",
            "Điều 2. Thủ trưởng": "Điều 2. Giám đốc các sở, Thủ trưởng",
        },
        KIND,
    )
    assert _upload(planner_client, edited).status_code == 302
    texts = docx_texts(_docx(planner_client, plan))
    assert any(t.endswith("TỈNH THỬ NGHIỆM (MẪU TỈNH)") for t in texts)
    assert any(t.startswith("Điều 2. Giám đốc các sở, Thủ trưởng") for t in texts)
    assert "Tăng trưởng GRDP" in texts  # the appendix table is still generated
    assert planner_client.post(f"/van-ban/mau/{KIND}/mac-dinh/").status_code == 302
    assert not any("(MẪU TỈNH)" in t for t in docx_texts(_docx(planner_client, plan)))


@pytest.mark.parametrize(
    "replace, message",
    [
        ({"{{ trich_yeu }}": "{{ trich_yeu }"}, "có trường hoặc lệnh không hợp lệ"),
        ({"{{ trich_yeu }}": "{{ noi_dung_qd }}"}, "noi_dung_qd"),
        ({"{{ trich_yeu }}": "{{ van_ban_thuc_hien }}"}, "van_ban_thuc_hien"),
    ],
)
def test_a_broken_template_is_refused_and_the_old_stays(
    planner_client, plan, two_targets, replace, message
):
    good = edited_template({"Nơi nhận:": "Nơi nhận (mẫu tốt):"}, KIND)
    assert _upload(planner_client, good).status_code == 302
    response = _upload(planner_client, edited_template(replace, KIND))
    assert response.status_code == 400 and message in response.content.decode()
    assert bytes(DocumentTemplate.objects.get(kind=KIND).content) == good
    assert "Nơi nhận (mẫu tốt):" in docx_texts(_docx(planner_client, plan))
