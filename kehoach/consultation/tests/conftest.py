"""Fixtures of the consultation tests: an open draft with sections, a closed one, a draft."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from kehoach.consultation import services
from kehoach.consultation.models import Consultation, Section
from kehoach.testing.factories import PlanFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def make_consultation(*, actor=None, slug="du-thao", days_open=(-1, 30), published=True,
                      audience="public", invited=(), plan=None) -> Consultation:
    now = timezone.now()
    consultation = services.consultation_create(
        actor=actor, title=f"Dự thảo {slug}", slug=slug,
        opens_at=now + dt.timedelta(days=days_open[0]),
        closes_at=now + dt.timedelta(days=days_open[1]), is_published=published,
        audience=audience, invited_units=invited, plan=plan, issuer="Sở Tài chính",
        issuer_parent="Ủy ban nhân dân tỉnh Thử Nghiệm", place="Thử Nghiệm",
    )
    top = services.section_create(consultation=consultation, actor=actor, number="I",
                                  title="ĐÁNH GIÁ", text="Kinh tế tăng trưởng.")
    services.section_create(consultation=consultation, actor=actor, number="1",
                            title="Kết quả", text="Đạt 7,5%.", parent=top)
    services.section_create(consultation=consultation, actor=actor, number="II",
                            title="MỤC TIÊU", text="Tăng trưởng trên 10%.")
    return consultation


@pytest.fixture
def consultation(planner, unit_a, province):
    plan = PlanFactory(code="KH-THU-2026", unit=province, status="consultation")
    return make_consultation(actor=planner, invited=[unit_a], plan=plan)


@pytest.fixture
def closed_consultation(planner):
    return make_consultation(actor=planner, slug="da-dong", days_open=(-30, -1))


@pytest.fixture
def draft_consultation(planner):
    return make_consultation(actor=planner, slug="chua-cong-bo", published=False)


@pytest.fixture
def future_consultation(planner):
    return make_consultation(actor=planner, slug="sap-mo", days_open=(2, 30))


@pytest.fixture
def invited_only(planner, unit_a):
    return make_consultation(actor=planner, slug="chi-moi", audience="invited", invited=[unit_a])


def section(consultation: Consultation, number: str) -> Section:
    return consultation.sections.get(number=number)


def comment_data(**overrides) -> dict:
    data = {"author_kind": "citizen", "author_name": "Nguyễn Văn Dân", "contact": "dan@example.vn",
            "text": "Đề nghị bổ sung chỉ tiêu nước sạch.", "organisation": "", "website": ""}
    data.update(overrides)
    return data
