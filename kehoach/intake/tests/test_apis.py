"""``/api/v1/extract/`` and ``/api/v1/extractions/``: the cast, the review, creating targets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kehoach.intake.models import ExtractedItem, Extraction
from kehoach.intake.services import extraction_create
from kehoach.intake.tests.conftest import TEXT
from kehoach.plans.models import Target

pytestmark = pytest.mark.django_db
CAST = ["reporter_a", "reporter_b", "leader", "planner", "admin_user"]


def _client(request, who: str | None) -> APIClient:
    client = APIClient()
    if who:
        client.force_authenticate(request.getfixturevalue(who))
    return client


def _error(response) -> dict:
    assert set(response.json()) == {"error"}
    return response.json()["error"]


@pytest.mark.parametrize("who", [None, *CAST])
def test_extract_access(request, catalogue, who):
    response = _client(request, who).post("/api/v1/extract/", {"text": TEXT}, format="json")
    if who in ("planner", "admin_user"):
        assert response.status_code == 201
        data = response.json()
        assert len(data["items"]) == 5
        assert Extraction.objects.get().pk == data["id"]
    else:
        assert response.status_code == (401 if who is None else 403)  # the role gate
        _error(response)
        assert Extraction.objects.count() == 0


@pytest.mark.parametrize("who", [None, *CAST])
def test_review_endpoints_access(request, planner, catalogue, plan, who):
    extraction = extraction_create(actor=planner, text=TEXT)
    item = extraction.items.first()
    client = _client(request, who)
    base = f"/api/v1/extractions/{extraction.pk}/"
    allowed = who in ("planner", "admin_user")
    expected = 200 if allowed else (401 if who is None else 404)  # sessions are not seen
    listed = client.get("/api/v1/extractions/").status_code
    assert listed == (200 if allowed else (401 if who is None else 403))  # the role gate
    assert client.get(base).status_code == expected
    assert client.get(f"{base}items/").status_code == expected
    assert client.get(f"{base}items/{item.pk}/").status_code == expected
    patched = client.patch(f"{base}items/{item.pk}/", {"comparator": "below"}, format="json")
    assert patched.status_code == expected
    created = client.post(f"{base}create-targets/", {"plan": plan.code}, format="json")
    assert created.status_code == (201 if allowed else expected)
    item.refresh_from_db()
    assert (item.final_comparator == "below") == allowed
    assert Target.objects.exists() == allowed


def test_extract_shape_and_suggestions(request, catalogue):
    data = _client(request, "planner").post("/api/v1/extract/", {"text": TEXT}, format="json").json()
    item = next(i for i in data["items"] if i["indicator"] == "GRDP bình quân/người")
    assert {"indicator", "comparator", "value", "unit", "period", "sentence", "start", "end"} <= set(item)
    assert (item["comparator"], item["value"], item["unit"], item["period"]) == (
        "above", 100, "triệu đồng/người", "2030")
    assert TEXT[item["start"]:item["end"]] == item["sentence"]
    assert item["suggestions"][0]["code"] == "GRDP_PER_CAPITA"
    assert item["review"]["indicator"] == "GRDP_PER_CAPITA" and item["review"]["accepted"] is True
    investment = next(i for i in data["items"] if i["unit"] == "nghìn tỷ đồng")
    assert investment["review"]["converted_value"] == 105000
    assert investment["review"]["converted_unit"] == "tỷ đồng"


def test_extract_file_and_bad_input(request):
    client = _client(request, "planner")
    upload = SimpleUploadedFile("kh.txt", "Tỷ lệ che phủ rừng đạt trên 70% vào năm 2030.".encode())
    response = client.post("/api/v1/extract/", {"file": upload}, format="multipart")
    assert response.status_code == 201 and response.json()["source_name"] == "kh.txt"
    assert response.json()["items"][0]["value"] == 70
    for body, fmt, field in [
        ({"text": ""}, "json", "text"),
        ({}, "json", "text"),
        ({"file": SimpleUploadedFile("x.txt", b"\xff\xfe\x00\x00binary\x00")}, "multipart", "file"),
        ({"file": SimpleUploadedFile("x.txt", b"")}, "multipart", "file"),
    ]:
        bad = client.post("/api/v1/extract/", body, format=fmt)
        assert bad.status_code == 400, body
        error = _error(bad)
        assert error["code"] == "invalid" and field in error["fields"]
    assert Extraction.objects.count() == 1


def test_patch_and_create_targets(request, planner, catalogue, plan):
    extraction = extraction_create(actor=planner, text=TEXT)
    client = _client(request, "planner")
    base = f"/api/v1/extractions/{extraction.pk}/"
    tourists = extraction.items.get(indicator_text="Tổng lượng khách du lịch")
    tourists.indicator = None
    tourists.save()
    bad = client.post(f"{base}create-targets/", {"plan": plan.code}, format="json")
    assert bad.status_code == 400
    assert list(_error(bad)["fields"]) == [f"items.{tourists.pk}"]
    assert Target.objects.count() == 0
    response = client.patch(f"{base}items/{tourists.pk}/", {"indicator": "TOURISTS", "value": "3.2"},
                            format="json")
    assert response.status_code == 200
    assert response.json()["review"]["converted_value"] == 3200000
    bad = client.patch(f"{base}items/{tourists.pk}/", {"period": "2030-13"}, format="json")
    assert bad.status_code == 400 and "final_period" in _error(bad)["fields"]
    bad = client.patch(f"{base}items/{tourists.pk}/", {"indicator": "NOPE"}, format="json")
    assert bad.status_code == 400 and "indicator" in _error(bad)["fields"]
    unknown = client.post(f"{base}create-targets/", {"plan": "NOPE"}, format="json")
    assert unknown.status_code == 400 and "plan" in _error(unknown)["fields"]
    created = client.post(f"{base}create-targets/", {"plan": plan.code}, format="json")
    assert created.status_code == 201 and created.json()["created"] == 5
    target = Target.objects.get(indicator__code="TOURISTS")
    assert target.value == Decimal(3200000) and target.plan == plan and target.unit == plan.unit
    assert ExtractedItem.objects.get(pk=tourists.pk).target == target
    again = client.post(f"{base}create-targets/", {"plan": plan.code}, format="json")
    assert again.status_code == 400 and Target.objects.count() == 5


def test_missing_extraction_is_404_and_token_works(request, planner):
    token = Token.objects.create(user=planner)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/extractions/999/").status_code == 404
    assert client.post("/api/v1/extract/", {"text": TEXT}, format="json").status_code == 201
