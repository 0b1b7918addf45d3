"""``/api/v1/units/`` for the whole cast: list with filters, detail, create, change, import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.units.models import Unit
from kehoach.units.services import succession_set, unit_create

pytestmark = pytest.mark.django_db
READERS = ["planner_client", "admin_client_", "leader_client", "reporter_a_client", "reporter_b_client"]
NON_EDITORS = ["leader_client", "reporter_a_client", "reporter_b_client"]
EDITORS = ["planner_client", "admin_client_"]


@pytest.fixture
def reform(province, unit_a, unit_b, commune):
    old = unit_create(code="06-cu", gso_code="06", name="Tỉnh Bắc Kạn", type="province",
                      valid_to=dt.date(2025, 6, 30))
    new = unit_create(code="19", gso_code="19", name="Tỉnh Thái Nguyên", type="province",
                      valid_from=dt.date(2025, 7, 1))
    succession_set(predecessor=old, successor=new, effective=dt.date(2025, 7, 1))
    return {"old": old, "new": new}


def error_of(response) -> dict:
    return response.json()["error"]


def test_anonymous_list_is_refused_and_objects_are_404(anon_client, reform):
    response = anon_client.get("/api/v1/units/")
    assert response.status_code in (401, 403) and "error" in response.json()
    assert anon_client.get("/api/v1/units/19/").status_code == 404
    assert anon_client.patch("/api/v1/units/19/", {"name": "X"}, content_type="application/json").status_code == 404
    assert anon_client.post("/api/v1/units/", {"code": "N"}, content_type="application/json").status_code in (401, 403)
    upload = SimpleUploadedFile("u.csv", b"code,name,type\nN,N,province\n")
    assert anon_client.post("/api/v1/units/import/", {"file": upload}).status_code in (401, 403)
    assert not Unit.objects.filter(code="N").exists()
    assert Unit.objects.get(code="19").name == "Tỉnh Thái Nguyên"


@pytest.mark.parametrize("client_name", READERS)
def test_list_and_detail_for_every_logged_in_user(request, reform, client_name):
    client = request.getfixturevalue(client_name)
    data = client.get("/api/v1/units/").json()
    assert data["count"] == 6
    assert {u["code"] for u in data["results"]} == {"TINH", "SO-A", "SO-B", "XA-1", "06-cu", "19"}
    detail = client.get("/api/v1/units/19/").json()
    assert detail["predecessors"] == [
        {"code": "06-cu", "name": "Tỉnh Bắc Kạn", "share": 1.0, "effective": "2025-07-01"}]
    old = client.get("/api/v1/units/06-cu/").json()
    assert old["valid_to"] == "2025-06-30" and old["successors"][0]["code"] == "19"


def test_list_filters(planner_client, reform):
    def codes(**params):
        response = planner_client.get("/api/v1/units/", params)
        assert response.status_code == 200, response.content
        return sorted(u["code"] for u in response.json()["results"])

    assert codes(type="department") == ["SO-A", "SO-B"]
    assert codes(parent="TINH") == ["SO-A", "SO-B", "XA-1"]
    assert codes(as_of="2025-06-30", type="province") == ["06-cu", "TINH"]
    assert codes(as_of="2025-07-01", type="province") == ["19", "TINH"]
    assert codes(q="bac kan") == ["06-cu"]
    assert codes(q="thai nguyen", as_of="2025-07-01") == ["19"]


@pytest.mark.parametrize(("params", "field"), [({"as_of": "30/06"}, "as_of"), ({"type": "planet"}, "type"),
                                               ({"parent": "KHONG"}, "parent")])
def test_list_bad_filters(planner_client, reform, params, field):
    response = planner_client.get("/api/v1/units/", params)
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid" and field in error_of(response)["fields"]


def test_pagination(planner_client, reform):
    data = planner_client.get("/api/v1/units/", {"page_size": 2}).json()
    assert data["count"] == 6 and len(data["results"]) == 2 and data["next"]


def test_unknown_unit_404(reporter_a_client, db):
    response = reporter_a_client.get("/api/v1/units/KHONG/")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


@pytest.mark.parametrize("client_name", EDITORS)
def test_editors_create_and_patch(request, province, client_name):
    client = request.getfixturevalue(client_name)
    response = client.post("/api/v1/units/", {"code": "SO-TC", "name": "Sở Tài chính",
                                              "type": "department", "parent": "TINH"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == "TINH"
    unit = Unit.objects.get(code="SO-TC")
    assert unit.parent == province and unit.name_ascii == "so tai chinh"
    response = client.patch("/api/v1/units/SO-TC/", {"valid_to": "2025-06-30"},
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["valid_to"] == "2025-06-30"
    unit.refresh_from_db()
    assert unit.valid_to == dt.date(2025, 6, 30) and unit.name == "Sở Tài chính"


@pytest.mark.parametrize("client_name", NON_EDITORS)
def test_non_editors_cannot_write(request, unit_a, client_name):
    client = request.getfixturevalue(client_name)
    response = client.post("/api/v1/units/", {"code": "N", "name": "N", "type": "department"},
                           content_type="application/json")
    assert response.status_code == 403 and error_of(response)["code"] == "permission_denied"
    response = client.patch("/api/v1/units/SO-A/", {"name": "Đổi"}, content_type="application/json")
    assert response.status_code == 403
    upload = SimpleUploadedFile("u.csv", b"code,name,type\nN,N,province\n")
    assert client.post("/api/v1/units/import/", {"file": upload}).status_code == 403
    assert not Unit.objects.filter(code="N").exists()
    assert Unit.objects.get(code="SO-A").name == "Sở A"


def test_create_bad_input(planner_client, province, unit_a):
    response = planner_client.post("/api/v1/units/", {"code": "X", "name": "X", "type": "planet"},
                                   content_type="application/json")
    assert response.status_code == 400 and "type" in error_of(response)["fields"]
    response = planner_client.post("/api/v1/units/", {"code": "X", "name": "X", "type": "department",
                                                      "parent": "KHONG"}, content_type="application/json")
    assert response.status_code == 400 and "KHONG" in error_of(response)["message"]
    response = planner_client.post("/api/v1/units/", {"code": "X", "name": "X", "type": "department",
                                                      "valid_from": "2025-07-01", "valid_to": "2025-01-01"},
                                   content_type="application/json")
    assert response.status_code == 400 and "valid_to" in error_of(response)["fields"]
    response = planner_client.patch("/api/v1/units/TINH/", {"parent": "SO-A"}, content_type="application/json")
    assert response.status_code == 400 and "vòng lặp" in error_of(response)["message"]
    assert not Unit.objects.filter(code="X").exists()
    assert Unit.objects.get(code="TINH").parent_id is None


def test_import_endpoint(planner_client, province):
    text = "code,name,type,parent\nSO-TC,Sở Tài chính,department,TINH\n".encode()
    response = planner_client.post("/api/v1/units/import/",
                                   {"file": SimpleUploadedFile("u.csv", text), "dry_run": "true"})
    assert response.status_code == 200
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0, "dry_run": True,
                               "ok": True, "errors": []}
    assert not Unit.objects.filter(code="SO-TC").exists()
    response = planner_client.post("/api/v1/units/import/", {"file": SimpleUploadedFile("u.csv", text)})
    assert response.status_code == 200 and response.json()["created"] == 1
    assert Unit.objects.get(code="SO-TC").parent == province
    response = planner_client.post("/api/v1/units/import/", {"file": SimpleUploadedFile("u.csv", text)})
    assert response.json()["unchanged"] == 1 and response.json()["created"] == 0


def test_import_endpoint_errors(planner_client, province):
    text = "code,name,type,parent\nSO-TC,Sở Tài chính,department,KHONG\n".encode()
    response = planner_client.post("/api/v1/units/import/", {"file": SimpleUploadedFile("u.csv", text)})
    assert response.status_code == 400
    body = response.json()
    assert body["error"]["code"] == "invalid_file"
    assert body["result"]["errors"] == [{"line": 2, "column": "parent",
                                         "message": "không có đơn vị mã “KHONG” trong hệ thống hay trong tệp."}]
    assert not Unit.objects.filter(code="SO-TC").exists()
    response = planner_client.post("/api/v1/units/import/", {})
    assert response.status_code == 400 and "file" in response.json()["error"]["fields"]


def test_token_authentication(reporter_b, reform):
    from django.test import Client
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=reporter_b)
    response = Client().get("/api/v1/units/19/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200 and response.json()["code"] == "19"
