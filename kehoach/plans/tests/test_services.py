"""Plan and target services: years, parent cycles, periods, between bounds, duplicates, audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kehoach.core.models import AuditEntry
from kehoach.core.tests.factories import IndicatorFactory, PlanFactory
from kehoach.plans.models import Plan, Target
from kehoach.plans.services import (
    plan_create,
    plan_update,
    target_create,
    target_delete,
    target_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(province):
    return PlanFactory(code="QH", unit=province, start_year=2021, end_year=2030)


@pytest.fixture
def grdp(db):
    return IndicatorFactory(code="GRDP", unit="%")


def new_plan(code, province, **kw):
    data = {"name": code, "kind": "five_year", "start_year": 2021, "end_year": 2025, "unit": province}
    return plan_create(actor=None, code=code, **{**data, **kw})


def test_plan_create_and_update_audit(planner, province):
    plan = new_plan("KH-1", province, name="Kế hoạch\u0301 một")
    assert Plan.objects.get(code="KH-1").status == "draft"
    _, changed = plan_update(plan=plan, actor=planner,
                             data={"status": "approved", "document": "12/NQ-HĐND"})
    assert changed and Plan.objects.get(code="KH-1").document == "12/NQ-HĐND"
    assert plan_update(plan=plan, actor=planner, data={"status": "approved"})[1] is False
    assert AuditEntry.objects.filter(action="plan_update", actor=planner).count() == 1
    assert AuditEntry.objects.filter(action="plan_create").count() == 1


def test_plan_years_reversed(province):
    with pytest.raises(ValidationError) as info:
        new_plan("KH-1", province, start_year=2030, end_year=2021)
    assert "end_year" in info.value.message_dict
    assert not Plan.objects.exists()


def test_plan_parent_cycle_refused(province):
    a = new_plan("A", province)
    b = new_plan("B", province, parent=a)
    c = new_plan("C", province, parent=b)
    with pytest.raises(ValidationError) as info:
        plan_update(plan=Plan.objects.get(code="A"), actor=None, data={"parent": c})
    assert "A → C → B → A" in info.value.message_dict["parent"][0]
    with pytest.raises(ValidationError):
        plan_update(plan=Plan.objects.get(code="A"), actor=None,
                    data={"parent": Plan.objects.get(code="A")})
    assert Plan.objects.get(code="A").parent is None


def test_plan_years_cannot_leave_targets_outside(plan, grdp, province):
    target_create(actor=None, plan=plan, indicator=grdp, unit=province, period="2030",
                  comparator="above", value=Decimal("7.5"))
    with pytest.raises(ValidationError) as info:
        plan_update(plan=plan, actor=None, data={"end_year": 2025})
    assert "2030" in info.value.message_dict["start_year"][0]
    assert Plan.objects.get(code="QH").end_year == 2030


def test_target_years_from_period(plan, grdp, province, planner):
    target = target_create(actor=planner, plan=plan, indicator=grdp, unit=province,
                           period=" 2021 - 2030 ", comparator="above", value=Decimal("7.5"),
                           target_type="average_growth")
    target.refresh_from_db()
    assert (target.period, target.start_year, target.end_year) == ("2021-2030", 2021, 2030)
    assert target.position == 1
    assert AuditEntry.objects.filter(action="target_create", actor=planner).count() == 1


@pytest.mark.parametrize(
    ("period", "words"),
    [("2031", "ngoài các năm"), ("2019-2030", "ngoài các năm"), ("2025-H1", "không phải"),
     ("năm 2030", "không hợp lệ"), ("2030-2021", "không hợp lệ")],
)
def test_target_bad_period(plan, grdp, province, period, words):
    with pytest.raises(ValidationError) as info:
        target_create(actor=None, plan=plan, indicator=grdp, unit=province, period=period,
                      comparator="above", value=Decimal(1))
    assert words in info.value.message_dict["period"][0]
    assert not Target.objects.exists()


def test_between_bounds(plan, grdp, province):
    with pytest.raises(ValidationError) as info:
        target_create(actor=None, plan=plan, indicator=grdp, unit=province, period="2030",
                      comparator="between", value=Decimal(7), value_max=Decimal(5))
    assert "bị ngược" in info.value.message_dict["value_max"][0]
    with pytest.raises(ValidationError) as info:
        target_create(actor=None, plan=plan, indicator=grdp, unit=province, period="2030",
                      comparator="between", value=Decimal(7))
    assert "value_max" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        target_create(actor=None, plan=plan, indicator=grdp, unit=province, period="2030",
                      comparator="above", value=Decimal(7), value_max=Decimal(9))
    assert "value_max" in info.value.message_dict
    assert not Target.objects.exists()
    target = target_create(actor=None, plan=plan, indicator=grdp, unit=province, period="2030",
                           comparator="between", value=Decimal(5), value_max=Decimal(7))
    with pytest.raises(ValidationError):
        target_update(target=target, actor=None, data={"value": Decimal(8)})
    target.refresh_from_db()
    assert target.value == 5


def test_duplicate_target(plan, grdp, province):
    target_create(actor=None, plan=plan, indicator=grdp, unit=province, period="2030",
                  comparator="above", value=Decimal(1))
    with pytest.raises(ValidationError) as info:
        target_create(actor=None, plan=plan, indicator=grdp, unit=province, period="2030",
                      comparator="below", value=Decimal(2))
    assert "đã có chỉ tiêu này" in info.value.message_dict["indicator"][0]
    assert Target.objects.count() == 1


def test_target_update_and_delete(plan, grdp, province, planner):
    target = target_create(actor=None, plan=plan, indicator=grdp, unit=province, period="2030",
                           comparator="above", value=Decimal("7.5"))
    assert target_update(target=target, actor=planner, data={"value": Decimal("7.500")})[1] is False
    _, changed = target_update(target=target, actor=planner,
                               data={"period": "2025", "value": Decimal(8)})
    target.refresh_from_db()
    assert changed and (target.period, target.start_year, target.value) == ("2025", 2025, 8)
    target_delete(target=target, actor=planner)
    assert not Target.objects.exists()
    assert AuditEntry.objects.filter(action="target_delete", actor=planner).count() == 1
