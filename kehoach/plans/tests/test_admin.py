"""The Django admin of indicators, plans and targets: writes go through the services."""

from __future__ import annotations

import pytest

from kehoach.core.models import AuditEntry
from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory
from kehoach.indicators.models import Indicator
from kehoach.plans.models import Target

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["indicators/indicator", "plans/plan", "plans/target"])
def test_changelists(admin_client_, model, province):
    TargetFactory(plan=PlanFactory(unit=province), unit=province)
    assert admin_client_.get(f"/quan-tri/{model}/").status_code == 200
    assert admin_client_.get(f"/quan-tri/{model}/add/").status_code == 200


@pytest.mark.parametrize("who", ["planner_client", "reporter_a_client", "anon_client"])
def test_admin_only_for_administrators(request, who):
    response = request.getfixturevalue(who).get("/quan-tri/plans/plan/")
    assert response.status_code == 302


def test_add_indicator_through_service(admin_client_, admin_user):
    data = {"code": "A_1", "name_vi": "Chỉ tiêu", "group": "economy", "unit": "%", "kind": "rate",
            "direction": "up", "aggregation": "derived", "formula": "NOPE + 1", "decimals": 1,
            "position": 0, "is_active": "on"}
    response = admin_client_.post("/quan-tri/indicators/indicator/add/", data)
    assert response.status_code == 200 and "NOPE" in response.content.decode()
    assert not Indicator.objects.exists()
    response = admin_client_.post("/quan-tri/indicators/indicator/add/", {**data, "aggregation": "sum",
                                                                          "formula": ""})
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="A_1")
    assert indicator.name_ascii == "chi tieu"
    assert AuditEntry.objects.filter(action="indicator_create", actor=admin_user).exists()


def test_change_target_through_service(admin_client_, admin_user, province):
    plan = PlanFactory(code="KH", unit=province, start_year=2021, end_year=2030)
    indicator = IndicatorFactory(code="X")
    target = TargetFactory(plan=plan, indicator=indicator, unit=province, period="2030",
                           start_year=2030, end_year=2030)
    data = {"plan": plan.pk, "indicator": indicator.pk, "unit": province.pk, "period": "2021-2025",
            "comparator": "between", "value": "9", "value_max": "5", "target_type": "level",
            "position": 0}
    url = f"/quan-tri/plans/target/{target.pk}/change/"
    response = admin_client_.post(url, data)
    assert response.status_code == 200 and "bị ngược" in response.content.decode()
    response = admin_client_.post(url, {**data, "value": "4"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.period, target.start_year, target.end_year, target.value) == ("2021-2025", 2021, 2025, 4)
    assert AuditEntry.objects.filter(action="target_update", actor=admin_user).exists()
    assert Target.objects.count() == 1
