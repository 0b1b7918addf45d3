"""``/api/v1/tasks/…``: the action programme with the permissions of the pages.

Every logged-in user reads the tasks in scope (reporters: the tasks their units lead or
coordinate; others answer 404); the planning office creates and changes tasks (``version`` for
conflict detection: 409 when someone saved in between); the lead unit posts progress reports with
evidence files (multipart); the yearly duty lists who has not reported.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.fields import InputSerializer
from kehoach.core import permissions
from kehoach.core.gate import gate
from kehoach.plans.models import Target
from kehoach.plans.selectors import plan_find_for_user
from kehoach.tasks import services
from kehoach.tasks.models import ProgressReport, Task, TaskGroup, TaskStatus
from kehoach.tasks.selectors import (
    due_items_status,
    evidence_get_for_user,
    my_unit_tasks,
    task_get_for_user,
    task_list,
    task_reports,
)
from kehoach.units.models import Unit


class TaskSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    lead_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True)
    coordinating_units = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="code", many=True, read_only=True)
    targets = serializers.PrimaryKeyRelatedField(many=True, read_only=True)  # type: ignore[var-annotated]
    deadline = serializers.CharField(source="deadline_text", read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True, default=False)

    class Meta:
        model = Task
        fields = ("id", "plan", "number", "text", "group", "lead_unit", "lead_unit_name",
                  "coordinating_units", "deadline", "deadline_kind", "due_date", "start_date",
                  "product", "targets", "status", "overdue", "percent", "completed_on", "note",
                  "version", "updated_at")


class TaskInputSerializer(InputSerializer):
    plan = serializers.CharField(help_text="plan code (creation only)", required=False)
    number = serializers.CharField(max_length=16)
    text = serializers.CharField()
    group = serializers.ChoiceField(TaskGroup.choices, required=False)
    lead_unit = serializers.CharField(help_text="unit code or exact name")
    coordinating_units = serializers.ListField(child=serializers.CharField(), required=False,
                                               help_text="unit codes or names")
    deadline = serializers.CharField(max_length=120, help_text="as documents write it: "
                                     "Quý II/2025, Trước 30/6/2025, 2026-2030, Hằng năm, trước 20/10")
    product = serializers.CharField(max_length=400, required=False, allow_blank=True)
    targets = serializers.ListField(child=serializers.IntegerField(), required=False)
    status = serializers.ChoiceField(TaskStatus.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, help_text="the version you loaded")


class ReportSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    files = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = ("id", "unit", "date", "text", "percent", "files", "created_at")

    def get_files(self, report: ProgressReport) -> list[dict[str, Any]]:
        return [{"id": f.pk, "name": f.name, "size": f.size,
                 "url": f"/api/v1/evidence/{f.pk}/"} for f in report.files.all()]


class ReportInputSerializer(InputSerializer):
    unit = serializers.CharField(required=False, help_text="unit code (default: the lead unit)")
    date = serializers.DateField(required=False)
    text = serializers.CharField()
    percent = serializers.DecimalField(max_digits=6, decimal_places=2)
    files = serializers.ListField(child=serializers.FileField(), required=False)


def _unit(ref: str, field: str) -> Unit:
    from kehoach.units.selectors import unit_match, unit_not_found_message

    unit, suggestions = unit_match(ref=ref)
    if unit is None:
        raise ValidationError({field: unit_not_found_message(ref=ref, suggestions=suggestions)})
    return unit


def _task_input(request: Request, *, partial: bool) -> dict[str, Any]:
    serializer = TaskInputSerializer(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    if "deadline" in data:
        data["deadline_text"] = data.pop("deadline")
    if "lead_unit" in data:
        data["lead_unit"] = _unit(data["lead_unit"], "lead_unit")
    if "coordinating_units" in data:
        data["coordinating_units"] = [_unit(r, "coordinating_units")
                                      for r in data["coordinating_units"]]
    if "targets" in data:
        data["targets"] = list(Target.objects.filter(pk__in=data["targets"]))
    return data


@extend_schema(parameters=[OpenApiParameter(n, str) for n in
                           ("plan", "unit", "group", "status", "overdue", "q")])
class TaskListApi(generics.ListCreateAPIView):
    serializer_class = TaskSerializer
    permission_classes = [gate(write=permissions.can_edit_tasks)]

    def get_queryset(self):
        p = self.request.query_params
        plan = plan_find_for_user(user=self.request.user, code=p.get("plan", ""))
        unit = Unit.objects.filter(code=p.get("unit", "")).first() if p.get("unit") else None
        overdue = {"true": True, "1": True, "false": False, "0": False}.get(p.get("overdue", ""))
        return task_list(user=self.request.user, plan=plan, unit=unit, group=p.get("group", ""),
                         status=p.get("status", ""), overdue=overdue, q=p.get("q", ""))

    @extend_schema(request=TaskInputSerializer, responses={201: TaskSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _task_input(request, partial=False)
        data.pop("version", None)
        plan = plan_find_for_user(user=request.user, code=data.pop("plan", ""))
        if plan is None:
            raise ValidationError({"plan": _("Không có kế hoạch này.")})
        task = services.task_create(actor=request.user, plan=plan, **data)
        return Response(TaskSerializer(task_get_for_user(user=request.user, pk=task.pk)).data,
                        status=status.HTTP_201_CREATED)


class TaskDetailApi(generics.RetrieveUpdateAPIView):
    serializer_class = TaskSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self) -> Task:
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return task_get_for_user(user=self.request.user, pk=self.kwargs["pk"], write=write)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = self.get_object()
        data = _task_input(request, partial=kwargs.get("partial", False))
        data.pop("plan", None)
        version = data.pop("version", None)
        # a TaskConflict answers 409 naming who changed what (kehoach.api.errors)
        services.task_update(task=task, actor=request.user, version=version, **data)
        return Response(TaskSerializer(task_get_for_user(user=request.user, pk=task.pk)).data)

    @extend_schema(request=TaskInputSerializer, responses=TaskSerializer)
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().patch(request, *args, **kwargs)

    @extend_schema(request=TaskInputSerializer, responses=TaskSerializer)
    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().put(request, *args, **kwargs)


class TaskProgressApi(generics.ListCreateAPIView):
    serializer_class = ReportSerializer
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        return task_reports(task=task_get_for_user(user=self.request.user, pk=self.kwargs["pk"]))

    @extend_schema(request={"multipart/form-data": ReportInputSerializer},
                   responses={201: ReportSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = task_get_for_user(user=request.user, pk=self.kwargs["pk"], report=True)
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        unit = _unit(data["unit"], "unit") if data.get("unit") else task.lead_unit
        if not permissions.can_write_unit_data(request.user, unit.pk):
            raise permissions.refuse()
        report = services.progress_report_create(
            task=task, actor=request.user, unit=unit, text=data["text"], percent=data["percent"],
            date=data.get("date"), files=request.FILES.getlist("files"))
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)


class TaskDueItemsApi(APIView):
    """A yearly duty: who owes which report by when, and who has reported."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses=inline_serializer(
        "DueItem", {
            "year": serializers.IntegerField(), "unit": serializers.CharField(),
            "unit_name": serializers.CharField(), "kind": serializers.CharField(),
            "due_date": serializers.DateField(), "reported": serializers.BooleanField(),
            "reported_at": serializers.DateTimeField(allow_null=True),
        }, many=True))
    def get(self, request: Request, pk: int) -> Response:
        task = task_get_for_user(user=request.user, pk=pk)
        year = request.query_params.get("year", "")
        items = due_items_status(task=task, year=int(year) if year.isdigit() else None)
        return Response([{"year": i.year, "unit": i.unit.code, "unit_name": i.unit.name,
                          "kind": i.kind, "due_date": i.due_date, "reported": i.done_at is not None,
                          "reported_at": i.done_at} for i in items])


class MyTasksApi(APIView):
    """The tasks of the reporter's unit(s): late, due within 30 days, never reported."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=dict)
    def get(self, request: Request) -> Response:
        mine = my_unit_tasks(user=request.user)
        return Response({k: TaskSerializer(v, many=True).data for k, v in mine.items()})


class EvidenceApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "*/*"): OpenApiResponse(
        bytes, description="the evidence file as uploaded (PDF, image, Word, Excel…)")})
    def get(self, request: Request, pk: int) -> FileResponse:
        evidence = evidence_get_for_user(user=request.user, pk=pk)
        return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name,
                            content_type=evidence.content_type or "application/octet-stream")
