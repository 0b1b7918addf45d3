"""/api/v1/consultations/: public read and comments, planning office writes, whole cast."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from kehoach.consultation.models import Comment, Consultation, Response, Section
from kehoach.consultation.services import comment_moderate, comment_submit, response_record
from kehoach.consultation.tests.conftest import comment_data, section
from kehoach.testing.cast import token_client as api

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations/"


@pytest.fixture
def cast(planner, admin_user, reporter_a, reporter_b, leader):
    return {"anon": None, "planner": planner, "admin": admin_user, "reporter_a": reporter_a,
            "reporter_b": reporter_b, "leader": leader}


def _published(consultation, planner, text="Ý kiến công khai"):
    comment = comment_submit(consultation=consultation, text=text, author_name="Chị Hoa",
                             contact="hoa@example.vn", ip_hash="h",
                             section=section(consultation, "II"))
    comment_moderate(comment=comment, status="published", actor=planner)
    response_record(comment=comment, kind="tiep_thu", text="Đã bổ sung.", actor=planner)
    return comment


def test_public_read_for_the_whole_cast(cast, consultation, closed_consultation,
                                        draft_consultation, planner):
    _published(consultation, planner)
    comment_submit(consultation=consultation, text="Chưa duyệt", author_name="B", ip_hash="h")
    for name, user in cast.items():
        client = api(user)
        listing = client.get(BASE)
        assert listing.status_code == 200, name
        slugs = {c["slug"] for c in listing.json()["results"]}
        assert {consultation.slug, closed_consultation.slug} <= slugs
        assert (draft_consultation.slug in slugs) == (name in {"planner", "admin", "leader"})
        detail = client.get(f"{BASE}{consultation.slug}/")
        assert detail.status_code == 200
        assert [s["label"] for s in detail.json()["sections"]] == ["I. ĐÁNH GIÁ", "1. Kết quả",
                                                                   "II. MỤC TIÊU"]
        page = client.get(f"{BASE}{consultation.slug}/comments/").json()
        comments = page["results"]
        assert page["count"] == len(comments) and page["next"] is None
        manager = name in {"planner", "admin"}
        assert len(comments) == (2 if manager else 1)
        published = next(c for c in comments if c["text"] == "Ý kiến công khai")
        assert published["response"]["kind_label"] == "Tiếp thu"
        assert published["section_label"] == "II. MỤC TIÊU"
        assert ("contact" in published) == manager
        draft = client.get(f"{BASE}{draft_consultation.slug}/")
        assert draft.status_code == (200 if name in {"planner", "admin", "leader"} else 404)


def test_comments_are_paginated(consultation, planner):
    for i in range(4):
        _published(consultation, planner, text=f"Ý kiến {i}")
    url = f"{BASE}{consultation.slug}/comments/?page_size=2"
    page = api().get(url).json()
    assert page["count"] == 4 and len(page["results"]) == 2 and page["next"]
    assert len(api().get(page["next"]).json()["results"]) == 2
    beyond = api().get(f"{url}&page=9")
    assert beyond.status_code == 404 and beyond.json()["error"]["code"] == "not_found"


def test_unknown_consultation_is_404_with_the_error_shape():
    response = api().get(f"{BASE}khong-co/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_public_post_comment(consultation):
    data = comment_data(section=section(consultation, "1").pk)
    response = api().post(f"{BASE}{consultation.slug}/comments/", data, format="json",
                          REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending" and "contact" not in body
    comment = Comment.objects.get()
    assert comment.section.number == "1" and comment.contact == "dan@example.vn"


def test_api_honeypot_rate_limit_and_dates(consultation, closed_consultation, settings):
    settings.KEHOACH_CONSULTATION_RATE_LIMIT = 2
    url = f"{BASE}{consultation.slug}/comments/"
    trap = api().post(url, comment_data(website="x"), format="json")
    assert trap.status_code == 400 and trap.json()["error"]["code"] == "rejected"
    assert not Comment.objects.exists()
    for _ in range(2):
        assert api().post(url, comment_data(), format="json", REMOTE_ADDR="192.0.2.9"
                          ).status_code == 201
    flood = api().post(url, comment_data(), format="json", REMOTE_ADDR="192.0.2.9")
    assert flood.status_code == 429
    assert flood.json()["error"] == {"code": "rate_limited", "fields": {},
                                     "message": "Bạn đã gửi 2 góp ý trong 10 phút. "
                                                "Vui lòng đợi rồi gửi tiếp."}
    assert api().post(url, comment_data(), format="json", REMOTE_ADDR="192.0.2.10"
                      ).status_code == 201
    closed = api().post(f"{BASE}{closed_consultation.slug}/comments/", comment_data(),
                        format="json")
    assert closed.status_code == 400
    assert "Đã hết hạn nhận góp ý" in closed.json()["error"]["message"]
    assert Comment.objects.count() == 3


def test_api_bad_comment_has_field_errors(consultation):
    response = api().post(f"{BASE}{consultation.slug}/comments/",
                          comment_data(author_kind="organisation", organisation=""),
                          format="json")
    assert response.status_code == 400
    assert "organisation" in response.json()["error"]["fields"]
    assert not Comment.objects.exists()


def test_api_unit_comment(consultation, reporter_a, reporter_b, unit_a):
    url = f"{BASE}{consultation.slug}/comments/"
    refused = api(reporter_b).post(url, {"author_kind": "unit", "text": "Sở B"}, format="json")
    assert refused.status_code == 400 and not Comment.objects.exists()
    done = api(reporter_a).post(url, {"author_kind": "unit", "text": "Sở A góp ý"}, format="json")
    assert done.status_code == 201 and done.json()["unit"] == unit_a.code
    assert Comment.objects.get().unit == unit_a


def _write_calls(consultation, comment_id):
    slug = consultation.slug
    return [
        ("post", BASE, {"title": "Mới", "opens_at": "2026-12-01T08:00:00+07:00",
                        "closes_at": "2026-12-31T08:00:00+07:00"}),
        ("patch", f"{BASE}{slug}/", {"title": "Đổi tên"}),
        ("post", f"{BASE}{slug}/sections/", {"number": "III", "title": "GIẢI PHÁP"}),
        ("post", f"{BASE}{slug}/comments/{comment_id}/moderate/", {"status": "published"}),
        ("put", f"{BASE}{slug}/comments/{comment_id}/response/",
         {"kind": "giai_trinh", "text": "Giải trình."}),
        ("get", f"{BASE}{slug}/synthesis.docx", None),
        ("get", f"{BASE}{slug}/synthesis.xlsx", None),
    ]


@pytest.mark.parametrize("name", ["anon", "reporter_a", "reporter_b", "leader"])
def test_writes_refused_for_everyone_but_the_planning_office(cast, name, consultation):
    comment = comment_submit(consultation=consultation, text="Chờ", author_name="X", ip_hash="h")
    client = api(cast[name])
    for method, url, data in _write_calls(consultation, comment.pk):
        response = getattr(client, method)(url, data, format="json") if data is not None \
            else client.get(url)
        assert response.status_code in (401, 403, 404), (url, response.status_code)
        assert "error" in response.json()
    consultation.refresh_from_db()
    comment.refresh_from_db()
    assert Consultation.objects.count() == 1 and consultation.title == "Dự thảo du-thao"
    assert comment.status == "pending" and not Response.objects.exists()
    assert not Section.objects.filter(number="III").exists()


@pytest.mark.parametrize("name", ["planner", "admin"])
def test_planning_office_writes(cast, name, consultation, unit_b):
    comment = comment_submit(consultation=consultation, text="Chờ", author_name="X", ip_hash="h")
    client = api(cast[name])
    created = client.post(BASE, {"title": "Dự thảo Kế hoạch năm 2027", "invited_units": [unit_b.code],
                                 "opens_at": "2026-12-01T08:00:00+07:00",
                                 "closes_at": "2026-12-31T08:00:00+07:00"}, format="json")
    assert created.status_code == 201 and created.json()["invited_units"] == [unit_b.code]
    assert Consultation.objects.filter(slug=created.json()["slug"]).exists()
    patched = client.patch(f"{BASE}{consultation.slug}/", {"title": "Đổi tên"}, format="json")
    assert patched.status_code == 200 and patched.json()["title"] == "Đổi tên"
    top = section(consultation, "II")
    sec = client.post(f"{BASE}{consultation.slug}/sections/",
                      {"number": "a)", "title": "Kinh tế", "parent": top.pk}, format="json")
    assert sec.status_code == 201 and Section.objects.get(pk=sec.json()["id"]).parent == top
    mod = client.post(f"{BASE}{consultation.slug}/comments/{comment.pk}/moderate/",
                      {"status": "published"}, format="json")
    assert mod.status_code == 200 and mod.json()["status"] == "published"
    ans = client.put(f"{BASE}{consultation.slug}/comments/{comment.pk}/response/",
                     {"kind": "giai_trinh", "text": "Giải trình."}, format="json")
    assert ans.status_code == 200 and ans.json()["response"]["kind_label"] == "Giải trình"
    docx = client.get(f"{BASE}{consultation.slug}/synthesis.docx")
    assert docx.status_code == 200
    assert Document(io.BytesIO(docx.content)).tables[-1].rows[2].cells[4].text == "Giải trình."
    xlsx = client.get(f"{BASE}{consultation.slug}/synthesis.xlsx")
    values = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert values[-1][2] == "Chờ" and values[-1][4] == "Giải trình."


def test_planning_office_bad_input(planner, consultation):
    client = api(planner)
    bad_dates = client.post(BASE, {"title": "Sai", "opens_at": "2026-12-31T08:00:00+07:00",
                                   "closes_at": "2026-12-01T08:00:00+07:00"}, format="json")
    assert bad_dates.status_code == 400 and "closes_at" in bad_dates.json()["error"]["fields"]
    comment = comment_submit(consultation=consultation, text="Chờ", author_name="X", ip_hash="h")
    bad_kind = client.put(f"{BASE}{consultation.slug}/comments/{comment.pk}/response/",
                          {"kind": "dong_y", "text": "x"}, format="json")
    assert bad_kind.status_code == 400 and "kind" in bad_kind.json()["error"]["fields"]
    empty = client.post(f"{BASE}{consultation.slug}/sections/", {"number": "IV"}, format="json")
    assert empty.status_code == 400
    assert "Hãy nhập tiêu đề hoặc nội dung" in empty.json()["error"]["message"]
    assert Consultation.objects.count() == 1 and not Response.objects.exists()
    assert not Section.objects.filter(number="IV").exists()
