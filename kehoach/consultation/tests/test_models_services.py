"""Models and services: derived status, constraints, comments, moderation, answers, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kehoach.consultation import services
from kehoach.consultation.drafts import DraftPart
from kehoach.consultation.models import Comment, Consultation, Response
from kehoach.consultation.tests.conftest import section
from kehoach.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_status_derived_from_dates_and_published_flag(consultation):
    now = timezone.now()
    assert consultation.status_at(now) == "open"
    assert consultation.status_at(consultation.opens_at - dt.timedelta(seconds=1)) == "draft"
    assert consultation.status_at(consultation.closes_at) == "closed"
    consultation.is_published = False
    assert consultation.status_at(now) == "draft"
    assert consultation.get_status_display() == "Chưa mở"


def test_database_refuses_closing_before_opening(consultation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.filter(pk=consultation.pk).update(closes_at=consultation.opens_at)


def test_database_ties_unit_comments_to_a_unit(consultation, unit_a):
    base = {"consultation": consultation, "text": "x", "author_name": "A"}
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(author_kind="unit", **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(author_kind="citizen", unit=unit_a, **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(author_kind="organisation", organisation="", **base)


def test_slug_is_made_from_the_title_and_unique(planner):
    now = timezone.now()
    kwargs = {"actor": planner, "opens_at": now, "closes_at": now + dt.timedelta(days=1)}
    one = services.consultation_create(title="Dự thảo Kế hoạch đầu tư công", **kwargs)
    two = services.consultation_create(title="Dự thảo Kế hoạch đầu tư công", **kwargs)
    reserved = services.consultation_create(title="Tạo mới", **kwargs)
    assert one.slug == "du-thao-ke-hoach-dau-tu-cong" and two.slug == f"{one.slug}-2"
    assert reserved.slug == "tao-moi-2"
    assert AuditEntry.objects.filter(action="consultation_create").count() == 3


def test_create_with_bad_dates_stores_nothing(planner):
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.consultation_create(actor=planner, title="Sai", opens_at=now, closes_at=now)
    assert not Consultation.objects.exists()


def test_comment_kinds_and_window(consultation, closed_consultation, reporter_a, reporter_b):
    comment = services.comment_submit(consultation=consultation, text=" Ý kiến ",
                                      author_name=" An ", ip_hash="h")
    assert (comment.text, comment.author_name, comment.status) == ("Ý kiến", "An", "pending")
    unit_comment = services.comment_submit(consultation=consultation, text="Của Sở A",
                                           author_kind="unit", user=reporter_a)
    assert unit_comment.unit == reporter_a.unit and unit_comment.author_display.startswith("Sở A")
    with pytest.raises(ValidationError, match="không nằm trong danh sách"):
        services.comment_submit(consultation=consultation, text="x", author_kind="unit",
                                user=reporter_b)
    with pytest.raises(ValidationError, match="Đã hết hạn"):
        services.comment_submit(consultation=closed_consultation, text="x", author_name="A")
    with pytest.raises(ValidationError):
        services.comment_submit(consultation=consultation, text="x" * 10_001, author_name="A")
    assert Comment.objects.count() == 2


def test_one_answer_per_comment_kept_up_to_date(consultation, planner):
    comment = services.comment_submit(consultation=consultation, text="x", author_name="A")
    services.response_record(comment=comment, kind="tiep_thu", text="Có.", actor=planner)
    services.response_record(comment=comment, kind="khong_tiep_thu", text="Không.", actor=planner)
    response = Response.objects.get()
    assert response.get_kind_display() == "Không tiếp thu" and response.by == planner
    with pytest.raises(ValidationError):
        services.response_record(comment=comment, kind="tiep_thu", text=" ", actor=planner)
    assert Response.objects.get().text == "Không."
    with pytest.raises(ValidationError):
        services.comment_moderate(comment=comment, status="deleted", actor=planner)


def test_replace_sections_builds_the_tree(draft_consultation, planner):
    parts = [DraftPart("I", "MỘT", 1, ["Văn bản"], [DraftPart("1", "Hai", 2, ["x"])])]
    assert services.consultation_replace_sections(
        consultation=draft_consultation, parts=parts, actor=planner) == 2
    child = section(draft_consultation, "1")
    assert child.parent.title == "MỘT" and draft_consultation.sections.count() == 2


def test_section_parent_must_belong_to_the_same_consultation(consultation, closed_consultation,
                                                             planner):
    with pytest.raises(ValidationError):
        services.section_create(consultation=consultation, actor=planner, title="x",
                                parent=section(closed_consultation, "I"))
