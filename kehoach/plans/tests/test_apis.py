"""/api/v1/plans/, /api/v1/plans/{code}/targets/, /api/v1/targets/{id}/ for the whole cast."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from kehoach.core.models import AuditEntry
from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory
from kehoach.plans.models import Plan, Target

pytestmark = pytest.mark.django_db

CAST = [None, "planner", "admin_user", "leader", "reporter_a", "reporter_b"]
SEES_DRAFTS = {"planner", "admin_user", "leader"}
EDITORS = ["planner", "admin_user"]
NON_EDITORS = ["leader", "reporter_a", "reporter_b"]


def api(request, who) -> APIClient:
    client = APIClient()
    if who is not None:
        client.force_authenticate(request.getfixturevalue(who))
    return client


@pytest.fixture
def plans(province):
    published = PlanFactory(code="KH5", name="Kế hoạch 5 năm", unit=province, start_year=2021,
                            end_year=2030, status="approved")
    draft = PlanFactory(code="DRAFT", name="Dự thảo", unit=province, start_year=2026,
                        end_year=2030, status="draft")
    grdp = IndicatorFactory(code="GRDP", unit="%")
    TargetFactory(plan=published, indicator=grdp, unit=province, period="2030", start_year=2030,
                  end_year=2030, value=Decimal("7.5"))
    TargetFactory(plan=draft, indicator=grdp, unit=province, period="2030", start_year=2030,
                  end_year=2030, value=Decimal(8))
    return published, draft


@pytest.mark.parametrize("who", CAST)
def test_read(request, who, plans):
    client = api(request, who)
    codes = [p["code"] for p in client.get("/api/v1/plans/").json()["results"]]
    assert ("DRAFT" in codes) == (who in SEES_DRAFTS) and "KH5" in codes
    detail = client.get("/api/v1/plans/KH5/")
    assert detail.status_code == 200 and detail.json()["unit"] == "TINH"
    targets = client.get("/api/v1/plans/KH5/targets/")
    assert targets.status_code == 200
    item = targets.json()["results"][0]
    assert item["indicator"] == "GRDP" and item["value"] == 7.5 and item["text"] == "trên 7,5%"
    assert client.get(f"/api/v1/targets/{item['id']}/").status_code == 200
    draft_target = Target.objects.get(plan__code="DRAFT")
    expected = 200 if who in SEES_DRAFTS else 404
    assert client.get("/api/v1/plans/DRAFT/").status_code == expected
    assert client.get("/api/v1/plans/DRAFT/targets/").status_code == expected
    response = client.get(f"/api/v1/targets/{draft_target.pk}/")
    assert response.status_code == expected
    if expected == 404:
        assert response.json() == {"error": {"code": "not_found", "message": "Không tìm thấy.", "fields": {}}}


NEW_PLAN = {"code": "KH-2026", "name": "Kế hoạch năm 2026", "kind": "annual", "start_year": 2026,
            "end_year": 2026, "unit": "TINH", "parent": "KH5"}
NEW_TARGET = {"indicator": "GRDP", "unit": "SO-A", "period": "2021-2030", "comparator": "above",
              "value": 7.5, "target_type": "average_growth"}


@pytest.mark.parametrize("who", EDITORS)
def test_write(request, who, plans, unit_a):
    client = api(request, who)
    response = client.post("/api/v1/plans/", NEW_PLAN, format="json")
    assert response.status_code == 201, response.json()
    assert Plan.objects.get(code="KH-2026").parent.code == "KH5"
    response = client.patch("/api/v1/plans/KH-2026/", {"status": "approved"}, format="json")
    assert response.status_code == 200 and Plan.objects.get(code="KH-2026").status == "approved"
    response = client.post("/api/v1/plans/KH5/targets/", NEW_TARGET, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["text"] == "trên 7,5%/năm bình quân giai đoạn 2021-2030"
    target = Target.objects.get(pk=response.json()["id"])
    assert (target.start_year, target.end_year, target.unit.code) == (2021, 2030, "SO-A")
    response = client.patch(f"/api/v1/targets/{target.pk}/", {"value": 8}, format="json")
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.value == 8
    assert AuditEntry.objects.filter(action__in=["plan_create", "plan_update", "target_create",
                                                 "target_update"]).count() == 4


def test_delete(request, plans):
    client = api(request, "planner")
    target = Target.objects.get(plan__code="KH5")
    response = client.delete(f"/api/v1/targets/{target.pk}/")
    assert response.status_code == 204 and not Target.objects.filter(pk=target.pk).exists()


def test_bad_input(request, plans, unit_a):
    client = api(request, "planner")
    response = client.post("/api/v1/plans/KH5/targets/", {**NEW_TARGET, "comparator": "between",
                                                          "value": 7, "value_max": 5}, format="json")
    assert response.status_code == 400
    assert "bị ngược" in response.json()["error"]["fields"]["value_max"][0]
    response = client.post("/api/v1/plans/KH5/targets/", {**NEW_TARGET, "unit": "NOPE"}, format="json")
    assert response.status_code == 400 and "unit" in response.json()["error"]["fields"]
    response = client.post("/api/v1/plans/KH5/targets/", {**NEW_TARGET, "period": "2040"}, format="json")
    assert response.status_code == 400 and "period" in response.json()["error"]["fields"]
    response = client.patch("/api/v1/plans/KH5/", {"parent": "KH5"}, format="json")
    assert response.status_code == 400 and "parent" in response.json()["error"]["fields"]
    response = client.post("/api/v1/plans/", {**NEW_PLAN, "start_year": 2027}, format="json")
    assert response.status_code == 400
    assert Target.objects.count() == 2 and not Plan.objects.filter(code="KH-2026").exists()
    assert Plan.objects.get(code="KH5").parent is None


@pytest.mark.parametrize("who", [None, *NON_EDITORS])
def test_non_editors_cannot_write(request, who, plans):
    client = api(request, who)
    target = Target.objects.get(plan__code="KH5")
    denied = 401 if who is None else 403
    assert client.post("/api/v1/plans/", NEW_PLAN, format="json").status_code == denied
    seen = 401 if who is None else 403  # a published plan: seen, not to be changed
    assert client.patch("/api/v1/plans/KH5/", {"name": "x"}, format="json").status_code == seen
    assert client.post("/api/v1/plans/KH5/targets/", NEW_TARGET, format="json").status_code == seen
    assert client.patch(f"/api/v1/targets/{target.pk}/", {"value": 1}, format="json").status_code == seen
    assert client.delete(f"/api/v1/targets/{target.pk}/").status_code == seen
    if who in ("reporter_a", "reporter_b"):  # a draft plan is not seen by reporters
        assert client.patch("/api/v1/plans/DRAFT/", {"name": "x"}, format="json").status_code == 404
    assert not Plan.objects.filter(code="KH-2026").exists()
    assert Plan.objects.get(code="KH5").name == "Kế hoạch 5 năm"
    assert Target.objects.get(pk=target.pk).value == Decimal("7.5")


def test_schema_lists_endpoints(client):
    schema = client.get("/api/v1/openapi.json").content.decode()
    for path in ("/api/v1/plans/{code}/targets/", "/api/v1/targets/{id}/", "/api/v1/indicators/{code}/"):
        assert path in schema
