"""/api/v1/indicators/ for the whole cast."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kehoach.core.models import AuditEntry
from kehoach.indicators.models import Indicator
from kehoach.testing.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/indicators/"
NEW = {"code": "NEW_1", "name_vi": "Chỉ tiêu mới", "group": "economy", "unit": "%", "kind": "rate",
       "direction": "up", "aggregation": "sum"}


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def catalogue(db):
    IndicatorFactory(code="POOR_RATE", name_vi="Tỷ lệ hộ nghèo", name_ascii="ty le ho ngheo",
                     group="society", unit="%")
    IndicatorFactory(code="GRDP", name_vi="Tổng sản phẩm", name_ascii="tong san pham")


@pytest.mark.parametrize("who", ["planner", "admin_user", "leader", "reporter_a", "reporter_b"])
def test_read(request, who, catalogue):
    client = api(request.getfixturevalue(who))
    response = client.get(URL, {"q": "ty le"})
    assert response.status_code == 200
    assert [i["code"] for i in response.json()["results"]] == ["POOR_RATE"]
    assert [i["code"] for i in client.get(URL, {"group": "economy"}).json()["results"]] == ["GRDP"]
    detail = client.get(URL + "GRDP/")
    assert detail.status_code == 200 and detail.json()["name_vi"] == "Tổng sản phẩm"
    missing = client.get(URL + "NOPE/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_anonymous_refused(catalogue):
    response = api().get(URL)
    assert response.status_code == 401 and "error" in response.json()
    assert api().post(URL, NEW, format="json").status_code == 401
    assert not Indicator.objects.filter(code="NEW_1").exists()


@pytest.mark.parametrize("who", ["planner", "admin_user"])
def test_create_and_update(request, who, catalogue):
    user = request.getfixturevalue(who)
    client = api(user)
    response = client.post(URL, {**NEW, "aggregation": "ratio", "numerator": "GRDP",
                                 "denominator": "POOR_RATE"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["numerator"] == "GRDP"
    response = client.patch(URL + "NEW_1/", {"name_vi": "Tên mới", "tolerance": "0.5"}, format="json")
    assert response.status_code == 200 and response.json()["name_vi"] == "Tên mới"
    indicator = Indicator.objects.get(code="NEW_1")
    assert indicator.name_vi == "Tên mới" and str(indicator.tolerance) == "0.500000"
    assert AuditEntry.objects.filter(action="indicator_update", actor=user).exists()


def test_bad_input(planner, catalogue):
    client = api(planner)
    response = client.post(URL, {**NEW, "aggregation": "ratio", "numerator": "NOPE"}, format="json")
    assert response.status_code == 400
    assert "numerator" in response.json()["error"]["fields"]
    response = client.post(URL, {**NEW, "aggregation": "ratio"}, format="json")
    assert response.status_code == 400 and "numerator" in response.json()["error"]["fields"]
    response = client.post(URL, {**NEW, "group": "nope"}, format="json")
    assert response.status_code == 400 and "group" in response.json()["error"]["fields"]
    response = client.patch(URL + "GRDP/", {"aggregation": "derived", "formula": "GRDP * 2"}, format="json")
    assert response.status_code == 400 and "formula" in response.json()["error"]["fields"]
    assert not Indicator.objects.filter(code="NEW_1").exists()
    assert Indicator.objects.get(code="GRDP").aggregation == "sum"


@pytest.mark.parametrize("who", ["leader", "reporter_a", "reporter_b"])
def test_non_editors_cannot_write(request, who, catalogue):
    client = api(request.getfixturevalue(who))
    assert client.post(URL, NEW, format="json").status_code == 403
    assert client.patch(URL + "GRDP/", {"name_vi": "x"}, format="json").status_code == 403
    assert not Indicator.objects.filter(code="NEW_1").exists()
    assert Indicator.objects.get(code="GRDP").name_vi == "Tổng sản phẩm"
