"""No lost data: plans, targets, tasks and projects refuse a stale save (409 naming who changed
what), through the API and the pages, and under real concurrent requests on PostgreSQL."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from kehoach.core.models import AuditEntry
from kehoach.plans import services as plan_services
from kehoach.plans.models import Plan, Target
from kehoach.projects import services as project_services
from kehoach.projects.models import Project
from kehoach.tasks import services as task_services
from kehoach.tasks.models import Task
from kehoach.testing.factories import IndicatorFactory, PlanFactory

#: kind → (field changed through the API, its label in the conflict message)
FIELDS = {"plan": ("name", "tên"), "target": ("note", "ghi chú"), "task": ("text", "nhiệm vụ"),
          "project": ("name", "tên dự án")}


def _make(kind: str, planner, province, unit_a):
    plan = PlanFactory(code="KH-CC", name="Kế hoạch", unit=province, start_year=2021,
                       end_year=2030, status="approved")
    if kind == "plan":
        return plan, "/api/v1/plans/KH-CC/"
    if kind == "target":
        target = plan_services.target_create(
            actor=planner, plan=plan, indicator=IndicatorFactory(code="GRDP", unit="%"),
            unit=province, period="2030", comparator="above", value=Decimal("7.5"))
        return target, f"/api/v1/targets/{target.pk}/"
    if kind == "task":
        task = task_services.task_create(actor=planner, plan=plan, number="1", text="Lập đề án",
                                         lead_unit=unit_a, deadline_text="Quý IV/2030")
        return task, f"/api/v1/tasks/{task.pk}/"
    project = project_services.project_create(
        actor=planner, plan=plan, name="Đường tỉnh", sector="Giao thông",
        funding_source="nsnn_tw", phase="2021-2025")
    return project, f"/api/v1/projects/{project.pk}/"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _value(obj, field: str) -> str:
    obj.refresh_from_db()
    return getattr(obj, field)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(FIELDS))
def test_second_writer_gets_409_naming_who_changed_what(kind, planner, admin_user, province,
                                                        unit_a):
    obj, url = _make(kind, planner, province, unit_a)
    field, label = FIELDS[kind]
    loaded = _client(planner).get(url).json()
    assert loaded["version"] == 1
    first = _client(admin_user).patch(url, {field: "Sửa bởi quản trị", "version": 1},
                                      format="json")
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 2
    audits = AuditEntry.objects.count()
    second = _client(planner).patch(url, {field: "Sửa bởi phòng kế hoạch", "version": 1},
                                    format="json")
    assert second.status_code == 409
    error = second.json()["error"]
    assert error["code"] == "conflict"
    assert admin_user.username in error["message"] and label in error["message"]
    assert error["conflict"]["changed_by"] == admin_user.username
    assert error["conflict"]["fields"] == [field] and error["conflict"]["version"] == 2
    assert _value(obj, field) == "Sửa bởi quản trị" and obj.version == 2
    assert AuditEntry.objects.count() == audits  # nothing stored, nothing audited
    again = _client(planner).patch(url, {field: "Sửa lại sau khi tải", "version": 2},
                                   format="json")
    assert again.status_code == 200 and again.json()["version"] == 3


@pytest.mark.django_db
@pytest.mark.parametrize("version", [0, -1, "hai"])
def test_bad_version_is_a_400_and_stores_nothing(version, planner, province, unit_a):
    plan, url = _make("plan", planner, province, unit_a)
    response = _client(planner).patch(url, {"name": "Tên mới", "version": version},
                                      format="json")
    assert response.status_code == 400
    assert "version" in response.json()["error"]["fields"]
    assert _value(plan, "name") == "Kế hoạch" and plan.version == 1


@pytest.mark.django_db
def test_unchanged_save_keeps_the_version(planner, province, unit_a):
    plan, url = _make("plan", planner, province, unit_a)
    response = _client(planner).patch(url, {"name": "Kế hoạch", "version": 1}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 1


@pytest.mark.django_db
def test_plan_page_shows_the_conflict_and_keeps_the_other_save(client, planner, admin_user,
                                                                 province):
    plan = PlanFactory(code="KH-CC", name="Kế hoạch", unit=province, start_year=2021,
                       end_year=2030, status="approved")
    client.force_login(planner)
    page = client.get("/ke-hoach/KH-CC/sua/")
    assert 'name="version" value="1"' in page.content.decode()
    plan_services.plan_update(plan=Plan.objects.get(pk=plan.pk), actor=admin_user,
                              data={"goal": "Mục tiêu của quản trị"})
    form = {"code": "KH-CC", "name": "Tên của phòng kế hoạch", "kind": plan.kind,
            "start_year": 2021, "end_year": 2030, "unit": province.code, "status": "approved",
            "goal": "", "version": 1}
    response = client.post("/ke-hoach/KH-CC/sua/", form)
    assert response.status_code == 409
    text = response.content.decode()
    assert admin_user.username in text and "mục tiêu tổng quát" in text
    plan.refresh_from_db()
    assert plan.name == "Kế hoạch" and plan.goal == "Mục tiêu của quản trị" and plan.version == 2


@pytest.mark.django_db
def test_target_page_edit_sends_and_checks_the_version(client, planner, admin_user, province,
                                                       unit_a):
    target, _url = _make("target", planner, province, unit_a)
    client.force_login(planner)
    page = client.get(f"/ke-hoach/KH-CC/chi-tieu/{target.pk}/sua/")
    assert 'name="edit-version"' in page.content.decode()
    plan_services.target_update(target=Target.objects.get(pk=target.pk), actor=admin_user,
                                data={"note": "của quản trị"})
    form = {f"edit-{k}": v for k, v in {
        "indicator": "GRDP", "unit": province.code, "period": "2030", "comparator": "above",
        "value": "8", "target_type": "level", "version": 1}.items()}
    response = client.post(f"/ke-hoach/KH-CC/chi-tieu/{target.pk}/sua/", form)
    assert response.status_code == 409 and admin_user.username in response.content.decode()
    target.refresh_from_db()
    assert target.value == Decimal("7.5") and target.note == "của quản trị"


# --- real concurrent requests (PostgreSQL: the second writer waits on the row lock) ------------

WRITERS = 6


def _race(url: str, field: str, users) -> list[tuple[int, str]]:
    barrier = threading.Barrier(len(users))
    results: list[tuple[int, str]] = [(0, "")] * len(users)

    def write(i: int, user) -> None:
        try:
            client = _client(user)
            barrier.wait(timeout=30)
            response = client.patch(url, {field: f"Người thứ {i}", "version": 1}, format="json")
            results[i] = (response.status_code, f"Người thứ {i}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(i, u)) for i, u in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks of PostgreSQL")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", list(FIELDS))
def test_concurrent_saves_one_wins_the_others_get_409(kind, planner, admin_user, province,
                                                      unit_a):
    obj, url = _make(kind, planner, province, unit_a)
    field, _label = FIELDS[kind]
    users = [planner if i % 2 else admin_user for i in range(WRITERS)]
    results = _race(url, field, users)
    statuses = sorted(code for code, _v in results)
    assert statuses == [200] + [409] * (WRITERS - 1), results
    winner = next(value for code, value in results if code == 200)
    model = {"plan": Plan, "target": Target, "task": Task, "project": Project}[kind]
    stored = model.objects.get(pk=obj.pk)
    assert getattr(stored, field) == winner and stored.version == 2
    assert AuditEntry.objects.filter(object_type=model._meta.label_lower,
                                     object_id=str(obj.pk), action__endswith="update").count() == 1
