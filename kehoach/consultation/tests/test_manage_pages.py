"""The planning office's pages: create, upload, sections, moderation, answers, synthesis."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from kehoach.consultation.models import Comment, CommentStatus, Consultation, Response, Section
from kehoach.consultation.services import comment_submit
from kehoach.consultation.tests.conftest import section
from kehoach.consultation.tests.test_drafts import make_docx
from kehoach.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NON_MANAGERS = ["anon_client", "reporter_a_client", "reporter_b_client", "leader_client"]
MANAGERS = ["planner_client", "admin_client_"]


def _comment(consultation, text="Đề nghị bổ sung.", **kw):
    return comment_submit(consultation=consultation, text=text, author_name="Chị Hoa",
                          contact="hoa@example.vn", ip_hash="h", **kw)


def _manager_urls(consultation, comment_id, section_id):
    slug = consultation.slug
    return [
        ("get", reverse("consultation:create")),
        ("get", reverse("consultation:edit", args=[slug])),
        ("get", reverse("consultation:upload", args=[slug])),
        ("get", reverse("consultation:sections", args=[slug])),
        ("get", reverse("consultation:section_edit", args=[slug, section_id])),
        ("post", reverse("consultation:section_delete", args=[slug, section_id])),
        ("get", reverse("consultation:moderation", args=[slug])),
        ("post", reverse("consultation:moderate", args=[slug, comment_id])),
        ("post", reverse("consultation:answer", args=[slug, comment_id])),
        ("get", reverse("consultation:synthesis", args=[slug])),
        ("get", reverse("consultation:synthesis_docx", args=[slug])),
        ("get", reverse("consultation:synthesis_xlsx", args=[slug])),
    ]


@pytest.mark.parametrize("client_name", NON_MANAGERS)
def test_office_pages_are_refused_to_everyone_else(request, client_name, consultation):
    """Anonymous visitors are sent to the login page; logged-in users who see the (published)
    consultation but may not manage it get 403."""
    client = request.getfixturevalue(client_name)
    comment = _comment(consultation)
    target = section(consultation, "II")
    for method, url in _manager_urls(consultation, comment.pk, target.pk):
        data = {"action": "publish", "kind": "tiep_thu", "text": "x"} if method == "post" else {}
        response = getattr(client, method)(url, data)
        if client_name == "anon_client":
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login") + "?next="), url
        else:
            assert response.status_code == 403, url
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert not Response.objects.exists() and Section.objects.filter(pk=target.pk).exists()


def test_office_pages_of_a_draft_are_not_found_for_a_reporter(reporter_a_client,
                                                              draft_consultation):
    for method, url in _manager_urls(draft_consultation, 1, 1)[1:]:
        assert getattr(reporter_a_client, method)(url).status_code == 404, url


@pytest.mark.parametrize("client_name", MANAGERS)
def test_office_pages_open_for_the_planning_office(request, client_name, consultation):
    client = request.getfixturevalue(client_name)
    comment = _comment(consultation)
    target = section(consultation, "II")
    for method, url in _manager_urls(consultation, comment.pk, target.pk):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_create_consultation(planner_client, unit_a, planner):
    response = planner_client.post(reverse("consultation:create"), {
        "title": "Dự thảo Kế hoạch năm 2027", "opens_at": "2026-12-01T08:00",
        "closes_at": "2026-12-31T17:00", "audience": "public", "invited_units": [unit_a.pk],
        "is_published": "on",
    })
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultation:sections", args=[consultation.slug])
    assert consultation.slug == "du-thao-ke-hoach-nam-2027" and consultation.created_by == planner
    assert list(consultation.invited_units.all()) == [unit_a]
    assert consultation.opens_at.hour == 1  # 08:00 in Hà Nội is 01:00 UTC
    assert AuditEntry.objects.filter(action="consultation_create").exists()


def test_create_with_closing_before_opening_refused(planner_client):
    response = planner_client.post(reverse("consultation:create"), {
        "title": "Sai ngày", "opens_at": "2026-12-31T08:00", "closes_at": "2026-12-01T08:00",
        "audience": "public",
    })
    assert response.status_code == 400
    assert "Hạn cuối nhận góp ý phải sau thời điểm bắt đầu." in response.content.decode()
    assert not Consultation.objects.exists()


def test_edit_publishes_and_changes_dates(planner_client, draft_consultation):
    url = reverse("consultation:edit", args=[draft_consultation.slug])
    response = planner_client.post(url, {
        "title": "Dự thảo đã sửa", "opens_at": "2026-01-01T08:00", "closes_at": "2030-01-01T08:00",
        "audience": "public", "is_published": "on",
    })
    assert response.status_code == 302
    draft_consultation.refresh_from_db()
    assert draft_consultation.title == "Dự thảo đã sửa" and draft_consultation.is_published
    assert draft_consultation.status == "open"


def _upload(client, consultation, name, data):
    return client.post(reverse("consultation:upload", args=[consultation.slug]),
                       {"file": _file(name, data)})


def _file(name, data):
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def test_upload_docx_replaces_sections(planner_client, draft_consultation):
    response = _upload(planner_client, draft_consultation, "du-thao.docx", make_docx(True))
    assert response.status_code == 302
    tops = list(draft_consultation.sections.filter(parent=None).order_by("position"))
    assert [s.title for s in tops] == ["DỰ THẢO KẾ HOẠCH 5 NĂM", "ĐÁNH GIÁ GIAI ĐOẠN 2021-2025",
                                       "Mục tiêu chung", "MỤC TIÊU"]
    item = draft_consultation.sections.get(number="a)")
    assert item.parent.number == "1" and item.parent.parent == tops[1]
    assert "GRDP | % | 10" in item.text
    page = planner_client.get(reverse("consultation:detail", args=[draft_consultation.slug]))
    assert "a) Về kinh tế" in page.content.decode()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("rong.docx", b"", "Tệp tải lên rỗng"),
    ("anh.docx", b"PK\x03\x04garbage", "Không đọc được tệp Word"),
    ("nhi-phan.txt", b"\x00\x01\x02\x03", "Tệp không phải văn bản"),
    ("sai-ma.txt", b"I. M\xe1c ti\xeau", "không mã hóa UTF-8"),
])
def test_bad_upload_refused_and_nothing_changed(planner_client, draft_consultation, name, data,
                                                message):
    before = list(draft_consultation.sections.values_list("pk", flat=True))
    response = _upload(planner_client, draft_consultation, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(draft_consultation.sections.values_list("pk", flat=True)) == before


def test_huge_upload_refused(planner_client, draft_consultation, settings):
    settings.KEHOACH_MAX_UPLOAD_BYTES = 2048
    response = _upload(planner_client, draft_consultation, "lon.docx", make_docx())
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert draft_consultation.sections.count() == 3


def test_upload_refused_once_comments_exist(planner_client, consultation):
    _comment(consultation)
    response = _upload(planner_client, consultation, "du-thao.docx", make_docx())
    assert response.status_code == 400
    assert "đã có ý kiến góp ý" in response.content.decode()
    assert consultation.sections.count() == 3


def test_add_edit_delete_section(planner_client, consultation):
    slug = consultation.slug
    top = section(consultation, "II")
    response = planner_client.post(reverse("consultation:sections", args=[slug]), {
        "number": "a)", "title": "Về kinh tế", "text": "GRDP tăng.", "parent": top.pk})
    assert response.status_code == 302
    new = consultation.sections.get(number="a)")
    assert new.parent == top
    response = planner_client.post(reverse("consultation:section_edit", args=[slug, new.pk]), {
        "number": "b)", "title": "Về xã hội", "text": "", "position": 5})
    new.refresh_from_db()
    assert response.status_code == 302 and new.label == "b) Về xã hội" and new.parent == top
    empty = planner_client.post(reverse("consultation:sections", args=[slug]),
                                {"number": "c)", "title": "", "text": ""})
    assert empty.status_code == 400 and "Hãy nhập tiêu đề hoặc nội dung" in empty.content.decode()
    _comment(consultation, section=top)
    planner_client.post(reverse("consultation:section_delete", args=[slug, new.pk]))
    assert not consultation.sections.filter(pk=new.pk).exists()
    response = planner_client.post(reverse("consultation:section_delete", args=[slug, top.pk]),
                                   follow=True)
    assert "đã có ý kiến góp ý nên không thể xóa" in response.content.decode()
    assert consultation.sections.filter(pk=top.pk).exists()


def test_moderation_queue_publish_reject_and_answer_with_htmx(planner_client, consultation,
                                                              anon_client, planner):
    first, second = _comment(consultation, "Ý kiến một"), _comment(consultation, "Ý kiến hai")
    queue = planner_client.get(reverse("consultation:moderation", args=[consultation.slug]))
    body = queue.content.decode()
    assert "Ý kiến một" in body and "Ý kiến hai" in body and "hoa@example.vn" in body
    url = reverse("consultation:moderate", args=[consultation.slug, first.pk])
    row = planner_client.post(url, {"action": "publish"}, HTTP_HX_REQUEST="true")
    assert row.status_code == 200 and row.content.decode().lstrip().startswith("<tr")
    planner_client.post(reverse("consultation:moderate", args=[consultation.slug, second.pk]),
                        {"action": "reject"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "published" and first.moderated_by == planner
    assert second.status == "rejected"
    bad = planner_client.post(url, {"action": "destroy"})
    assert bad.status_code == 400
    answer_url = reverse("consultation:answer", args=[consultation.slug, first.pk])
    refused = planner_client.post(answer_url, {"kind": "tiep_thu", "text": ""},
                                  HTTP_HX_REQUEST="true")
    assert refused.status_code == 400 and "Trường này là bắt buộc" in refused.content.decode()
    assert not Response.objects.exists()
    row = planner_client.post(answer_url, {"kind": "giai_trinh", "text": "Đã có ở mục III."},
                              HTTP_HX_REQUEST="true")
    assert row.status_code == 200 and "Đã có ở mục III." in row.content.decode()
    assert Response.objects.get().kind == "giai_trinh"
    planner_client.post(answer_url, {"kind": "tiep_thu", "text": "Tiếp thu."})
    assert Response.objects.get().kind == "tiep_thu" and Response.objects.count() == 1
    page = anon_client.get(reverse("consultation:detail", args=[consultation.slug]))
    body = page.content.decode()
    assert "Ý kiến một" in body and "Tiếp thu." in body and "Ý kiến hai" not in body
    assert "hoa@example.vn" not in body
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"comment_moderate", "response_create", "response_update"} <= actions


def _published_with_answer(consultation, planner):
    from kehoach.consultation.services import comment_moderate, response_record

    one = _comment(consultation, "Bổ sung chỉ tiêu nước sạch.", section=section(consultation, "1"))
    two = comment_submit(consultation=consultation, text="Nêu rõ thời hạn thủ tục.",
                         author_name="Anh Minh", author_kind="organisation",
                         organisation="Hiệp hội Doanh nghiệp", ip_hash="h")
    _comment(consultation, "Chưa duyệt")
    for c in (one, two):
        comment_moderate(comment=c, status="published", actor=planner)
    response_record(comment=one, kind="tiep_thu_mot_phan", text="Bổ sung một phần.",
                    actor=planner)
    return one, two


def test_synthesis_page_counts_and_chart(planner_client, consultation, planner):
    _published_with_answer(consultation, planner)
    response = planner_client.get(reverse("consultation:synthesis", args=[consultation.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "vendor/chart.js/dist/chart.umd.js" in body and 'id="chart-data"' in body
    assert "1. Kết quả" in body and "Góp ý chung" in body
    assert "Tiếp thu một phần" in body and "Chưa trả lời" in body
    assert "Chưa duyệt" not in body  # pending: not in the table


def test_synthesis_docx_opens_and_has_the_rows(planner_client, consultation, planner):
    _published_with_answer(consultation, planner)
    response = planner_client.get(reverse("consultation:synthesis_docx", args=[consultation.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    header = document.tables[0]
    assert "SỞ TÀI CHÍNH" in header.cell(0, 0).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    texts = [p.text for p in document.paragraphs]
    assert "BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý" in texts
    assert document.sections[-1].orientation == 1  # landscape
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells][:2] == ["STT", "Cơ quan, tổ chức, cá nhân góp ý"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    # grouped by section: a group row (merged) then its comments, numbered across the table
    assert [r[0] for r in rows] == ["I", "1", "II", "2"]
    assert rows[0][1] == "I. ĐÁNH GIÁ › 1. Kết quả" and rows[2][1] == "Góp ý chung"
    assert "Chị Hoa" in rows[1][1] and rows[1][2] == "Bổ sung chỉ tiêu nước sạch."
    assert rows[1][3] == "Tiếp thu một phần"
    assert "Hiệp hội Doanh nghiệp" in rows[3][1] and rows[3][3] == "Chưa trả lời"


def test_synthesis_xlsx_opens_and_has_the_rows(planner_client, consultation, planner):
    _published_with_answer(consultation, planner)
    response = planner_client.get(reverse("consultation:synthesis_xlsx", args=[consultation.slug]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header_index = next(i for i, row in enumerate(values) if row[0] == "STT")
    rows = values[header_index + 1:]
    assert [r[0] for r in rows] == ["I", 1, "II", 2]
    assert rows[0][1] == "I. ĐÁNH GIÁ › 1. Kết quả" and rows[1][3] == "Tiếp thu một phần"
    assert rows[1][4] == "Bổ sung một phần."
    assert sheet.page_setup.orientation == "landscape"
    stats = {row[1]: row[2] for row in load_workbook(io.BytesIO(response.content))["Thống kê"]
             .iter_rows(values_only=True) if row[1]}
    # the statistics count the table's comments; the pending one is named apart
    assert stats["I. ĐÁNH GIÁ › 1. Kết quả"] == 1 and stats["Góp ý chung"] == 1
    assert stats["Người dân"] == 1 and stats["Tổ chức, doanh nghiệp"] == 1
    assert stats["Tổng số ý kiến trong bảng tổng hợp"] == 2
    assert stats["Ý kiến chờ kiểm duyệt (chưa đưa vào bảng, không tính vào tổng)"] == 1
    assert Comment.objects.count() == 3
