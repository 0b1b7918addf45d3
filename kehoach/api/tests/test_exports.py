"""``/api/v1/exports/<kind>/``: the exchange files as CSV (or .xlsx) downloads, the same bytes as
the ``kehoach export_*`` commands for a caller who sees everything, only what the caller sees
otherwise, and bad input answered with the API's error shape."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from rest_framework.test import APIClient

from kehoach.projects import services as project_services
from kehoach.tasks import services as task_services
from kehoach.testing.factories import IndicatorFactory, PlanFactory, TargetFactory, ValueFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _csv(response) -> str:
    assert response.status_code == 200, getattr(response, "content", b"")[:500]
    assert response["Content-Type"].startswith("text/csv")
    return b"".join(response.streaming_content).decode("utf-8")


def _command(name: str, *args: str) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def data(province, unit_a, unit_b, planner):
    grdp = IndicatorFactory(code="GRDP", unit="%")
    plan = PlanFactory(code="KH-5N", name="Kế hoạch 5 năm", unit=province, start_year=2021,
                       end_year=2025, status="approved")
    PlanFactory(code="NHAP", name="Dự thảo", unit=province, start_year=2026, end_year=2030,
                status="draft")
    TargetFactory(plan=plan, indicator=grdp, unit=province, value=Decimal("7.5"))
    ValueFactory(indicator=grdp, unit=unit_a, value=Decimal("7.1"), note="của A")
    ValueFactory(indicator=grdp, unit=unit_b, value=Decimal("6.9"))
    task_services.task_create(actor=planner, plan=plan, number="1", text="Lập đề án chuyển đổi số",
                              lead_unit=unit_a, coordinating_units=[unit_b],
                              deadline_text="Quý IV/2025", product="Đề án")
    project_services.project_create(actor=planner, plan=plan, name="Đường tỉnh 261",
                                    sector="Giao thông", funding_source="nsnn_tw",
                                    phase="2021-2025", total_investment=Decimal("1234.5"))
    return plan


@pytest.mark.parametrize("kind, command", [
    ("units", ["export_units"]), ("indicators", ["export_indicators"]),
    ("plans", ["export_plans"]), ("targets", ["export_targets"]), ("values", ["export_values"]),
])
def test_same_file_as_the_command(kind, command, data, planner):
    body = _csv(_client(planner).get(f"/api/v1/exports/{kind}/"))
    assert body == _command(*command)
    assert len(body.splitlines()) > 1


def test_tasks_and_projects_are_the_tables_their_imports_read(data, planner, tmp_path):
    tasks = _csv(_client(planner).get("/api/v1/exports/tasks/?plan=KH-5N"))
    lines = tasks.splitlines()
    assert lines[0] == ("number,text,lead_unit,deadline,coordinating_units,product,group,status,note,"
                        "percent,completed_on")
    assert lines[1].startswith("1,Lập đề án chuyển đổi số,SO-A,Quý IV/2025,SO-B,Đề án,")
    path = tmp_path / "nhiem-vu.csv"
    path.write_text(tasks, encoding="utf-8")
    assert "unchanged" in _command("import_tasks", str(path), "--plan", "KH-5N")
    projects = _csv(_client(planner).get("/api/v1/exports/projects/?plan=KH-5N&year=2025"))
    assert projects.splitlines()[1].startswith("Đường tỉnh 261,Giao thông,nsnn_tw,2021-2025,")
    path = tmp_path / "du-an.csv"
    path.write_text(projects, encoding="utf-8")
    assert "unchanged" in _command("import_projects", str(path), "--plan", "KH-5N")


def test_xlsx_has_the_same_columns(data, planner):
    response = _client(planner).get("/api/v1/exports/values/?type=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="so-lieu.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    assert rows[0] == ("unit", "indicator", "period", "kind", "value", "note")
    assert len(rows) == 3


def test_only_what_the_caller_sees(data, reporter_b, leader):
    values = _csv(_client(reporter_b).get("/api/v1/exports/values/"))
    assert "SO-B,GRDP" in values and "SO-A" not in values
    plans = _csv(_client(reporter_b).get("/api/v1/exports/plans/"))
    assert "KH-5N" in plans and "NHAP" not in plans
    assert "NHAP" in _csv(_client(leader).get("/api/v1/exports/plans/"))
    assert _client(reporter_b).get("/api/v1/exports/targets/?plan=NHAP").status_code == 404
    assert _client(reporter_b).get("/api/v1/exports/tasks/?plan=KH-5N").status_code == 404
    assert "Đường tỉnh 261" in _csv(
        _client(reporter_b).get("/api/v1/exports/projects/?plan=KH-5N"))


def test_filters_narrow_the_file(data, planner):
    values = _csv(_client(planner).get("/api/v1/exports/values/?unit=SO-A")).splitlines()
    assert values[1:] == ["SO-A,GRDP,2024,actual,7.1,của A"]
    targets = _csv(_client(planner).get("/api/v1/exports/targets/?plan=KH-5N"))
    assert targets.splitlines()[1].startswith("KH-5N,GRDP,TINH,2025,above,7.5,")
    plans = _csv(_client(planner).get("/api/v1/exports/plans/?status=draft")).splitlines()
    assert [line.split(",")[0] for line in plans[1:]] == ["NHAP"]


@pytest.mark.parametrize("url, field", [
    ("/api/v1/exports/units/?type=pdf", "type"),
    ("/api/v1/exports/values/?year=hai-nghin", "filter"),
    ("/api/v1/exports/plans/?year=20x5", "year"),
    ("/api/v1/exports/tasks/", "plan"),
    ("/api/v1/exports/projects/?plan=KH-5N&year=99999", "year"),
])
def test_bad_input_is_a_400_in_the_error_shape(url, field, data, planner):
    response = _client(planner).get(url)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]


def test_unknown_plan_is_404_and_anonymous_401(data, planner):
    assert _client(planner).get("/api/v1/exports/tasks/?plan=KHONG-CO").status_code == 404
    for kind in ("units", "indicators", "plans", "targets", "values", "tasks", "projects"):
        assert _client().get(f"/api/v1/exports/{kind}/").status_code == 401


@pytest.mark.parametrize("url, field", [
    ("/api/v1/plans/?kind=khong-co", "kind"),
    ("/api/v1/plans/?status=x", "status"),
    ("/api/v1/exports/targets/?status=x", "status"),
    ("/api/v1/plans/KH-5N/tasks/export/?type=pdf", "type"),
    ("/api/v1/plans/KH-5N/projects/export/?year=hai", "year"),
    ("/api/v1/plans/?status=", "status"),
    ("/api/v1/plans/?year=", "year"),
    ("/api/v1/plans/?kind=action&kind=annual", "kind"),
    ("/api/v1/exports/targets/?kind=&status=", "kind"),
    ("/api/v1/exports/plans/?status=", "status"),
    ("/api/v1/units/?type=", "type"),
    ("/api/v1/submissions/?status=", "status"),
    ("/api/v1/evaluation/year/?at_risk=0.5", "at_risk"),
    ("/api/v1/evaluation/year/?not_met=-1", "not_met"),
    ("/api/v1/evaluation/year/?year=", "year"),
    ("/api/v1/indicators/?group=", "group"),
    ("/api/v1/indicators/?group=khong-co", "group"),
    ("/api/v1/units/?page=", "page"),
    ("/api/v1/units/?page=0", "page"),
])
def test_a_filter_that_means_nothing_is_refused_not_ignored(url, field, data, planner):
    response = _client(planner).get(url)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


@pytest.mark.parametrize("size", ["0", "-5", "hai", "1001"])
def test_a_page_size_out_of_range_is_refused(size, data, planner):
    response = _client(planner).get(f"/api/v1/plans/?page_size={size}")
    assert response.status_code == 400 and "page_size" in response.json()["error"]["fields"]
    assert len(_client(planner).get("/api/v1/plans/?page_size=1").json()["results"]) == 1


@pytest.mark.parametrize("url", [
    "/api/v1/plans/?status=approved&kind=five_year&year=2023", "/api/v1/exports/plans/?status=draft",
    "/api/v1/units/?type=province&page=1", "/api/v1/submissions/?status=draft",
    "/api/v1/evaluation/year/?year=2025&at_risk=true&not_met=false",
])
def test_the_same_filters_with_good_values_are_answered(url, data, planner):
    assert _client(planner).get(url).status_code == 200
