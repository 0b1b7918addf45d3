"""Phụ lục III proposals become the programme: accepted, merged, refused with a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from kehoach.projects.models import Project
from kehoach.reporting import services as reporting
from kehoach.reporting.tests.conftest import indicators, pl1, round_, templates  # noqa: F401
from kehoach.tasks import proposals
from kehoach.tasks.models import ProposalDecision, Task


@pytest.fixture
def items(round_, templates, unit_a, unit_b, planner, reporter_a):  # noqa: F811
    submission = reporting.round_assign(round=round_, units=[unit_a], templates=[templates["PL3"]],
                                        actor=planner)[0]
    reporting.proposal_save(submission=submission, actor=reporter_a, items=[
        {"kind": "task", "text": "Xây dựng đề án chuyển đổi số", "lead_unit": unit_a,
         "coordinating_units": [unit_b], "period": "2026-2030", "product": "Đề án"},
        {"kind": "task", "text": "Số hóa hồ sơ hành chính", "lead_unit": unit_b, "period": "2027"},
        {"kind": "project", "text": "Đường nối trung tâm tỉnh", "lead_unit": unit_a,
         "period": "2026-2030", "cost": 1500},
        {"kind": "task", "text": "Mua sắm xe công", "lead_unit": unit_a, "period": "2026"},
    ])
    reporting.submission_submit(submission=submission, actor=reporter_a)
    return list(submission.proposals.order_by("position"))


def test_accept_merge_refuse(items, plan, planner, unit_a, unit_b):
    digital, records, road, cars = items
    accepted = proposals.proposal_accept(proposal=digital, actor=planner, plan=plan)
    task = accepted.task
    assert (task.text, task.lead_unit, task.deadline_text, task.number) == (
        "Xây dựng đề án chuyển đổi số", unit_a, "2026-2030", "1")
    proposals.proposal_merge(proposals=[records], actor=planner, task=task)
    assert sorted(u.code for u in task.coordinating_units.all()) == ["SO-B"]
    project = proposals.proposal_accept(proposal=road, actor=planner, plan=plan, sector="Giao thông",
                                        funding_source="nsnn_dp").project
    assert (project.name, project.phase, project.total_investment) == (
        "Đường nối trung tâm tỉnh", "2026-2030", 1500)
    with pytest.raises(ValidationError, match="Hãy ghi lý do"):
        proposals.proposal_refuse(proposal=cars, actor=planner, reason=" ")
    proposals.proposal_refuse(proposal=cars, actor=planner, reason="Không thuộc phạm vi quy hoạch")
    with pytest.raises(ValidationError, match="đã được xử lý"):
        proposals.proposal_accept(proposal=cars, actor=planner, plan=plan)
    assert dict(ProposalDecision.objects.values_list("proposal__text", "decision")) == {
        "Xây dựng đề án chuyển đổi số": "accepted", "Số hóa hồ sơ hành chính": "merged",
        "Đường nối trung tâm tỉnh": "accepted", "Mua sắm xe công": "refused"}


def test_pages_unit_sees_reason_and_others_cannot_decide(items, plan, planner_client,
                                                         reporter_a_client, reporter_b_client):
    cars = items[3]
    url = reverse("tasks:proposal_refuse", args=[cars.pk])
    assert reporter_a_client.post(url, {"reason": "x"}).status_code == 404
    bad = planner_client.post(url, {"reason": ""})
    assert bad.status_code == 400 and "Hãy ghi lý do" in bad.content.decode()
    assert planner_client.post(url, {"reason": "Không thuộc phạm vi quy hoạch"}).status_code == 302
    accept = planner_client.post(reverse("tasks:proposal_accept", args=[items[0].pk]), {
        "plan": plan.code, "group": "key", "deadline_text": "Quý V/2026"})
    assert accept.status_code == 400 and "bốn quý" in accept.content.decode()
    assert not Task.objects.exists()
    body = reporter_a_client.get(reverse("tasks:proposals")).content.decode()
    assert "Không thuộc phạm vi quy hoạch" in body and "Mua sắm xe công" in body
    assert "Mua sắm xe công" not in reporter_b_client.get(reverse("tasks:proposals")).content.decode()


def test_api_decision(items, plan, planner, reporter_a):
    api = APIClient()
    api.force_authenticate(reporter_a)
    assert api.post(f"/api/v1/proposals/{items[2].pk}/decision/", {"decision": "refuse",
                    "reason": "x"}, format="json").status_code == 404
    listing = api.get("/api/v1/proposals/").json()
    assert listing["count"] == 4 and len(listing["results"]) == 4
    api.force_authenticate(planner)
    response = api.post(f"/api/v1/proposals/{items[2].pk}/decision/", {
        "decision": "accept", "plan": plan.code, "sector": "Giao thông",
        "funding_source": "ppp"}, format="json")
    assert response.status_code == 201 and response.json()["decision"] == "accepted"
    assert Project.objects.get().funding_source == "ppp"
