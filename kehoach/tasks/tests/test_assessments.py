"""The lead unit's own evaluation of a task assigned by a decision (hoàn thành / đúng tiến độ /
chậm tiến độ, with a sentence): service, pages, API, the programme's progress view."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from kehoach.core.models import AuditEntry
from kehoach.tasks.models import TaskAssessment
from kehoach.tasks.selectors import assessment_disagrees, tasks_to_assess, with_overdue
from kehoach.tasks.services import task_assess

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def decided(plan):
    plan.document = "1400/QĐ-UBND"
    plan.save()
    return plan


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _overdue(task):
    return with_overdue(type(task).objects.filter(pk=task.pk)).get()


def test_the_lead_unit_evaluates_with_history(decided, task_a, reporter_a):
    first = task_assess(task=task_a, year=YEAR, verdict="on_schedule", text="Đã có dự thảo",
                        actor=reporter_a)
    second = task_assess(task=task_a, year=YEAR, verdict="late", text="Chậm do chờ ý kiến Bộ",
                         actor=reporter_a)
    first.refresh_from_db()
    assert first.superseded_at is not None and second.superseded_at is None
    assert second.unit_id == task_a.lead_unit_id
    assert AuditEntry.objects.filter(action="task_assess").count() == 2
    [task] = tasks_to_assess(user=reporter_a, year=YEAR)
    assert task.assessment == second


def test_disagreement_with_the_record(decided, task_a, task_b, reporter_a, reporter_b):
    late = _overdue(task_a)  # due 30/6/2025, still open
    assert late.is_overdue
    on_time = task_assess(task=task_a, year=YEAR, verdict="on_schedule", text="Đúng tiến độ",
                          actor=reporter_a)
    assert assessment_disagrees(late, on_time)
    done = TaskAssessment(task=task_b, verdict="completed")
    assert assessment_disagrees(_overdue(task_b), done)  # the record says it is still open
    assert not assessment_disagrees(_overdue(task_b), TaskAssessment(task=task_b,
                                                                     verdict="on_schedule"))
    assert not assessment_disagrees(late, None)


@pytest.mark.parametrize(("changes", "field"), [
    ({"verdict": "xong"}, "verdict"),
    ({"text": "  "}, "text"),
    ({"text": "x" * 2001}, "text"),
    ({"year": 2020}, "year"),
])
def test_bad_input_is_refused(decided, task_a, reporter_a, changes, field):
    data = {"year": YEAR, "verdict": "late", "text": "Chậm", **changes}
    with pytest.raises(ValidationError) as exc:
        task_assess(task=task_a, actor=reporter_a, **data)
    assert field in exc.value.message_dict
    assert not TaskAssessment.objects.exists()


def test_only_the_lead_units_reporter(decided, task_a, reporter_b, planner, leader):
    for user in (reporter_b, planner, leader):  # B only coordinates
        with pytest.raises(PermissionDenied):
            task_assess(task=task_a, year=YEAR, verdict="late", text="x", actor=user)
    assert not TaskAssessment.objects.exists()


def test_only_tasks_of_a_named_decision_are_listed(plan, task_a, reporter_a):
    assert tasks_to_assess(user=reporter_a, year=YEAR) == []
    plan.document = "56/KH-UBND"
    plan.save()
    assert [t.pk for t in tasks_to_assess(user=reporter_a, year=YEAR)] == [task_a.pk]
    assert tasks_to_assess(user=reporter_a, year=2031) == []


def test_pages(decided, task_a, task_b, reporter_a_client, reporter_b_client, leader_client,
               planner_client, anon_client):
    body = reporter_a_client.get(f"/nhiem-vu/tu-danh-gia/?year={YEAR}").content.decode()
    assert "Lập đề án chuyển đổi số" in body and "1400/QĐ-UBND" in body
    assert "Rà soát quy hoạch ngành" not in body  # led by B
    assert f'action="/nhiem-vu/{task_a.pk}/tu-danh-gia/"' in body
    response = reporter_a_client.post(f"/nhiem-vu/{task_a.pk}/tu-danh-gia/", {
        "year": YEAR, "verdict": "on_schedule", "text": "Đã trình dự thảo"})
    assert response.status_code == 302 and f"#t-{task_a.pk}" in response["Location"]
    body = reporter_a_client.get(f"/nhiem-vu/tu-danh-gia/?year={YEAR}").content.decode()
    assert "khác với tình trạng ghi nhận" in body  # on schedule, yet overdue
    bad = reporter_a_client.post(f"/nhiem-vu/{task_a.pk}/tu-danh-gia/", {
        "year": YEAR, "verdict": "", "text": ""}, follow=True).content.decode()
    assert "Hãy chọn đánh giá." in bad and "Hãy ghi một câu nhận xét" in bad
    data = {"year": YEAR, "verdict": "late", "text": "x"}
    assert reporter_b_client.post(f"/nhiem-vu/{task_a.pk}/tu-danh-gia/", data).status_code == 403
    assert reporter_b_client.post(f"/nhiem-vu/{task_b.pk}/tu-danh-gia/", {
        "year": 2040, "verdict": "late", "text": "x"}, follow=True).status_code == 200
    assert leader_client.post(f"/nhiem-vu/{task_a.pk}/tu-danh-gia/", data).status_code == 403
    assert planner_client.post(f"/nhiem-vu/{task_a.pk}/tu-danh-gia/", data).status_code == 403
    assert anon_client.get("/nhiem-vu/tu-danh-gia/").status_code == 302
    assert reporter_a_client.get("/nhiem-vu/tu-danh-gia/?year=x").status_code == 400
    assert TaskAssessment.objects.count() == 1
    body = leader_client.get("/nhiem-vu/").content.decode()
    assert 'id="assessment-summary"' in body and "Đã trình dự thảo" in body
    assert "1 khác với tình trạng ghi nhận" in body
    detail = reporter_a_client.get(f"/nhiem-vu/{task_a.pk}/").content.decode()
    assert "Đã trình dự thảo" in detail and 'name="verdict"' in detail
    assert 'name="verdict"' not in leader_client.get(f"/nhiem-vu/{task_a.pk}/").content.decode()


def test_api(decided, task_a, reporter_a, reporter_b, leader):
    url = f"/api/v1/tasks/{task_a.pk}/assessments/"
    response = _client(reporter_a).post(url, {"year": YEAR, "verdict": "late",
                                              "text": "Chậm do chờ thẩm định"}, format="json")
    assert response.status_code == 201 and response.json()["verdict"] == "late"
    bad = _client(reporter_a).post(url, {"year": YEAR, "verdict": "done", "text": ""},
                                   format="json")
    assert bad.status_code == 400
    assert _client(reporter_b).post(url, {"year": YEAR, "verdict": "late", "text": "x"},
                                    format="json").status_code == 403
    assert _client(leader).post(url, {"year": YEAR, "verdict": "late", "text": "x"},
                                format="json").status_code == 403
    history = _client(leader).get(url).json()
    assert [i["verdict"] for i in history["items"]] == ["late"] and not history["disagrees"]
    listing = _client(reporter_a).get("/api/v1/tasks/assessments/", {"year": YEAR}).json()
    [item] = listing["items"]
    assert item["decision"] == "1400/QĐ-UBND" and item["assessment"]["text"].startswith("Chậm")
    assert _client(reporter_a).get("/api/v1/tasks/assessments/",
                                   {"year": "abc"}).status_code == 400
    assert APIClient().get("/api/v1/tasks/assessments/").status_code == 401
    assert TaskAssessment.objects.count() == 1


def test_start_page_lists_tasks_to_evaluate(decided, task_a, reporter_a, reporter_a_client,
                                            reporter_b_client, monkeypatch):
    import datetime as dt

    from django.utils import timezone
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(YEAR, 6, 1))
    body = reporter_a_client.get("/").content.decode()
    assert 'id="tasks-to-assess"' in body and "1 nhiệm vụ được giao theo quyết định" in body
    assert 'id="tasks-to-assess"' not in reporter_b_client.get("/").content.decode()
    task_assess(task=task_a, year=YEAR, verdict="late", text="Chậm", actor=reporter_a)
    assert 'id="tasks-to-assess"' not in reporter_a_client.get("/").content.decode()


def test_api_refuses_an_unknown_field(decided, task_a, reporter_a):
    """A misspelt field is named (400), not dropped while the assessment is stored."""
    response = _client(reporter_a).post(f"/api/v1/tasks/{task_a.pk}/assessments/", {
        "year": YEAR, "verdict": "late", "text": "Chậm", "txt": "x"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["txt"]
    assert not TaskAssessment.objects.exists()
