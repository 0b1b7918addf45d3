"""Input that means nothing is refused (400, the error shape naming the field), not ignored or
quietly converted: a round's completeness and texts downloads outside their list, a round's
fields of the wrong JSON type, the discrepancy list's year (Schemathesis: "invalid input
accepted"). The same requests with good values are answered."""

from __future__ import annotations

import json

import pytest

from kehoach.reporting.models import Round

pytestmark = pytest.mark.django_db


def _refused(response, field: str) -> None:
    assert response.status_code == 400, response.content[:300]
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"], error


@pytest.mark.parametrize("query", ["download=pdf", "download=", "download=CSV",
                                   "download=csv&download=xlsx"])
def test_completeness_download_outside_its_list(query, round_, planner_client):
    _refused(planner_client.get(f"/api/v1/rounds/kh-2026/completeness/?{query}"), "download")


def test_completeness_good_downloads(round_, planner_client):
    assert planner_client.get("/api/v1/rounds/kh-2026/completeness/").json()["total"] == 2
    csv = planner_client.get("/api/v1/rounds/kh-2026/completeness/?download=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize("query", ["download=pdf", "download=", "download=docx&download=docx"])
def test_round_texts_download_outside_its_list(query, round_, planner_client):
    _refused(planner_client.get(f"/api/v1/rounds/kh-2026/texts/?{query}"), "download")


def test_round_texts_good_values(round_, planner_client):
    assert planner_client.get("/api/v1/rounds/kh-2026/texts/").status_code == 200
    docx = planner_client.get("/api/v1/rounds/kh-2026/texts/?download=docx")
    assert docx.status_code == 200 and docx["Content-Type"].endswith("document")


def _patch(client, body):
    return client.patch("/api/v1/rounds/kh-2026/", data=json.dumps(body),
                        content_type="application/json")


@pytest.mark.parametrize("body, field", [
    ({"title": 5}, "title"),
    ({"code": 7}, "code"),
    ({"legal_number": 3}, "legal_number"),
    ({"legal_issuer": 1.5}, "legal_issuer"),
    ({"legal_number": False}, "legal_number"),
    ({"base_year": "2025"}, "base_year"),
    ({"base_year": 2025.0}, "base_year"),
    ({"reminder_offsets": ["1"]}, "reminder_offsets"),
    ({"reminder_offsets": [1.0]}, "reminder_offsets"),
    ({"milestones": [{"name": 3, "date": "2026-01-01", "actor": "units"}]}, "milestones"),
    ({"kind": "khong-co"}, "kind"),
])
def test_round_patch_refuses_the_wrong_json_type(body, field, round_, planner_client):
    _refused(_patch(planner_client, body), field)
    round_.refresh_from_db()
    assert (round_.code, round_.title, round_.base_year) == (
        "kh-2026", "Xây dựng kế hoạch năm 2026", 2025)
    assert round_.milestones.get().name == "Các đơn vị gửi báo cáo"


@pytest.mark.parametrize("body, unknown", [
    ({"tittle": "Kế hoạch năm 2026"}, ["tittle"]),
    ({"title": "Kế hoạch năm 2026", "status": "closed", "deadline": "2026-01-01"},
     ["status", "deadline"]),
    ({"milestones": [{"name": "Gửi", "date": "2026-01-01", "actor": "units", "by": "x"}]},
     ["milestones"]),
])
def test_round_patch_refuses_unknown_fields(body, unknown, round_, planner_client):
    """A misspelt or read-only field is named (400), not dropped while the rest is saved."""
    response = _patch(planner_client, body)
    for field in unknown:
        _refused(response, field)
    error = response.json()["error"]
    assert "title" not in error["fields"]
    if "tittle" in unknown:
        assert error["fields"]["tittle"] == [
            "Không có trường “tittle”; các trường được nhận: base_year, code, kind, legal_date, "
            "legal_issuer, legal_number, milestones, period_end, period_start, reminder_offsets, "
            "row_scope, title."]
    round_.refresh_from_db()
    assert (round_.title, round_.status) == ("Xây dựng kế hoạch năm 2026", "open")
    assert round_.milestones.get().name == "Các đơn vị gửi báo cáo"


def test_round_create_refuses_unknown_fields(round_, planner_client):
    body = {"code": "kh-2027", "title": "Kế hoạch 2027", "kind": "annual_plan", "base_year": 2026,
            "period_start": 2027, "period_end": 2027, "status": "open"}
    response = planner_client.post("/api/v1/rounds/", json.dumps(body),
                                   content_type="application/json")
    _refused(response, "status")
    assert not Round.objects.filter(code="kh-2027").exists()
    del body["status"]
    response = planner_client.post("/api/v1/rounds/", json.dumps(body),
                                   content_type="application/json")
    assert response.status_code == 201, response.json()
    assert Round.objects.get(code="kh-2027").status == "draft"


def test_round_patch_good_values(round_, planner_client):
    response = _patch(planner_client, {"title": "Kế hoạch năm 2026", "legal_number": "99/UBND",
                                       "reminder_offsets": [-3, 1]})
    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "Kế hoạch năm 2026"


@pytest.mark.parametrize("query", ["year=", "year=true", "year=K4a", "year=-2.7e-33",
                                   "year=2026&year=2025", "year=20260"])
def test_reported_values_year_that_is_not_one(query, planner_client):
    _refused(planner_client.get(f"/api/v1/values/reported/?{query}"), "year")


def test_reported_values_good_year(planner_client):
    for url in ("/api/v1/values/reported/", "/api/v1/values/reported/?year=2026"):
        response = planner_client.get(url)
        assert response.status_code == 200 and response.json() == []
