"""The task and project tables share one import/export path (``kehoach.tasks.programme``): the
commands, pages and API of both answer alike."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kehoach.projects import services as project_services
from kehoach.testing.factories import PlanFactory


@pytest.fixture
def project(plan, province, planner):
    return project_services.project_create(
        actor=planner, plan=plan, name="Đường tỉnh 258", sector="Giao thông",
        funding_source="nsnn_dp", phase="2021-2025", location=province,
        total_investment="1234.5", status="building")


@pytest.mark.parametrize("kind", ["tasks", "projects"])
def test_export_command_writes_what_the_import_command_reads(kind, plan, task_a, project,
                                                             province, tmp_path):
    out = tmp_path / f"{kind}.xlsx"
    stdout = io.StringIO()
    call_command(f"export_{kind}", "--plan", plan.code, "--out", str(out), stdout=stdout)
    assert stdout.getvalue().strip() == f"exported the {kind} of {plan.code} to {out}"
    copy = PlanFactory(code="KH-COPY", kind="master", start_year=2021, end_year=2030,
                       unit=province)
    stdout = io.StringIO()
    call_command(f"import_{kind}", str(out), "--plan", copy.code, stdout=stdout)
    assert stdout.getvalue().startswith("created 1, updated 0, unchanged 0")
    assert getattr(copy, kind).count() == 1


@pytest.mark.parametrize("kind", ["tasks", "projects"])
@pytest.mark.parametrize(("args", "message"), [
    (["--plan", "KH-56", "--out", "x.csv"], "--out must end with .xlsx"),
    (["--plan", "KH-56", "--out", "/khong/co/x.xlsx"], "No such directory: /khong/co"),
    (["--plan", "KH-KHONG", "--out", "x.xlsx"], "Không có kế hoạch mã KH-KHONG."),
])
def test_export_command_usage_errors(kind, args, message, plan, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=message) as raised:
        call_command(f"export_{kind}", *args)
    assert raised.value.returncode == 2


@pytest.mark.parametrize(("kind", "name", "stem"), [("tasks", "tasks:export", "nhiem-vu"),
                                                    ("projects", "projects:export", "du-an")])
def test_export_pages_name_their_files_and_refuse_other_types(kind, name, stem, plan, task_a,
                                                              project, planner_client):
    response = planner_client.get(reverse(name, args=[plan.code, "docx"]))
    assert response.status_code == 200
    assert f'filename="{stem}-{plan.code}.docx"' in response["Content-Disposition"]
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert planner_client.get(reverse(name, args=[plan.code, "pdf"])).status_code == 404
