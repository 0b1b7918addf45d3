import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kehoach.tasks import services
from kehoach.tasks.models import ProgressReport, Task


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def only_a(plan, unit_a, planner):
    return services.task_create(actor=planner, plan=plan, number="5", text="Việc riêng của Sở A",
                                lead_unit=unit_a, deadline_text="Trước 30/6/2025")


def test_list_for_the_cast(only_a, task_b, planner, leader, reporter_a, reporter_b):
    assert _api().get("/api/v1/tasks/").status_code in (401, 403)
    numbers = {u.username: sorted(t["number"] for t in _api(u).get("/api/v1/tasks/").json()["results"])
               for u in (planner, leader, reporter_a, reporter_b)}
    assert numbers == {"ke_hoach": ["2", "5"], "lanh_dao": ["2", "5"], "bao_cao_a": ["5"],
                       "bao_cao_b": ["2"]}
    row = _api(planner).get("/api/v1/tasks/?overdue=true").json()["results"]
    assert [(r["number"], r["overdue"], r["deadline"], r["lead_unit"]) for r in row] == [
        ("5", True, "Trước 30/6/2025", "SO-A")]


def test_reporter_b_gets_404_on_a_task_of_a(only_a, reporter_b):
    api = _api(reporter_b)
    assert api.get(f"/api/v1/tasks/{only_a.pk}/").status_code == 404
    response = api.post(f"/api/v1/tasks/{only_a.pk}/progress/", {"text": "x", "percent": "10"})
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert not ProgressReport.objects.exists()


def test_create_update_and_conflict(plan, unit_a, planner, reporter_a):
    body = {"plan": plan.code, "number": "9", "text": "Ban hành đề án", "lead_unit": "Sở A",
            "deadline": "Quý II/2025", "product": "Đề án"}
    assert _api(reporter_a).post("/api/v1/tasks/", body, format="json").status_code == 403
    created = _api(planner).post("/api/v1/tasks/", body, format="json")
    assert created.status_code == 201, created.json()
    task_id = created.json()["id"]
    assert created.json()["due_date"] == "2025-06-30" and created.json()["version"] == 1
    ok = _api(planner).patch(f"/api/v1/tasks/{task_id}/", {"product": "Quyết định", "version": 1},
                             format="json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = _api(planner).patch(f"/api/v1/tasks/{task_id}/", {"product": "Báo cáo", "version": 1},
                                format="json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    assert Task.objects.get(pk=task_id).product == "Quyết định"


def test_bad_input_has_the_error_shape(plan, unit_a, planner):
    body = {"plan": plan.code, "number": "9", "text": "X", "lead_unit": "Sở AA",
            "deadline": "Quý V/2025"}
    response = _api(planner).post("/api/v1/tasks/", body, format="json")
    assert response.status_code == 400
    assert "có phải: Sở A (SO-A)" in response.json()["error"]["fields"]["lead_unit"][0]
    body["lead_unit"] = "SO-A"
    response = _api(planner).post("/api/v1/tasks/", body, format="json")
    assert response.status_code == 400 and "bốn quý" in response.json()["error"]["message"]
    assert not Task.objects.exists()


def test_progress_with_a_file_and_download(only_a, reporter_a, planner, reporter_b):
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    response = _api(reporter_a).post(f"/api/v1/tasks/{only_a.pk}/progress/", {
        "text": "Đã xong", "percent": "100", "date": "2025-06-10", "files": [upload]},
        format="multipart")
    assert response.status_code == 201, response.json()
    url = response.json()["files"][0]["url"]
    assert _api(planner).get(url).status_code == 200
    assert _api(reporter_b).get(url).status_code == 404
    task = _api(planner).get(f"/api/v1/tasks/{only_a.pk}/").json()
    assert (task["status"], task["overdue"]) == ("done", False)


def test_bad_file_refused(only_a, reporter_a):
    upload = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    response = _api(reporter_a).post(f"/api/v1/tasks/{only_a.pk}/progress/", {
        "text": "x", "percent": "10", "files": [upload]}, format="multipart")
    assert response.status_code == 400 and "không được nhận" in response.json()["error"]["message"]
    assert not ProgressReport.objects.exists()


def test_due_items_and_mine(duty, unit_a, reporter_a, planner):
    services.due_items_ensure(task=duty, year=2025)
    services.progress_report_create(task=duty, actor=reporter_a, unit=unit_a, text="BC",
                                    percent=Decimal(100), date=dt.date(2025, 10, 1))
    items = _api(planner).get(f"/api/v1/tasks/{duty.pk}/due-items/?year=2025").json()
    reported = {(i["unit"], i["kind"]): i["reported"] for i in items}
    assert reported == {("SO-A", "report"): True, ("SO-B", "report"): False,
                        ("TINH", "report"): False, ("TINH", "consolidate"): False}
    mine = _api(reporter_a).get("/api/v1/tasks/mine/").json()
    assert set(mine) == {"late", "soon", "waiting"}


def test_import_and_export_through_the_api(plan, unit_a, planner, reporter_a):
    data = ("STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành,Sản phẩm\n"
            "1,Ban hành kế hoạch,Sở A,,Quý II/2025,Kế hoạch\n"
            "2,Việc khác,Sở AA,,2025,Báo cáo\n").encode()
    url = f"/api/v1/plans/{plan.code}/tasks/import/"
    upload = SimpleUploadedFile("nv.csv", data)
    assert _api(reporter_a).post(url, {"file": upload}, format="multipart").status_code == 403
    bad = _api(planner).post(url, {"file": SimpleUploadedFile("nv.csv", data)}, format="multipart")
    assert bad.status_code == 400 and "có phải: Sở A (SO-A)" in bad.json()["error"]["fields"]["file"][0]
    assert not Task.objects.exists()
    good = _api(planner).post(url, {"file": SimpleUploadedFile("nv.csv", data.split(b"\n2,")[0])},
                              format="multipart")
    assert good.status_code == 200 and good.json()["created"] == 1
    export = _api(planner).get(f"/api/v1/plans/{plan.code}/tasks/export/?type=xlsx")
    assert export.status_code == 200 and export.content[:2] == b"PK"
    assert _api(reporter_a).get(f"/api/v1/plans/{plan.code}/tasks/export/").status_code == 404
