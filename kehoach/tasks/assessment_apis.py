"""``/api/v1/tasks/assessments/`` and ``/api/v1/tasks/{id}/assessments/``: the lead units' own
evaluation of the tasks assigned to them by a decision."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.fields import InputSerializer, refuse_fields_outside
from kehoach.core import permissions
from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.gate import gate
from kehoach.tasks.forms import AssessmentForm
from kehoach.tasks.models import TaskAssessment
from kehoach.tasks.selectors import (
    assessment_disagrees,
    assessment_history,
    task_get_for_user,
    tasks_to_assess,
)
from kehoach.tasks.services import task_assess

VERDICTS = ["completed", "on_schedule", "late"]


def assessment_json(a: TaskAssessment) -> dict[str, Any]:
    return {"id": a.pk, "task": a.task_id, "year": a.year, "unit": a.unit.code,
            "verdict": a.verdict, "text": a.text, "by": a.by.username if a.by else None,
            "at": a.at.isoformat(), "current": a.superseded_at is None}


AssessmentOut = inline_serializer("TaskAssessment", {
    "id": serializers.IntegerField(), "task": serializers.IntegerField(),
    "year": serializers.IntegerField(), "unit": serializers.CharField(),
    "verdict": serializers.ChoiceField(choices=VERDICTS), "text": serializers.CharField(),
    "by": serializers.CharField(allow_null=True), "at": serializers.DateTimeField(),
    "current": serializers.BooleanField(),
})


class AssessmentInput(InputSerializer):
    year = serializers.IntegerField()
    verdict = serializers.ChoiceField(choices=VERDICTS,
                                      help_text="hoàn thành / đúng tiến độ / chậm tiến độ")
    text = serializers.CharField()


class AssessmentListApi(APIView):
    """The tasks assigned by a named decision to the user's unit(s) (every lead unit's for the
    planning office and leaders) in force in ``year``, each with the computed status and
    lateness, the lead unit's current evaluation and whether the two disagree."""

    @extend_schema(operation_id="tasks_assessments_list",
                   parameters=[OpenApiParameter("year", int, required=False)],
                   responses=inline_serializer("TaskAssessmentRows", {
                       "year": serializers.IntegerField(),
                       "items": serializers.ListField(child=serializers.DictField())}))
    def get(self, request: Request) -> Response:
        raw = str(request.query_params.get("year", "")).strip()
        if raw and not (raw.isdigit() and YEAR_MIN <= int(raw) <= YEAR_MAX):
            raise ValidationError({"year": [_("Năm phải là một số, ví dụ 2025.")]})
        year = int(raw) if raw else timezone.localdate().year
        tasks = tasks_to_assess(user=request.user, year=year)
        return Response({"year": year, "items": [{
            "task": t.pk, "number": t.number, "text": t.text, "plan": t.plan.code,
            "decision": t.plan.document, "lead_unit": t.lead_unit.code, "status": t.status,
            "overdue": bool(t.is_overdue),
            "assessment": assessment_json(t.assessment) if t.assessment else None,
            "disagrees": t.disagrees} for t in tasks]})


class TaskAssessmentApi(APIView):
    """GET: the task's evaluations by its lead unit, newest first (with the superseded ones).
    POST: the lead unit's reporter evaluates the task for a year."""

    permission_classes = [gate(write=permissions.is_reporter)]

    @extend_schema(operation_id="task_assessments_retrieve",
                   responses=inline_serializer("TaskAssessments", {
        "task": serializers.IntegerField(), "disagrees": serializers.BooleanField(),
        "items": serializers.ListField(child=AssessmentOut)}))
    def get(self, request: Request, pk: int) -> Response:
        task = task_get_for_user(user=request.user, pk=pk)
        history = list(assessment_history(task=task))
        current = next((a for a in history if a.superseded_at is None), None)
        return Response({"task": task.pk, "disagrees": assessment_disagrees(task, current),
                         "items": [assessment_json(a) for a in history]})

    @extend_schema(request=AssessmentInput, responses={201: AssessmentOut})
    def post(self, request: Request, pk: int) -> Response:
        task = task_get_for_user(user=request.user, pk=pk)
        if not permissions.can_assess_task(request.user, task):
            raise permissions.refuse()
        raw = request.data.dict() if hasattr(request.data, "dict") else dict(request.data)
        refuse_fields_outside(AssessmentInput, raw)
        form = AssessmentForm(raw)
        if not form.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        data = form.cleaned_data
        assessment = task_assess(task=task, year=data["year"], verdict=data["verdict"],
                                 text=data["text"], actor=request.user)
        return Response(assessment_json(assessment), status=status.HTTP_201_CREATED)
