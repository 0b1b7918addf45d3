from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from kehoach.projects import services
from kehoach.projects.models import Disbursement, NeedScope, Project


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_list_with_year_figures(road, planner, reporter_b):
    services.disbursement_set(project=road, actor=planner, year=2025, month=2, amount=Decimal(100))
    assert _api().get("/api/v1/projects/").status_code in (401, 403)
    row = _api(reporter_b).get("/api/v1/projects/?year=2025").json()["results"][0]
    assert (row["name"], row["capital_plan"], row["disbursed"], row["rate"]) == (
        "Đường nối trung tâm tỉnh", 400.0, 100.0, 25.0)


def test_disbursement_permissions_warning_and_negative(road, reporter_a, reporter_b):
    url = f"/api/v1/projects/{road.pk}/disbursements/2025/3/"
    assert _api(reporter_b).put(url, {"amount": "10"}, format="json").status_code == 403
    over = _api(reporter_a).put(url, {"amount": "450"}, format="json")
    assert over.status_code == 200 and "vượt kế hoạch vốn năm" in over.json()["warning"]
    negative = _api(reporter_a).put(url, {"amount": "-1"}, format="json")
    assert negative.status_code == 400 and "không được âm" in negative.json()["error"]["message"]
    assert Disbursement.objects.get().amount == Decimal(450)


def test_create_and_conflict(plan, commune, planner, leader):
    body = {"plan": plan.code, "name": "Cầu Bản Mới", "sector": "Giao thông", "location": "Xã Một",
            "funding_source": "nsnn_dp", "phase": "2026-2030", "total_investment": "120.5"}
    assert _api(leader).post("/api/v1/projects/", body, format="json").status_code == 403
    created = _api(planner).post("/api/v1/projects/", body, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert _api(planner).patch(f"/api/v1/projects/{pk}/", {"status": "approved", "version": 1},
                               format="json").status_code == 200
    stale = _api(planner).patch(f"/api/v1/projects/{pk}/", {"status": "stopped", "version": 1},
                                format="json")
    assert stale.status_code == 409
    assert Project.objects.get(pk=pk).status == "approved"


def test_totals_match_the_page(plan, road, hospital, planner, leader, leader_client):
    services.resource_need_set(plan=plan, actor=planner, scope=NeedScope.STATE_BUDGET,
                               phase="2021-2030", amount=105000, wording="trên 105.000 tỷ đồng")
    services.disbursement_set(project=road, actor=planner, year=2025, month=2, amount=100)
    data = _api(leader).get(f"/api/v1/projects/totals/?plan={plan.code}&year=2025").json()
    assert (data["all"]["capital_plan"], data["all"]["disbursed"], data["all"]["rate"]) == (
        500.0, 100.0, 20.0)
    assert data["needs"][0]["need"] == 105000.0 and data["needs"][0]["investment"] == 2034.5
    page = leader_client.get(f"/du-an/?plan={plan.code}&year=2025").content.decode()
    assert "20,0%" in page and "500,0" in page


@pytest.mark.parametrize("query, field", [
    ("year=", "year"), ("year=true", "year"), ("year=hai", "year"), ("year=2025.5", "year"),
    ("year=99999", "year"), ("year=2025&year=2026", "year"), ("plan=KHONG-CO", "plan"),
])
def test_totals_refuse_a_filter_that_means_nothing(query, field, plan, road, leader):
    response = _api(leader).get(f"/api/v1/projects/totals/?{query}")
    assert response.status_code == 400, response.json()
    assert field in response.json()["error"]["fields"]
    good = _api(leader).get(f"/api/v1/projects/totals/?plan={plan.code}&year=2025")
    assert good.status_code == 200 and good.json()["year"] == 2025
    assert _api(leader).get("/api/v1/projects/totals/").status_code == 200


def test_list_refuses_a_year_that_is_not_one(road, reporter_b):
    response = _api(reporter_b).get("/api/v1/projects/?year=false")
    assert response.status_code == 400 and "year" in response.json()["error"]["fields"]
