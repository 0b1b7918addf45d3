"""The reporting API for the whole cast: scope (404), roles (403), bad input, conflicts."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kehoach.reporting import services
from kehoach.reporting.excel import export_form
from kehoach.reporting.excel.layout import SHEET
from kehoach.reporting.models import Cell, Comment, Round, Submission
from kehoach.reporting.tests.conftest import full_changes, row
from kehoach.values.models import Value

pytestmark = pytest.mark.django_db

NEW_ROUND = {"code": "bc-2025", "title": "Báo cáo năm 2025", "kind": "year_end_report",
             "base_year": 2025, "period_start": 2025, "period_end": 2025,
             "legal_number": "99/UBND-TH", "legal_date": "2025-11-01",
             "milestones": [{"name": "Các đơn vị gửi", "date": "2025-12-10", "actor": "units"}]}


def patch(client, url, data):
    return client.patch(url, data=json.dumps(data), content_type="application/json")


def post(client, url, data=None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def draft_round(planner):
    return services.round_create(actor=planner, code="nhap", title="Nháp", kind="annual_plan",
                                 base_year=2026, period_start=2027, period_end=2027)


def test_round_list_by_role(round_, draft_round, planner_client, leader_client, admin_client_,
                            reporter_a_client, reporter_b_client, anon_client, commune):
    for client in (planner_client, leader_client, admin_client_):
        body = client.get("/api/v1/rounds/").json()
        assert {r["code"] for r in body["results"]} == {"kh-2026", "nhap"}
    for client in (reporter_a_client, reporter_b_client):
        response = client.get("/api/v1/rounds/")
        assert response.status_code == 200
        assert [r["code"] for r in response.json()["results"]] == ["kh-2026"]
        assert response.json()["results"][0]["deadline"] == "2025-07-15"
        assert client.get("/api/v1/rounds/nhap/").status_code == 404
    response = anon_client.get("/api/v1/rounds/")
    assert response.status_code in (401, 403) and "error" in response.json()
    assert anon_client.get("/api/v1/rounds/kh-2026/").status_code in (401, 403)


def test_round_create_update_open_close(planner_client, reporter_a_client, leader_client,
                                        unit_a, pl1):
    for client in (reporter_a_client, leader_client):
        assert post(client, "/api/v1/rounds/", NEW_ROUND).status_code == 403
    response = post(planner_client, "/api/v1/rounds/", {**NEW_ROUND, "period_end": 2024})
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
    assert not Round.objects.exists()
    response = post(planner_client, "/api/v1/rounds/", NEW_ROUND)
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft" and response.json()["deadline"] == "2025-12-10"
    response = patch(planner_client, "/api/v1/rounds/bc-2025/", {"title": "Báo cáo KT-XH 2025"})
    assert response.status_code == 200 and Round.objects.get().title == "Báo cáo KT-XH 2025"
    assert patch(reporter_a_client, "/api/v1/rounds/bc-2025/", {"title": "x"}).status_code == 404
    response = post(planner_client, "/api/v1/rounds/bc-2025/open/")
    assert response.status_code == 400 and "giao biểu" in response.json()["error"]["message"]
    response = post(planner_client, "/api/v1/rounds/bc-2025/assign/",
                    {"units": ["SO-A"], "forms": ["PL1-NAM"]})
    assert response.status_code == 201 and response.json()[0]["deadline"] == "2025-12-10"
    assert post(reporter_a_client, "/api/v1/rounds/bc-2025/open/").status_code == 404  # a draft
    assert post(planner_client, "/api/v1/rounds/bc-2025/open/").json()["status"] == "open"
    assert post(reporter_a_client, "/api/v1/rounds/bc-2025/close/").status_code == 403
    assert post(planner_client, "/api/v1/rounds/bc-2025/close/").json()["status"] == "closed"
    response = post(planner_client, "/api/v1/rounds/bc-2025/assign/",
                    {"units": ["KHONG"], "forms": ["PL1-NAM"]})
    assert response.status_code == 400


def test_completeness_scope_and_downloads(round_, planner_client, reporter_a_client,
                                          leader_client):
    body = planner_client.get("/api/v1/rounds/kh-2026/completeness/").json()
    assert [r["unit"] for r in body["rows"]] == ["SO-A", "SO-B"] and body["late"] == 2
    assert leader_client.get("/api/v1/rounds/kh-2026/completeness/").json()["total"] == 2
    mine = reporter_a_client.get("/api/v1/rounds/kh-2026/completeness/").json()
    assert [r["unit"] for r in mine["rows"]] == ["SO-A"]
    csv_response = planner_client.get("/api/v1/rounds/kh-2026/completeness/?download=csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response.content.decode().splitlines()[0].startswith("unit,unit_name,form,status")
    xlsx = planner_client.get("/api/v1/rounds/kh-2026/completeness/?download=xlsx")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws["A4"].value == "SO-A" and ws["H4"].value == "có"


def test_forms_list(templates, reporter_a_client, anon_client):
    body = reporter_a_client.get("/api/v1/forms/").json()
    pl1 = next(f for f in body["results"] if f["code"] == "PL1-NAM")
    assert [c["key"] for c in pl1["columns"]][:2] == ["TH_PREV", "KH_Y"]
    assert pl1["rows"][1]["indicator"] == "GRDP_GROWTH" and pl1["rows"][1]["unit"] == "%"
    assert anon_client.get("/api/v1/forms/").status_code in (401, 403)


def test_submission_list_and_detail_scope(round_, sub_a, sub_b, planner_client, leader_client,
                                          reporter_a_client, reporter_b_client, anon_client):
    for client, units in ((planner_client, ["SO-A", "SO-B"]), (leader_client, ["SO-A", "SO-B"]),
                          (reporter_a_client, ["SO-A"]), (reporter_b_client, ["SO-B"])):
        body = client.get("/api/v1/submissions/?round=kh-2026").json()
        assert [s["unit"] for s in body["results"]] == units
    assert reporter_b_client.get(f"/api/v1/submissions/{sub_a.pk}/").status_code == 404
    assert anon_client.get(f"/api/v1/submissions/{sub_a.pk}/").status_code in (401, 403)
    body = leader_client.get(f"/api/v1/submissions/{sub_a.pk}/").json()
    assert body["unit"] == "SO-A" and body["columns"][2]["label"] == "ƯTH 2025"
    assert len(body["errors"]) == 18  # required cells still empty
    assert planner_client.get("/api/v1/submissions/?round=khong-co").json()["results"] == []
    bad = planner_client.get("/api/v1/submissions/?status=xyz")
    assert bad.status_code == 400


def test_patch_cells(sub_a, reporter_a_client, reporter_b_client, leader_client, planner_client):
    r = row(sub_a, "GRDP_CUR")
    url = f"/api/v1/submissions/{sub_a.pk}/cells/"
    change = [{"row": r.pk, "column": "UTH_Y", "value": "2.000", "note": "", "version": 0}]
    assert patch(reporter_b_client, url, change).status_code == 404  # not seen
    assert patch(leader_client, url, change).status_code == 403  # seen, not to be changed
    response = patch(reporter_a_client, url, change)
    assert response.status_code == 200, response.content
    cells = response.json()["rows"][2]["cells"]
    assert cells["UTH_Y"]["value"] == 2000 and cells["UTH_Y"]["version"] == 1
    # the planning office saw version 0 too: conflict, nothing lost
    response = patch(planner_client, url, [{**change[0], "value": 2500}])
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conflict" and error["fields"]["cells"][0]["current_value"] == 2000
    assert Cell.objects.get().value == Decimal("2000")
    response = patch(reporter_a_client, url, [
        {"row": r.pk, "column": "KH_NEXT", "value": "x", "version": 0},
        {"row": r.pk, "column": "UTH_KH", "value": "1", "version": 0}])
    assert response.status_code == 400 and len(response.json()["error"]["fields"]["cells"]) == 2
    assert patch(reporter_a_client, url, {"row": 1}).status_code == 400
    assert Cell.objects.count() == 1


def test_actions_by_role(sub_a, reporter_a, reporter_a_client, reporter_b_client, leader_client,
                         planner_client, province):
    base = f"/api/v1/submissions/{sub_a.pk}"
    response = post(reporter_a_client, f"{base}/submit/")
    assert response.status_code == 400 and response.json()["error"]["code"] == "validation"
    assert len(response.json()["error"]["fields"]["issues"]) == 18
    services.cell_save(submission=sub_a, actor=reporter_a, changes=full_changes(sub_a))
    assert post(reporter_b_client, f"{base}/submit/").status_code == 404
    assert post(leader_client, f"{base}/submit/").status_code == 403
    response = post(reporter_a_client, f"{base}/submit/")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    for client in (reporter_a_client, leader_client):
        assert post(client, f"{base}/accept/").status_code == 403
        assert post(client, f"{base}/return/", {"comment": "x"}).status_code == 403
    assert post(reporter_b_client, f"{base}/accept/").status_code == 404
    assert post(planner_client, f"{base}/return/", {"comment": ""}).status_code == 400
    r = row(sub_a, "GRDP_CUR")
    response = post(planner_client, f"{base}/return/", {
        "comment": "Bổ sung giải trình",
        "cell_comments": [{"row": r.pk, "column": "UTH_Y", "text": "Cao quá"}]})
    assert response.json()["status"] == "returned"
    assert Comment.objects.filter(submission=sub_a, row=r).exists()
    version = response.json()["version"]
    assert post(reporter_a_client, f"{base}/submit/", {"version": version - 1}).status_code == 409
    assert post(reporter_a_client, f"{base}/submit/", {"version": version}).status_code == 200
    response = post(planner_client, f"{base}/accept/")
    assert response.json()["status"] == "accepted"
    assert Value.objects.filter(unit=province, source=f"submission:{sub_a.pk}").count() == 18
    assert post(planner_client, f"{base}/accept/").status_code == 400
    response = patch(reporter_a_client, f"{base}/cells/",
                     [{"row": r.pk, "column": "UTH_Y", "value": 1, "version": 1}])
    assert response.status_code == 400
    assert post(reporter_a_client, f"{base}/reopen/", {"comment": "x"}).status_code == 403
    response = post(planner_client, f"{base}/reopen/", {"comment": "Sửa số ước"})
    assert response.json()["status"] == "returned"
    events = leader_client.get(f"{base}/").json()["events"]
    assert [e["to"] for e in events] == ["draft", "submitted", "returned", "submitted",
                                         "accepted", "returned"]


def test_xlsx_download_and_upload(sub_a, reporter_a_client, reporter_b_client, leader_client,
                                  sub_b):
    url = f"/api/v1/submissions/{sub_a.pk}/xlsx/"
    assert reporter_b_client.get(url).status_code == 404
    response = leader_client.get(url)
    assert response.status_code == 200 and "SO-A" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    wb[SHEET]["F10"] = "2.000"
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    upload = io.BytesIO(data)
    upload.name = "a.xlsx"
    assert leader_client.post(url, {"file": upload}).status_code == 403
    upload.seek(0)
    response = reporter_a_client.post(url, {"file": upload})
    assert response.status_code == 200, response.content
    assert response.json()["changed"] == 1 and Cell.objects.get().value == 2000
    wb[SHEET]["F10"] = "abc"
    out = io.BytesIO()
    wb.save(out)
    response = reporter_a_client.put(url, data=out.getvalue(),
                                     content_type="application/octet-stream")
    assert response.status_code == 400
    errors = response.json()["error"]["fields"]["errors"]
    assert errors == [{"sheet": SHEET, "row": 10, "column": "F",
                       "reason": "“abc” không phải là số."}]
    other = export_form(submission=sub_b)
    response = reporter_a_client.put(url, data=other, content_type="application/octet-stream")
    assert response.status_code == 400 and "SO-B" in response.json()["error"]["message"] + str(
        response.json()["error"]["fields"])
    assert reporter_a_client.post(url, {}).status_code == 400
    assert Submission.objects.get(pk=sub_a.pk).cells.get().value == 2000


def test_proposals_of_phu_luc_iii(round_, templates, planner, unit_a, unit_b, reporter_a_client,
                                  reporter_b_client):
    [sub] = services.round_assign(round=round_, units=[unit_a], templates=[templates["PL3"]],
                                  actor=planner)
    url = f"/api/v1/submissions/{sub.pk}/proposals/"
    items = [{"kind": "project", "text": "Đường liên xã Phú Đô - Tức Tranh", "lead_unit": "SO-A",
              "coordinating_units": ["SO-B"], "period": "2026-2030", "product": "Công trình",
              "cost": "120,5"}]
    assert reporter_b_client.put(url, data=json.dumps(items),
                                 content_type="application/json").status_code == 404
    bad = [{**items[0], "cost": -1}, {**items[0], "lead_unit": "KHONG"}]
    response = reporter_a_client.put(url, data=json.dumps(bad), content_type="application/json")
    assert response.status_code == 400 and not sub.proposals.exists()
    response = reporter_a_client.put(url, data=json.dumps([{**items[0], "cost": 120.5}]),
                                     content_type="application/json")
    assert response.status_code == 200, response.content
    [proposal] = response.json()["proposals"]
    assert proposal["cost"] == 120.5 and proposal["coordinating_units"] == ["SO-B"]
    sub.refresh_from_db()
    assert sub.status == "draft"
    response = post(reporter_a_client, f"/api/v1/submissions/{sub.pk}/submit/")
    assert response.json()["status"] == "submitted"
    from kehoach.reporting.selectors import round_completeness

    rows = {(r["unit"], r["form"]): r for r in round_completeness(round=round_)["rows"]}
    assert rows[("SO-A", "PL3")]["filled_percent"] == 100


def test_admin_reviews_like_the_planning_office(sub_a, reporter_a, admin_client_):
    services.cell_save(submission=sub_a, actor=reporter_a, changes=full_changes(sub_a))
    services.submission_submit(submission=sub_a, actor=reporter_a)
    response = post(admin_client_, f"/api/v1/submissions/{sub_a.pk}/return/",
                    {"comment": "Thiếu giải trình"})
    assert response.status_code == 200 and response.json()["status"] == "returned"


def test_lists_do_not_query_per_row(round_, pl1, planner, planner_client, commune,
                                    django_assert_max_num_queries):
    from kehoach.core.tests.factories import UnitFactory

    units = [UnitFactory(code=f"XA-{i}", type="commune", parent=commune.parent) for i in range(20)]
    services.round_assign(round=round_, units=units, templates=[pl1], actor=planner)
    with django_assert_max_num_queries(8):
        body = planner_client.get("/api/v1/submissions/").json()
    assert body["count"] == 22
    with django_assert_max_num_queries(8):
        body = planner_client.get("/api/v1/rounds/kh-2026/completeness/").json()
    assert body["total"] == 22
    with django_assert_max_num_queries(8):
        assert planner_client.get("/api/v1/rounds/").json()["count"] == 1


def test_upload_over_the_limit(sub_a, reporter_a_client, settings):
    settings.KEHOACH_MAX_UPLOAD_BYTES = 1000
    upload = io.BytesIO(b"x" * 5000)
    upload.name = "big.xlsx"
    response = reporter_a_client.post(f"/api/v1/submissions/{sub_a.pk}/xlsx/", {"file": upload})
    assert response.status_code == 400
    assert "quá lớn" in response.json()["error"]["fields"]["errors"][0]["reason"]
    assert not Cell.objects.exists()
