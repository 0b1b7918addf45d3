"""``/api/v1/values/``: access for the whole cast, filters, writes through value_set, import."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kehoach.values.models import Value, ValueRevision
from kehoach.values.services import value_set

HEADER = "unit,indicator,period,kind,value,note\n"


@pytest.fixture
def api(request):
    def client_for(name: str | None) -> APIClient:
        client = APIClient()
        if name:
            client.force_authenticate(request.getfixturevalue(name))
        return client
    return client_for


@pytest.fixture
def value_a(unit_a, growth):
    return value_set(indicator=growth, unit=unit_a, period="2024", kind="actual",
                     value=Decimal("7.5"))[0]


@pytest.fixture
def value_b(unit_b, revenue):
    return value_set(indicator=revenue, unit=unit_b, period="2023", kind="plan",
                     value=Decimal("855"))[0]


def test_anonymous_gets_401(api, value_a):
    for url in ("/api/v1/values/", f"/api/v1/values/{value_a.pk}/",
                f"/api/v1/values/{value_a.pk}/history/"):
        response = api(None).get(url)
        assert response.status_code in (401, 403)
        assert "error" in response.json()


@pytest.mark.parametrize("who, visible", [
    ("planner", {"SO-A", "SO-B"}), ("admin_user", {"SO-A", "SO-B"}), ("leader", {"SO-A", "SO-B"}),
    ("reporter_a", {"SO-A"}), ("reporter_b", {"SO-B"}),
])
def test_list_and_detail_scope(api, who, visible, value_a, value_b):
    client = api(who)
    body = client.get("/api/v1/values/").json()
    assert {row["unit"] for row in body["results"]} == visible and body["count"] == len(visible)
    status_a = client.get(f"/api/v1/values/{value_a.pk}/").status_code
    assert status_a == (200 if "SO-A" in visible else 404)
    history = client.get(f"/api/v1/values/{value_a.pk}/history/")
    assert history.status_code == (200 if "SO-A" in visible else 404)


def test_filters(api, value_a, value_b):
    client = api("planner")
    def units(**params):
        return [r["unit"] for r in client.get("/api/v1/values/", params).json()["results"]]
    assert units(unit="SO-A") == ["SO-A"]
    assert units(indicator="BUDGET_REVENUE") == ["SO-B"]
    assert units(kind="plan") == ["SO-B"] and units(year="2024") == ["SO-A"]
    assert units(period="2023") == ["SO-B"]
    response = client.get("/api/v1/values/", {"kind": "guess"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
    row = client.get(f"/api/v1/values/{value_a.pk}/").json()
    assert row["value"] == 7.5 and row["indicator"] == "GRDP_GROWTH" and row["period"] == "2024"


@pytest.mark.parametrize("who, status", [
    ("planner", 200), ("admin_user", 200), ("reporter_a", 200), ("reporter_b", 404), ("leader", 403),
])
def test_update(api, who, status, value_a):
    response = api(who).patch(f"/api/v1/values/{value_a.pk}/",
                              {"value": "8,1", "comment": "sửa"}, format="json")
    assert response.status_code == status
    value_a.refresh_from_db()
    if status == 200:
        assert response.json()["outcome"] == "updated" and value_a.value == Decimal("8.1")
        assert value_a.revisions.first().comment == "sửa"
    else:
        assert value_a.value == Decimal("7.5") and value_a.revisions.count() == 1


def test_update_cannot_move_a_value(api, value_a):
    response = api("planner").patch(f"/api/v1/values/{value_a.pk}/", {"period": "2025"},
                                    format="json")
    assert response.status_code == 400 and "period" in response.json()["error"]["fields"]
    value_a.refresh_from_db()
    assert value_a.period == "2024"


@pytest.mark.parametrize("who, status", [
    ("planner", 201), ("reporter_a", 201), ("reporter_b", 403), ("leader", 403),
])
def test_create(api, who, status, unit_a, growth):
    data = {"unit": "SO-A", "indicator": "GRDP_GROWTH", "period": "2025", "kind": "estimate",
            "value": 6.5, "note": "ước"}
    response = api(who).post("/api/v1/values/", data, format="json")
    assert response.status_code == status
    assert Value.objects.filter(period="2025").count() == (1 if status == 201 else 0)
    if status == 201:
        assert response.json()["value"] == 6.5
        response = api(who).post("/api/v1/values/", data, format="json")
        assert response.status_code == 200 and response.json()["outcome"] == "unchanged"


def test_create_bad_input(api, unit_a, growth):
    response = api("planner").post("/api/v1/values/", {
        "unit": "SO-A", "indicator": "NOPE", "period": "2025-H9", "kind": "x", "value": "abc"},
        format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"indicator", "period", "kind", "value"} <= set(fields)
    assert Value.objects.count() == 0


def _upload(client, text: str, **extra):
    upload = SimpleUploadedFile("v.csv", text.encode(), content_type="text/csv")
    return client.post("/api/v1/values/import/", {"file": upload, **extra}, format="multipart")


def test_import(api, unit_a, growth):
    good = HEADER + "SO-A,GRDP_GROWTH,2024,TH,\"7,5\",\n"
    assert _upload(api("leader"), good).status_code == 403
    response = _upload(api("reporter_b"), good)
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["rows"][0]["column"] == "unit"
    response = _upload(api("reporter_a"), good + "SO-A,GRDP_GROWTH,2024,TH,8,\n")
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "import_failed"
    assert error["fields"]["rows"] == [{"line": 3, "column": "", "message": error["fields"]["rows"][0]["message"]}]
    assert Value.objects.count() == 0
    response = _upload(api("reporter_a"), good, dry_run="true")
    assert response.status_code == 200 and response.json()["created"] == 1
    assert Value.objects.count() == 0
    response = _upload(api("reporter_a"), good)
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0, "dry_run": False,
                               "ok": True, "errors": []}
    assert Value.objects.get().value == Decimal("7.5") and ValueRevision.objects.count() == 1
