"""Every role has a start: the reporter's to-do, what waits for the planning office, and a menu
without entries that lead a role nowhere."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory
from kehoach.reporting.models import Submission, SubmissionEvent
from kehoach.values.models import Value

pytestmark = pytest.mark.django_db
LAST_YEAR = timezone.localdate().year - 1


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _section(body: str, section_id: str) -> str:
    match = re.search(rf'<section class="card" id="{section_id}">(.*?)</section>', body, re.S)
    return match.group(1) if match else ""


def _returned(submission, planner, comment):
    Submission.objects.filter(pk=submission.pk).update(status="returned")
    SubmissionEvent.objects.create(submission=submission, actor=planner, from_status="submitted",
                                   to_status="returned", comment=comment)


def test_reporter_sees_forms_to_fill_with_deadlines(reporter_a_client, sub_a, sub_b):
    todo = _section(_home(reporter_a_client), "todo")
    assert f'href="{reverse("reporting:submission", args=[sub_a.pk])}"' in todo
    assert f'reporting:submission", args=[{sub_b.pk}]' not in todo
    assert "Biểu cần điền và gửi" in todo and "15/07/2025" in todo
    assert '<span class="badge st-late">trễ hạn</span>' in todo  # the deadline has passed


def test_reporter_sees_returned_forms_with_the_office_comment(reporter_a_client, sub_a, planner):
    _returned(sub_a, planner, "Số dân năm 2025 thiếu nguồn.")
    todo = _section(_home(reporter_a_client), "todo")
    assert "Biểu bị trả lại để sửa" in todo and "Số dân năm 2025 thiếu nguồn." in todo
    assert "Biểu cần điền và gửi" not in todo


def test_nothing_to_do_is_said_plainly(reporter_a_client, sub_a):
    Submission.objects.filter(pk=sub_a.pk).update(status="submitted", submitted_at=timezone.now())
    todo = _section(_home(reporter_a_client), "todo")
    assert "Không có biểu nào đang chờ đơn vị bạn" in todo


def test_office_sees_submitted_forms_and_late_units(planner_client, sub_a, sub_b, round_,
                                                   reporter_a):
    first = timezone.make_aware(dt.datetime(2025, 7, 10, 9, 0))
    Submission.objects.filter(pk=sub_a.pk).update(status="submitted", submitted_at=first)
    event = SubmissionEvent.objects.create(submission=sub_a, actor=reporter_a,
                                           from_status="returned", to_status="submitted")
    SubmissionEvent.objects.filter(pk=event.pk).update(
        at=timezone.make_aware(dt.datetime(2025, 7, 20, 14, 30)))
    waiting = _section(_home(planner_client), "waiting")
    assert "gửi lúc 14:30 20/07/2025" in waiting  # the latest sending
    assert "Biểu đã gửi chờ tiếp nhận (1)" in waiting
    assert f'href="{reverse("reporting:submission", args=[sub_a.pk])}">Sở A – ' in waiting
    late = re.search(r'<ul id="waiting-late">(.*?)</ul>', waiting, re.S).group(1)
    assert f'href="{reverse("reporting:completeness", args=[round_.code])}"' in late
    assert "1 biểu quá hạn chưa gửi" in late and "Sở B" in late and "Sở A" not in late


def test_office_sees_the_discrepancies_of_last_year(planner_client, province, commune):
    indicator = IndicatorFactory(code="POP", aggregation="sum")
    for unit, value in ((commune, "1000"), (province, "1500")):
        Value.objects.create(indicator=indicator, unit=unit, period=str(LAST_YEAR),
                             year=LAST_YEAR, end_year=LAST_YEAR, kind="actual",
                             value=Decimal(value))
    waiting = _section(_home(planner_client), "waiting")
    assert f"1 số liệu năm {LAST_YEAR} khác tổng của các đơn vị cấp dưới" in waiting
    assert f"?year={LAST_YEAR}&amp;only_discrepancies=on" in waiting


@pytest.mark.parametrize("client_name", ["anon_client", "reporter_a_client"])
def test_waiting_work_is_the_office_s_only(request, client_name, sub_a):
    body = _home(request.getfixturevalue(client_name))
    assert 'id="waiting"' not in body


def _menu(body: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Chức năng">(.*?)</nav>', body, re.S).group(1)
    return re.findall(r">([^<]+)</a>", nav)


def test_menu_of_each_role_leads_somewhere(anon_client, reporter_a_client, planner_client,
                                           leader_client, unit_a):
    assert _menu(_home(anon_client)) == ["Tình hình thực hiện", "Kế hoạch", "Lấy ý kiến"]
    reporter = _menu(_home(reporter_a_client))
    assert "Đánh giá" not in reporter and "Kỳ báo cáo" not in reporter
    assert reporter[:2] == ["Kế hoạch", "Biểu mẫu"]
    plan = PlanFactory(code="KH-5N", status="approved")
    TargetFactory(plan=plan, unit=unit_a)
    assert "Đánh giá" in _menu(_home(reporter_a_client))
    for client in (planner_client, leader_client):
        assert {"Bảng điều hành", "Đánh giá", "Kỳ báo cáo"} <= set(_menu(_home(client)))
    assert "Bảng điều hành" not in reporter
    assert "Đọc chỉ tiêu" in _menu(_home(planner_client))
    assert "Đọc chỉ tiêu" not in _menu(_home(leader_client))


@pytest.mark.parametrize("client_name", ["anon_client", "reporter_a_client", "planner_client",
                                         "leader_client"])
def test_every_menu_entry_answers_without_an_empty_room(request, client_name, unit_a):
    TargetFactory(plan=PlanFactory(code="KH-5N", status="approved"), unit=unit_a)
    client = request.getfixturevalue(client_name)
    body = _home(client)
    nav = re.search(r'<nav aria-label="Chức năng">(.*?)</nav>', body, re.S).group(1)
    for url in re.findall(r'href="([^"]+)"', nav):
        if url.startswith("/quan-tri/"):
            continue
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Chưa có kế hoạch nào bạn được xem đánh giá" not in page.content.decode(), url


@pytest.mark.parametrize(("client_name", "budget"), [
    # a reporter: + the targets to judge and the tasks to evaluate (issue 16)
    ("anon_client", 2), ("reporter_a_client", 12), ("planner_client", 11),
    ("leader_client", 28),  # the leaders' dashboard (pinned in test_leader.py)
])
def test_start_page_query_budget(request, client_name, budget, sub_a, sub_b):
    client = request.getfixturevalue(client_name)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert len(queries) <= budget, [q["sql"][:120] for q in queries]


def test_deadline_passed_today_is_not_late_yet(reporter_a_client, sub_a):
    Submission.objects.filter(pk=sub_a.pk).update(deadline=timezone.localdate() + dt.timedelta(1))
    todo = _section(_home(reporter_a_client), "todo")
    assert "Biểu cần điền và gửi" in todo and "trễ hạn" not in todo


def test_reporter_sees_its_unit_s_late_tasks(reporter_a_client, reporter_b_client, planner,
                                             province, unit_a):
    from kehoach.tasks import services as tasks

    plan = PlanFactory(code="KH-56", kind="master", start_year=2021, end_year=2030,
                       unit=province, status="approved")
    task = tasks.task_create(actor=planner, plan=plan, number="1", text="Lập đề án chuyển đổi số",
                             lead_unit=unit_a, deadline_text="Trước 30/6/2025", product="Đề án")
    link = f'href="{reverse("tasks:detail", args=[task.pk])}"'
    assert link in _home(reporter_a_client)  # the tasks app's card on the start page
    assert link not in _home(reporter_b_client)
