"""The planning cycle through /api/v1/, as on the pages: next year's plan drafted from this
year's or from a round, the plan submitted, targets given to units in bulk; bad input refused
with a message naming the row, nothing half-stored."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory, UnitFactory
from kehoach.plans.models import Plan, Target

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def plan(province, unit_a):
    plan = PlanFactory(code="KH-2025", name="Kế hoạch năm 2025", unit=province, kind="annual",
                       start_year=2025, end_year=2025, status="approved")
    for code, name in (("GRDP", "Tăng trưởng GRDP"), ("BEDS", "Giường bệnh/vạn dân")):
        TargetFactory(plan=plan, indicator=IndicatorFactory(code=code, name_vi=name),
                      unit=province, period="2025", start_year=2025, end_year=2025,
                      value=Decimal(7), responsible_unit=unit_a)
    return plan


def test_draft_next_year_then_submit(plan, planner_client):
    response = post(planner_client, "/api/v1/plans/KH-2025/draft-next/", {"code": "KH-2026"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["code"], body["start_year"], body["status"]) == ("KH-2026", 2026, "draft")
    assert body["name"] == "Kế hoạch năm 2026"
    assert sorted(Target.objects.filter(plan__code="KH-2026").values_list("period", flat=True)) \
        == ["2026", "2026"]
    taken = post(planner_client, "/api/v1/plans/KH-2025/draft-next/", {"code": "KH-2026"})
    assert taken.status_code == 400 and Plan.objects.filter(code="KH-2026").count() == 1
    assert post(planner_client, "/api/v1/plans/KH-2025/draft-next/", {}).status_code == 400
    submitted = post(planner_client, "/api/v1/plans/KH-2026/submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    again = post(planner_client, "/api/v1/plans/KH-2026/submit/")
    assert again.status_code == 400 and "dự thảo" in again.json()["error"]["message"]


def test_reporter_and_leader_cannot_draft_or_submit(plan, reporter_a_client, leader_client):
    for client in (reporter_a_client, leader_client):
        assert post(client, "/api/v1/plans/KH-2025/draft-next/",
                    {"code": "KH-X"}).status_code == 403
        assert post(client, "/api/v1/plans/KH-2025/submit/").status_code == 403
    assert not Plan.objects.filter(code="KH-X").exists()


def test_bulk_assignment(plan, planner_client, unit_b, province):
    grdp, beds = plan.targets.order_by("indicator__code")[1], plan.targets.order_by(
        "indicator__code")[0]
    response = post(planner_client, "/api/v1/plans/KH-2025/assign/", {"assignments": [
        {"target": grdp.pk, "responsible_unit": "SO-B"},
        {"target": beds.pk, "responsible_unit": ""}]})
    assert response.status_code == 200, response.content
    assert response.json()["changed"] == 2
    assert Target.objects.get(pk=grdp.pk).responsible_unit == unit_b
    assert Target.objects.get(pk=beds.pk).responsible_unit is None


def test_bulk_assignment_is_all_or_nothing_naming_the_rows(plan, planner_client, province,
                                                           unit_a):
    UnitFactory(code="SO-CU", name="Sở Cũ", type="department", parent=province,
                valid_to=dt.date(2024, 6, 30))
    grdp, beds = plan.targets.order_by("indicator__code")[1], plan.targets.order_by(
        "indicator__code")[0]
    response = post(planner_client, "/api/v1/plans/KH-2025/assign/", {"assignments": [
        {"target": grdp.pk, "responsible_unit": ""},
        {"target": beds.pk, "responsible_unit": "SO-CU"}]})
    assert response.status_code == 400
    assert "SO-CU" in json.dumps(response.json(), ensure_ascii=False)
    other = post(planner_client, "/api/v1/plans/KH-2025/assign/", {"assignments": [
        {"target": 999999, "responsible_unit": "SO-A"}]})
    assert other.status_code == 400 and "999999" in json.dumps(other.json())
    assert post(planner_client, "/api/v1/plans/KH-2025/assign/",
                {"assignments": []}).status_code == 400
    assert set(plan.targets.values_list("responsible_unit", flat=True)) == {unit_a.pk}


def test_from_round_needs_a_round_the_user_sees(plan, planner_client):
    response = post(planner_client, "/api/v1/plans/KH-2025/from-round/", {"round": "khong-co"})
    assert response.status_code == 404
    assert post(planner_client, "/api/v1/plans/KH-2025/from-round/", {}).status_code == 400


def test_the_schema_documents_the_cycle(planner_client):
    schema = planner_client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("submit", "draft-next", "from-round", "assign"):
        assert f"/api/v1/plans/{{code}}/{path}/" in schema
    assert "/api/v1/rounds/{code}/copy/" in schema


def test_draft_plan_command(plan, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("draft_plan", "KH-2025", "--code", "KH-2026")
    assert capsys.readouterr().out.startswith("KH-2026\t2 targets")
    with pytest.raises(SystemExit) as exit_:
        call_command("draft_plan", "KH-2025", "--code", "KH-2026")
    assert exit_.value.code == 1
    with pytest.raises(CommandError):
        call_command("draft_plan", "NOPE", "--code", "X")
    with pytest.raises(CommandError):
        call_command("draft_plan", "KH-2025", "--from-round", "khong-co")
    assert Plan.objects.filter(code__startswith="KH-2026").count() == 1
