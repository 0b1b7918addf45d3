"""The demo of issue 10: plan 56/KH-UBND's programme (late, done, a yearly duty) and its project
list with 2024 and 2025 capital plans; the figures are the same in the pages, the API, the
command and the export."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook
from rest_framework.test import APIClient

from kehoach.core.models import User
from kehoach.plans.models import Plan
from kehoach.tasks.selectors import not_reported, task_list


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Plan.objects.get(code="KH-56-BK")


def test_demo_programme(demo):
    planner = User.objects.get(username="kehoach")
    tasks = {t.number: t for t in task_list(user=planner, plan=demo)}
    assert len(tasks) == 12
    assert {t.status for t in tasks.values()} >= {"done", "done_late", "in_progress"}
    assert tasks["1"].status == "done" and tasks["3"].status == "done_late"
    assert tasks["4"].is_overdue  # 60 % after its deadline of 31/12/2025
    duty = tasks["2"]
    assert duty.deadline_kind == "recurring"
    assert {u.code for u in not_reported(task=duty, year=2025)} == {"TN-SCT"}
    assert duty.reports.filter(files__isnull=True).exists()
    assert tasks["8"].reports.get().files.get().name == "bien-ban-ban-giao.pdf"
    soyte = Client()
    soyte.force_login(User.objects.get(username="soyte"))
    body = soyte.get("/nhiem-vu/").content.decode()
    assert "Đề án phát triển mạng lưới cơ sở y tế" in body
    assert "Rà soát, điều chỉnh quy hoạch chung đô thị" not in body


def test_demo_figures_are_the_same_everywhere(demo):
    leader = User.objects.get(username="lanhdao")
    api = APIClient()
    api.force_authenticate(leader)
    totals = api.get("/api/v1/projects/totals/", {"plan": "KH-56-BK", "year": 2025}).json()
    out = io.StringIO()
    call_command("projects", "--plan", "KH-56-BK", "--year", "2025", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert sum(float(r["capital_plan"]) for r in rows) == totals["all"]["capital_plan"] == 995.0
    disbursed = round(sum(float(r["disbursed"]) for r in rows), 1)
    assert disbursed == round(totals["all"]["disbursed"], 1)
    assert totals["needs"][0]["need"] == 105000.0
    client = Client()
    client.force_login(leader)
    page = client.get("/du-an/", {"plan": "KH-56-BK", "year": 2025}).content.decode()
    from kehoach.core.templatetags.kh import num, pct

    assert num(totals["all"]["disbursed"], 1) in page and pct(totals["all"]["rate"]) in page
    book = load_workbook(io.BytesIO(client.get("/du-an/ke-hoach/KH-56-BK/xuat.xlsx").content))
    money = book.worksheets[1]
    cells = [row for row in money.iter_rows(values_only=True) if row and row[1] == 2025]
    assert round(sum(r[15] for r in cells), 1) == disbursed


def test_demo_units_evaluate_their_tasks(demo):
    from kehoach.tasks.selectors import attach_assessments

    planner = User.objects.get(username="kehoach")
    tasks = {t.number: t for t in attach_assessments(list(task_list(user=planner, plan=demo)))}
    assert tasks["5"].assessment.verdict == "completed" and not tasks["5"].disagrees
    assert tasks["6"].assessment.verdict == "on_schedule"
    assert tasks["6"].disagrees == bool(tasks["6"].is_overdue)  # says on schedule, record says late
