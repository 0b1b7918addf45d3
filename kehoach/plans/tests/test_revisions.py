"""Plan lifecycle: adopted with number and date; a revision applies from a date, the earlier
targets stay and are used for the years before; a revision dated before adoption is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory, ValueFactory
from kehoach.evaluation.services import plan_evaluate
from kehoach.plans.models import PlanRevision, Target
from kehoach.plans.services import plan_adopt, plan_revise

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(province, planner):
    plan = PlanFactory(code="KH5", unit=province, start_year=2021, end_year=2025, status="draft")
    revenue = IndicatorFactory(code="REV", name_vi="Thu ngân sách")
    target = TargetFactory(plan=plan, indicator=revenue, period="2021-2025", start_year=2021,
                           end_year=2025, comparator="at_least", value=Decimal(5000),
                           target_type="cumulative")
    with pytest.raises(ValidationError) as info:
        plan_adopt(actor=planner, plan=plan, document="", document_date=None)
    assert set(info.value.message_dict) == {"document", "document_date"}
    plan_adopt(actor=planner, plan=plan, document="12/NQ-HĐND", document_date=dt.date(2020, 12, 9))
    for year in range(2021, 2025):
        ValueFactory(indicator=revenue, unit=province, period=str(year), year=year,
                     end_year=year, value=Decimal(1100))
    return plan, target


def test_revision_before_adoption_is_refused(adopted, planner):
    plan, target = adopted
    with pytest.raises(ValidationError) as info:
        plan_revise(actor=planner, plan=plan, document="30/NQ-HĐND",
                    document_date=dt.date(2020, 11, 1), effective_from=dt.date(2020, 11, 1),
                    changes={target.pk: {"value": Decimal(4500)}})
    assert "trước ngày ban hành kế hoạch 09/12/2020" in info.value.message_dict["effective_from"][0]
    assert not PlanRevision.objects.exists()
    assert Target.objects.get(pk=target.pk).superseded_from is None


def test_revised_target_applies_from_its_date_and_the_earlier_one_before(adopted, planner,
                                                                          planner_client):
    plan, target = adopted
    response = planner_client.post("/api/v1/plans/KH5/revisions/", {
        "document": "30/NQ-HĐND", "document_date": "2023-07-10", "effective_from": "2023-07-10",
        "targets": [{"id": target.pk, "value": "4500"}]}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert [float(t["value"]) for t in response.json()] == [4500.0]
    old = Target.objects.get(pk=target.pk)
    assert old.superseded_from == dt.date(2023, 7, 10) and old.value == 5000
    in_2022 = plan_evaluate(plan=plan, year=2022, user=None).results
    in_2024 = plan_evaluate(plan=plan, year=2024, user=None).results
    assert [r.item["target"] for r in in_2022] == [5000.0]
    assert [r.item["target"] for r in in_2024] == [4500.0]
    page = planner_client.get("/ke-hoach/KH5/").content.decode()
    assert "áp dụng đến trước 10/07/2023" in page and "áp dụng từ 10/07/2023" in page
    bad = planner_client.post("/api/v1/plans/KH5/revisions/", {
        "document": "31/NQ-HĐND", "document_date": "2024-07-10", "effective_from": "2024-07-10",
        "targets": [{"id": target.pk, "value": "4000"}]}, content_type="application/json")
    assert bad.status_code == 400 and "không phải chỉ tiêu đang áp dụng" in bad.content.decode()
    assert PlanRevision.objects.count() == 1
