"""The public pages: list, reading a draft, commenting, honeypot, rate limit, dates, escaping."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kehoach.consultation.models import Comment, CommentStatus
from kehoach.consultation.services import comment_moderate, comment_submit, response_record
from kehoach.consultation.tests.conftest import comment_data, section
from kehoach.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _post(client, consultation, **overrides):
    return client.post(reverse("consultation:comment", args=[consultation.slug]),
                       comment_data(**overrides), REMOTE_ADDR=overrides.pop("ip", "203.0.113.5"))


def test_list_shows_open_consultations_to_everyone(
    consultation, closed_consultation, draft_consultation, future_consultation, anon_client,
    reporter_b_client, planner_client,
):
    for client in (anon_client, reporter_b_client):
        response = client.get(reverse("consultation:list"))
        body = response.content.decode()
        assert response.status_code == 200
        assert consultation.title in body and closed_consultation.title in body
        assert draft_consultation.title not in body and future_consultation.title not in body
    body = planner_client.get(reverse("consultation:list")).content.decode()
    assert draft_consultation.title in body and future_consultation.title in body
    assert "Lấy ý kiến" in anon_client.get("/").content.decode()  # in the navigation


def test_public_page_reads_by_section_without_login(consultation, anon_client):
    response = anon_client.get(reverse("consultation:detail", args=[consultation.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "I. ĐÁNH GIÁ" in body and "1. Kết quả" in body and "II. MỤC TIÊU" in body
    assert 'name="website"' in body and "Gửi góp ý" in body
    assert "Đang lấy ý kiến" in body


@pytest.mark.parametrize("fixture", ["draft_consultation", "future_consultation"])
def test_unpublished_or_not_yet_open_is_not_found_for_the_public(
    request, fixture, anon_client, reporter_a_client, planner_client, leader_client,
):
    consultation = request.getfixturevalue(fixture)
    url = reverse("consultation:detail", args=[consultation.slug])
    assert anon_client.get(url).status_code == 404
    assert reporter_a_client.get(url).status_code == 404
    assert planner_client.get(url).status_code == 200
    assert leader_client.get(url).status_code == 200
    assert _post(anon_client, consultation).status_code == 404
    assert not Comment.objects.exists()


def test_anonymous_comment_is_stored_pending_and_not_shown(consultation, anon_client):
    target = section(consultation, "1")
    response = _post(anon_client, consultation, section=str(target.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("consultation:thanks", args=[consultation.slug])
    comment = Comment.objects.get()
    assert comment.section == target and comment.status == CommentStatus.PENDING
    assert comment.contact == "dan@example.vn" and comment.user is None
    assert comment.ip_hash and "203.0.113.5" not in comment.ip_hash and len(comment.ip_hash) == 64
    assert AuditEntry.objects.filter(action="comment_submit").count() == 1
    thanks = anon_client.get(response["Location"])
    assert thanks.status_code == 200 and "Cảm ơn bạn đã góp ý" in thanks.content.decode()
    page = anon_client.get(reverse("consultation:detail", args=[consultation.slug]))
    assert "nước sạch" not in page.content.decode()


def test_organisation_needs_its_name(consultation, anon_client):
    response = _post(anon_client, consultation, author_kind="organisation", organisation="")
    assert response.status_code == 400
    assert "Hãy nhập tên tổ chức, doanh nghiệp." in response.content.decode()
    assert not Comment.objects.exists()


def test_empty_comment_refused(consultation, anon_client):
    response = _post(anon_client, consultation, text="   ", author_name="")
    assert response.status_code == 400
    assert "Góp ý chưa được gửi" in response.content.decode()
    assert not Comment.objects.exists()


def test_honeypot_filled_stores_nothing(consultation, anon_client):
    response = _post(anon_client, consultation, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_rate_limit_per_address(consultation, anon_client, settings):
    settings.KEHOACH_CONSULTATION_RATE_LIMIT = 3
    for _ in range(3):
        assert _post(anon_client, consultation, ip="198.51.100.7").status_code == 302
    refused = _post(anon_client, consultation, ip="198.51.100.7")
    assert refused.status_code == 429
    assert "Bạn đã gửi 3 góp ý trong 10 phút" in refused.content.decode()
    assert Comment.objects.count() == 3
    other = _post(Client(), consultation, ip="198.51.100.8")
    assert other.status_code == 302 and Comment.objects.count() == 4


def test_rate_limit_default_is_five_in_ten_minutes(consultation, anon_client):
    for _ in range(5):
        assert _post(anon_client, consultation).status_code == 302
    assert _post(anon_client, consultation).status_code == 429
    assert Comment.objects.count() == 5


def test_comment_after_closing_refused(closed_consultation, anon_client):
    response = _post(anon_client, closed_consultation)
    assert response.status_code == 400
    assert "Đã hết hạn nhận góp ý" in response.content.decode()
    assert not Comment.objects.exists()
    page = anon_client.get(reverse("consultation:detail", args=[closed_consultation.slug]))
    assert page.status_code == 200 and 'name="text"' not in page.content.decode()


def test_comment_before_opening_refused_even_for_the_planning_office(
    future_consultation, planner_client,
):
    response = _post(planner_client, future_consultation)
    assert response.status_code == 400
    assert "chưa mở lấy ý kiến" in response.content.decode()
    assert not Comment.objects.exists()


def test_html_and_script_are_shown_as_text(consultation, anon_client, planner):
    evil = '<script>alert("x")</script><b>đậm</b>'
    comment = comment_submit(consultation=consultation, text=evil, author_name="<i>Kẻ</i>",
                             ip_hash="h")
    comment_moderate(comment=comment, status=CommentStatus.PUBLISHED, actor=planner)
    response_record(comment=comment, kind="giai_trinh", text="<img src=x onerror=alert(1)>",
                    actor=planner)
    assert Comment.objects.get().text == evil  # stored as typed
    body = anon_client.get(reverse("consultation:detail", args=[consultation.slug])).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "<i>Kẻ</i>" not in body and "&lt;i&gt;Kẻ&lt;/i&gt;" in body
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body


def test_published_comment_shows_its_answer_and_hides_contact(consultation, anon_client, planner):
    comment = comment_submit(consultation=consultation, text="Bổ sung nước sạch.",
                             author_name="Chị Hoa", contact="0912345678",
                             section=section(consultation, "II"), ip_hash="h")
    pending = comment_submit(consultation=consultation, text="Ý kiến chưa duyệt.",
                             author_name="Anh Nam", ip_hash="h")
    rejected = comment_submit(consultation=consultation, text="Ý kiến bị từ chối.",
                              author_name="Anh Tư", ip_hash="h")
    comment_moderate(comment=comment, status=CommentStatus.PUBLISHED, actor=planner)
    comment_moderate(comment=rejected, status=CommentStatus.REJECTED, actor=planner)
    response_record(comment=comment, kind="tiep_thu", text="Đã bổ sung vào mục II.", actor=planner)
    body = anon_client.get(reverse("consultation:detail", args=[consultation.slug])).content.decode()
    assert "Bổ sung nước sạch." in body and "Chị Hoa" in body
    assert "Tiếp thu" in body and "Đã bổ sung vào mục II." in body
    assert "0912345678" not in body
    assert pending.text not in body and rejected.text not in body


def test_invited_unit_comments_on_behalf_of_its_unit(consultation, reporter_a_client, unit_a,
                                                     reporter_a):
    page = reporter_a_client.get(reverse("consultation:detail", args=[consultation.slug]))
    assert "Góp ý của Sở A" in page.content.decode()
    response = reporter_a_client.post(
        reverse("consultation:comment", args=[consultation.slug]),
        {"as_unit": "1", "text": "Sở A đề nghị sửa chỉ tiêu.", "section": "", "author_name": ""})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.unit == unit_a and comment.author_kind == "unit" and comment.user == reporter_a
    assert comment.author_name == reporter_a.username
    page = reporter_a_client.get(reverse("consultation:detail", args=[consultation.slug]))
    assert "Ý kiến đơn vị bạn đã gửi" in page.content.decode()


def test_reporter_of_a_non_invited_unit_cannot_comment_for_its_unit(
    consultation, reporter_b_client,
):
    page = reporter_b_client.get(reverse("consultation:detail", args=[consultation.slug]))
    assert "Góp ý của Sở B" not in page.content.decode()
    response = reporter_b_client.post(
        reverse("consultation:comment", args=[consultation.slug]),
        {"as_unit": "1", "text": "Sở B chen vào.", "section": ""})
    assert response.status_code == 400
    assert "không nằm trong danh sách được mời" in response.content.decode()
    assert not Comment.objects.exists()


def test_invited_only_consultation_refuses_the_public(invited_only, anon_client):
    page = anon_client.get(reverse("consultation:detail", args=[invited_only.slug]))
    assert page.status_code == 200 and 'name="text"' not in page.content.decode()
    response = _post(anon_client, invited_only)
    assert response.status_code == 400
    assert "chỉ lấy ý kiến các cơ quan, đơn vị được mời" in response.content.decode()
    assert not Comment.objects.exists()


def test_section_of_another_consultation_is_refused(consultation, closed_consultation,
                                                    anon_client):
    other = section(closed_consultation, "I")
    response = _post(anon_client, consultation, section=str(other.pk))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_empty_list_says_so(anon_client):
    response = anon_client.get(reverse("consultation:list"))
    assert response.status_code == 200
    assert "Hiện không có dự thảo nào đang lấy ý kiến." in response.content.decode()


def test_thanks_page_of_a_hidden_consultation_is_not_found(draft_consultation, anon_client):
    url = reverse("consultation:thanks", args=[draft_consultation.slug])
    assert anon_client.get(url).status_code == 404
