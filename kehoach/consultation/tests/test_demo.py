import io

import pytest
from django.test import Client
from django.urls import reverse

from kehoach.consultation import demo
from kehoach.consultation.models import Comment, Consultation, Response
from kehoach.core.models import Role
from kehoach.testing.factories import PlanFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_is_open_with_sections_and_comments_and_idempotent():
    province = UnitFactory(code="19", name="Tỉnh Thái Nguyên", type="province")
    PlanFactory(code="KH-TN-2026-2030", unit=province, status="consultation",
                start_year=2026, end_year=2030)
    UserFactory(username="kehoach", role=Role.PLANNING, unit=province)
    out = io.StringIO()
    consultation = demo.load(stdout=out)
    assert "created" in out.getvalue()
    assert consultation.status == "open" and consultation.plan.code == "KH-TN-2026-2030"
    assert (consultation.closes_at - consultation.opens_at).days == 30
    tops = [s.heading for s in consultation.sections.filter(parent=None).order_by("position")]
    assert tops[1].startswith("I. ĐÁNH GIÁ") and tops[2].startswith("II. MỤC TIÊU")
    assert tops[3].startswith("III. NHIỆM VỤ")
    assert Comment.objects.count() == 3 and Response.objects.count() == 1
    demo.load(stdout=out)
    assert "unchanged" in out.getvalue()
    assert Consultation.objects.count() == 1 and Comment.objects.count() == 3
    page = Client().get(reverse("consultation:detail", args=[consultation.slug]))
    body = page.content.decode()
    assert page.status_code == 200 and "Tiếp thu" in body and "nước sạch" in body
    assert "bản tóm tắt ngắn" not in body  # the pending comment
