"""API: /plans/{code}/evaluation/, /consolidation/, the override endpoints; the whole cast."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kehoach.evaluation.models import StatusOverride

EVAL = "/api/v1/plans/KH-THU/evaluation/"
ITEM_KEYS = {"plan", "indicator", "unit", "period", "responsible_unit", "comparator", "target", "target_type",
             "value", "value_kind", "value_period", "status", "percent_of_target",
             "previous_value", "change_vs_previous", "progress"}


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anonymous_gets_nothing(cast_plan):
    assert api().get(EVAL, {"year": 2024}).status_code in (401, 403)
    assert api().get("/api/v1/consolidation/", {"year": 2024}).status_code in (401, 403)


@pytest.mark.parametrize("who", ["planner", "admin_user", "leader"])
def test_province_wide_users(cast_plan, who, request):
    response = api(request.getfixturevalue(who)).get(EVAL, {"year": 2024})
    assert response.status_code == 200
    data = response.json()
    assert data["counts"]["met_or_exceeded"] == 1 and data["counts"]["judged"] == 2
    assert {tuple(sorted(i)) for i in data["items"]} == {tuple(sorted(ITEM_KEYS))}
    own = next(i for i in data["items"] if i["unit"] == "SO-A")
    assert (own["value"], own["status"], own["target"]) == (4242.5, "not_met", 5000.0)


def test_reporters_are_scoped(cast_plan, reporter_a, reporter_b):
    items = api(reporter_a).get(EVAL, {"year": 2024}).json()["items"]
    assert [i["unit"] for i in items] == ["SO-A"]
    data = api(reporter_b).get(EVAL, {"year": 2024}).json()
    assert data["items"] == [] and "4242" not in str(data)
    response = api(reporter_b).get(EVAL, {"year": 2024, "unit": "SO-A"})
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_unknown_plan_and_bad_year(cast_plan, planner):
    assert api(planner).get("/api/v1/plans/KHONG/evaluation/").status_code == 404
    response = api(planner).get(EVAL, {"year": "abc"})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["year"] == ["Năm phải là một số, ví dụ 2024."]


def test_consolidation_endpoint(cast_plan, planner, reporter_b, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        response = api(planner).get("/api/v1/consolidation/", {"year": 2024})
    data = response.json()
    assert response.status_code == 200 and data["period"] == "2024" and data["count"] == 1
    row = data["results"][0]
    assert (row["unit"], row["indicator"], row["value"], row["inputs"]) == ("TINH", "GRDP_T",
                                                                             120.0, 1)
    assert api(reporter_b).get("/api/v1/consolidation/", {"year": 2024}).json()["count"] == 0
    bad = api(planner).get("/api/v1/consolidation/", {"kind": "bogus"})
    assert bad.status_code == 400 and "kind" in bad.json()["error"]["fields"]


def test_override_endpoints(cast_plan, planner, leader, reporter_a):
    url = f"/api/v1/plans/KH-THU/targets/{cast_plan['t_a'].pk}/override/"
    body = {"year": 2024, "status": "met", "reason": "Số liệu đã được xác minh"}
    for user in (leader, reporter_a):
        assert api(user).post(url, body, format="json").status_code == 403
    assert StatusOverride.objects.count() == 0
    response = api(planner).post(url, body, format="json")
    assert response.status_code == 201 and response.json()["status"] == "met"
    item = next(i for i in api(planner).get(EVAL, {"year": 2024}).json()["items"]
                if i["unit"] == "SO-A")
    assert item["status"] == "not_met" and item["override"]["status"] == "met"
    bad = api(planner).post(url, {"year": 2024, "status": "met", "reason": ""}, format="json")
    assert bad.status_code == 400 and "reason" in bad.json()["error"]["fields"]
    assert StatusOverride.objects.count() == 1
    assert api(planner).delete(f"{url}?year=2024").status_code == 200
    assert StatusOverride.objects.get().cleared_at is not None
    assert api(planner).delete(f"{url}?year=2024").status_code == 400


def test_evaluation_query_budget(cast_plan, planner, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        assert api(planner).get(EVAL, {"year": 2024}).status_code == 200


def test_override_refuses_an_unknown_field(cast_plan, planner):
    url = f"/api/v1/plans/KH-THU/targets/{cast_plan['t_a'].pk}/override/"
    response = api(planner).post(url, {"year": 2024, "status": "met", "reason": "Đã xác minh",
                                       "action": "clear"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["action"]
    assert not StatusOverride.objects.exists()
