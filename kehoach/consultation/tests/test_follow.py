"""A citizen follows what they said: reference number, private link, e-mail receipt, API, CLI."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from rest_framework.test import APIClient

from kehoach.consultation.models import Comment
from kehoach.consultation.services import comment_moderate, comment_submit, response_record
from kehoach.consultation.tests.conftest import comment_data, section

pytestmark = pytest.mark.django_db


def _send(client, consultation, capture, **overrides):
    with capture(execute=True):
        response = client.post(reverse("consultation:comment", args=[consultation.slug]),
                               comment_data(**overrides), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    return client.get(response["Location"])


def _comment(consultation, **overrides) -> Comment:
    data = comment_data(**overrides)
    data.pop("website")
    return comment_submit(consultation=consultation, ip_hash="x" * 64, **data)


def test_reference_reads_year_and_number(consultation):
    comment = _comment(consultation)
    assert re.fullmatch(r"GY-\d{4}-\d{6}", comment.reference)
    assert comment.reference == f"GY-{comment.created_at.year}-{comment.pk:06d}"
    other = _comment(consultation, text="Ý kiến khác")
    assert other.follow_token != comment.follow_token and len(comment.follow_token) >= 43


def test_confirmation_page_and_email_show_reference_and_private_link(
        consultation, anon_client, django_capture_on_commit_callbacks):
    page = _send(anon_client, consultation, django_capture_on_commit_callbacks)
    comment = Comment.objects.get()
    body = page.content.decode()
    link = "http://testserver" + reverse("consultation:follow", args=[comment.follow_token])
    assert page.status_code == 200
    assert comment.reference in body and link in body
    assert "cũng được gửi đến thư điện tử" in body
    assert "Tiếp theo" in body and "Bảng tổng hợp" in body
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dan@example.vn"]
    assert comment.reference in message.subject
    assert comment.reference in message.body and link in message.body


def test_no_email_when_the_contact_is_a_phone_number(
        consultation, anon_client, django_capture_on_commit_callbacks):
    page = _send(anon_client, consultation, django_capture_on_commit_callbacks,
                 contact="0912 345 678")
    comment = Comment.objects.get()
    body = page.content.decode()
    assert comment.reference in body and "cũng được gửi đến thư điện tử" not in body
    assert mail.outbox == []


def test_bad_comment_gets_no_reference_and_no_email(
        consultation, anon_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(reverse("consultation:comment", args=[consultation.slug]),
                                    comment_data(text="  "), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 400 and "Góp ý chưa được gửi" in response.content.decode()
    assert not Comment.objects.exists() and mail.outbox == []
    thanks = anon_client.get(reverse("consultation:thanks", args=[consultation.slug]))
    assert 'id="reference"' not in thanks.content.decode()


def test_private_link_shows_only_that_comment_and_its_answer(consultation, planner, anon_client):
    mine = _comment(consultation, text="Ý kiến của tôi về nước sạch.")
    theirs = _comment(consultation, author_name="Trần Thị Khác", contact="khac@example.vn",
                      text="Ý kiến của người khác về giao thông.")
    url = reverse("consultation:follow", args=[mine.follow_token])
    page = anon_client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert mine.reference in body and "Ý kiến của tôi về nước sạch." in body
    assert "Chờ kiểm duyệt" in body and "Chưa có trả lời" in body
    assert theirs.text not in body and "Trần Thị Khác" not in body and theirs.reference not in body
    assert "dan@example.vn" not in body and "khac@example.vn" not in body
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    comment_moderate(comment=mine, status="published", actor=planner)
    response_record(comment=mine, kind="tiep_thu", text="Đã bổ sung chỉ tiêu nước sạch.",
                    actor=planner)
    body = anon_client.get(url).content.decode()
    assert "Đã công khai" in body and "Tiếp thu" in body and "Đã bổ sung chỉ tiêu" in body


@pytest.mark.parametrize("token", ["x" * 43, "short", "a" * 200, "%27or%271%27=%271"])
def test_wrong_token_is_not_found(consultation, anon_client, token):
    _comment(consultation)
    assert anon_client.get(f"/lay-y-kien/y-kien/{token}/").status_code == 404
    assert APIClient().get(f"/api/v1/comment-status/{token}/").status_code == 404


def test_another_consultations_comment_is_not_on_my_thanks_page(
        consultation, closed_consultation, anon_client, django_capture_on_commit_callbacks):
    _send(anon_client, consultation, django_capture_on_commit_callbacks)
    comment = Comment.objects.get()
    other = anon_client.get(reverse("consultation:thanks", args=[closed_consultation.slug]))
    assert comment.reference not in other.content.decode()


def test_api_post_answers_reference_and_links_and_follow_endpoint(
        consultation, planner, django_capture_on_commit_callbacks):
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/consultations/{consultation.slug}/comments/",
                               comment_data(section=section(consultation, "1").pk),
                               format="json", REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 201
    body = response.json()
    comment = Comment.objects.get()
    assert body["reference"] == comment.reference
    assert body["follow_url"].endswith(f"/lay-y-kien/y-kien/{comment.follow_token}/")
    assert body["follow_api"].endswith(f"/api/v1/comment-status/{comment.follow_token}/")
    assert len(mail.outbox) == 1 and body["follow_url"] in mail.outbox[0].body
    response_record(comment=comment, kind="giai_trinh", text="Giải trình như sau.", actor=planner)
    followed = client.get(body["follow_api"]).json()
    assert followed["reference"] == comment.reference and followed["status"] == "pending"
    assert followed["consultation"] == consultation.slug and followed["section_label"] == "1. Kết quả"
    assert followed["response"]["kind"] == "giai_trinh"
    assert "contact" not in followed and "author_name" not in followed
    assert client.post(body["follow_api"], {}).status_code == 405


def test_plan_page_links_to_its_consultation(consultation, draft_consultation, anon_client,
                                             planner_client):
    draft_consultation.plan = consultation.plan
    draft_consultation.save()
    url = reverse("plans:detail", args=[consultation.plan.code])
    body = planner_client.get(url).content.decode()
    detail = reverse("consultation:detail", args=[consultation.slug])
    assert f'href="{detail}"' in body and "góp ý đến" in body
    assert reverse("consultation:detail", args=[draft_consultation.slug]) in body
    page = anon_client.get(url)
    if page.status_code == 200:  # the public sees the link, never an unpublished draft's
        text = page.content.decode()
        assert f'href="{detail}"' in text
        assert reverse("consultation:detail", args=[draft_consultation.slug]) not in text


def test_consultation_page_says_when_it_closes_and_what_next(consultation, closed_consultation,
                                                             anon_client):
    body = anon_client.get(reverse("consultation:detail", args=[consultation.slug])).content
    text = body.decode()
    assert "Hạn cuối nhận góp ý" in text and "còn 29 ngày" in text and "Tiếp theo" in text
    assert "weeks" not in text
    assert reverse("plans:detail", args=[consultation.plan.code]) in text
    closed = anon_client.get(reverse("consultation:detail", args=[closed_consultation.slug]))
    assert reverse("consultation:public_synthesis", args=[closed_consultation.slug]) in \
        closed.content.decode()


def test_synthesis_is_published_after_closing_only(consultation, closed_consultation, planner,
                                                   anon_client, planner_client):
    open_url = reverse("consultation:public_synthesis", args=[consultation.slug])
    assert anon_client.get(open_url).status_code == 404
    assert planner_client.get(open_url).status_code == 200
    comment = Comment.objects.create(consultation=closed_consultation, text="Ý kiến đã công khai",
                                     author_name="Lê Văn Công", author_kind="citizen",
                                     contact="cong@example.vn", status="published")
    Comment.objects.create(consultation=closed_consultation, text="Ý kiến bị từ chối",
                           author_name="Ẩn", author_kind="citizen", status="rejected")
    response_record(comment=comment, kind="tiep_thu", text="Tiếp thu toàn bộ.", actor=planner)
    page = anon_client.get(reverse("consultation:public_synthesis",
                                   args=[closed_consultation.slug]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Ý kiến đã công khai" in body and "Tiếp thu toàn bộ." in body
    assert "Ý kiến bị từ chối" not in body and "cong@example.vn" not in body


def test_moderation_finds_a_comment_by_reference(consultation, planner_client):
    mine = _comment(consultation)
    other = _comment(consultation, text="Khác hẳn")
    url = reverse("consultation:moderation", args=[consultation.slug])
    body = planner_client.get(url, {"ma": mine.reference.lower()}).content.decode()
    assert mine.text in body and other.text not in body
    body = planner_client.get(url, {"ma": "GY-1999-000001"}).content.decode()
    assert "không có góp ý nào mang số tham chiếu" in body and mine.text not in body


def test_command_prints_a_comment_by_reference(consultation, planner):
    comment = _comment(consultation)
    response_record(comment=comment, kind="tiep_thu", text="Đồng ý.", actor=planner)
    out = io.StringIO()
    call_command("comment_status", comment.reference, stdout=out)
    row = json.loads(out.getvalue())[0]
    assert row["reference"] == comment.reference and row["answer_kind"] == "tiep_thu"
    assert row["follow_path"] == reverse("consultation:follow", args=[comment.follow_token])
    for bad in ("GY-2026", "abc", f"GY-{comment.created_at.year}-999999"):
        with pytest.raises(CommandError) as exc:
            call_command("comment_status", bad, stdout=io.StringIO())
        assert exc.value.returncode == 2 and "tham chiếu" in str(exc.value)


def test_time_left_in_words_of_the_language():
    import datetime as dt

    from django.utils import timezone, translation

    from kehoach.consultation.templatetags.consultation_tags import time_left

    now = timezone.now()
    with translation.override("vi"):
        assert time_left(now + dt.timedelta(days=29, hours=2)) == "còn 29 ngày"
        assert time_left(now + dt.timedelta(hours=5, minutes=3)) == "còn 5 giờ"
        assert time_left(now + dt.timedelta(minutes=20)) == "còn dưới 1 giờ"
        assert time_left(now - dt.timedelta(minutes=1)) == "đã hết hạn"
        assert time_left(None) == ""


def test_follow_endpoint_is_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/comment-status/{token}/" in paths
    answer = paths["/api/v1/consultations/{slug}/comments/"]["post"]["responses"]["201"]
    schema = answer["content"]["application/json"]["schema"]["$ref"]
    assert schema.endswith("/CommentReceipt")


def test_private_page_costs_a_fixed_number_of_queries(consultation, planner, anon_client,
                                                       django_assert_max_num_queries):
    comment = _comment(consultation, section=section(consultation, "1"))
    response_record(comment=comment, kind="tiep_thu", text="Đồng ý.", actor=planner)
    with django_assert_max_num_queries(4):
        assert anon_client.get(reverse("consultation:follow",
                                       args=[comment.follow_token])).status_code == 200


def test_admin_lists_comments_with_their_reference(consultation, admin_client_):
    comment = _comment(consultation)
    body = admin_client_.get("/quan-tri/consultation/comment/").content.decode()
    assert comment.reference in body


def test_consultation_links_its_plan_only_where_the_visitor_may_read_it(consultation,
                                                                         anon_client,
                                                                         planner_client):
    plan = consultation.plan
    plan.status = "draft"
    plan.save(update_fields=["status"])
    link = f'href="{reverse("plans:detail", args=[plan.code])}"'
    url = reverse("consultation:detail", args=[consultation.slug])
    body = anon_client.get(url).content.decode()
    assert plan.name in body and link not in body  # named, never a link to a 404
    assert link in planner_client.get(url).content.decode()
