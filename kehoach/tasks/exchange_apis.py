"""``/api/v1/plans/{code}/tasks/import/`` and ``…/projects/import/`` (multipart ``file``,
``dry_run``, ``locale``: the planning office; all or nothing, the same handlers as the pages and
``kehoach import_tasks`` / ``import_projects``), and ``…/tasks/export/`` and
``…/projects/export/`` (``?type=xlsx|docx``; projects ``&year=``; not ``format``, which DRF
keeps for content negotiation)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.exports import ExchangeExportApi, export_schema, query_text
from kehoach.api.fields import InputSerializer
from kehoach.core import permissions
from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.files import read_upload
from kehoach.core.http import OFFICE_TYPES, office_download
from kehoach.plans.models import Plan
from kehoach.plans.selectors import plan_get_for_user
from kehoach.projects.importing import PROJECT_SPEC
from kehoach.projects.selectors import project_rows
from kehoach.tasks.importing import TASK_SPEC
from kehoach.tasks.programme import PROJECTS, TASKS
from kehoach.tasks.selectors import task_rows


class ProgrammeImportRequestSerializer(InputSerializer):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=False)
    locale = serializers.ChoiceField(choices=["auto", "vi", "en"], default="auto")


def _year_errors(text: str) -> list[str]:
    """The message of a ``year`` parameter that is not a year (none for an empty one)."""
    if not text or (text.isdigit() and YEAR_MIN <= int(text) <= YEAR_MAX):
        return []
    return [_("Năm phải là số từ %(a)s đến %(b)s.") % {"a": YEAR_MIN, "b": YEAR_MAX}]


def _plan(request: Request, code: str) -> Plan:
    """The plan through its access helper: a plan the caller may not see is 404."""
    return plan_get_for_user(user=request.user, code=code)


class ProgrammeImportApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]
    table = TASKS

    @extend_schema(request=ProgrammeImportRequestSerializer,
                   responses={200: dict, 400: OpenApiResponse(description="error shape")})
    def post(self, request: Request, code: str) -> Response:
        if not permissions.can_edit_tasks(request.user):
            raise PermissionDenied
        plan = _plan(request, code)
        form = ProgrammeImportRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        result = self.table.importer(data=read_upload(upload), filename=upload.name, plan=plan,
                                     actor=request.user, dry_run=form.validated_data["dry_run"],
                                     locale=form.validated_data["locale"])
        if result.ok:
            return Response(result.as_dict())
        error = {"code": "invalid_file", "message": result.summary(),
                 "fields": {"file": [str(e) for e in result.errors]}}
        return Response({"error": error, "result": result.as_dict()},
                        status=status.HTTP_400_BAD_REQUEST)


class ProjectImportApi(ProgrammeImportApi):
    table = PROJECTS


class ProgrammeExportApi(APIView):
    permission_classes = [IsAuthenticated]
    table = TASKS

    @extend_schema(parameters=[OpenApiParameter("type", str, enum=["xlsx", "docx"]),
                               OpenApiParameter("year", int)],
                   responses={(200, OFFICE_TYPES["xlsx"]): bytes,
                              (200, OFFICE_TYPES["docx"]): bytes})
    def get(self, request: Request, code: str) -> HttpResponse:
        plan = _plan(request, code)
        if not self.table.can_download(request.user):
            raise permissions.deny()
        fmt = request.query_params.get("type", "xlsx")
        year_text = request.query_params.get("year", "")
        errors = {}
        if fmt not in OFFICE_TYPES:
            errors["type"] = [_("Kiểu tệp phải là xlsx hoặc docx.")]
        if year_errors := _year_errors(year_text):
            errors["year"] = year_errors
        if errors:
            raise ValidationError(errors)
        data = self.table.document(plan=plan, fmt=fmt, year=int(year_text) if year_text else None)
        return office_download(data, self.table.file_name(plan, fmt))


class ProjectExportApi(ProgrammeExportApi):
    table = PROJECTS


def _export_plan(request: Request) -> Plan:
    code = query_text(request, "plan")
    if not code:
        raise ValidationError({"plan": [_("Cần mã kế hoạch (?plan=…).")]})
    return plan_get_for_user(user=request.user, code=code)


@export_schema(summary="A plan's tasks as the task table that import_tasks reads",
               parameters=[OpenApiParameter("plan", str, required=True, description="plan code")])
class TaskExportApi(ExchangeExportApi):
    columns = TASK_SPEC.columns

    def file_name(self, request: Request) -> str:
        return f"nhiem-vu-{query_text(request, 'plan')}"

    def rows(self, request: Request) -> Any:
        plan = _export_plan(request)
        if not permissions.is_province_wide(request.user):
            raise permissions.deny()
        return task_rows(plan=plan)


@export_schema(summary="A plan's projects as the project table that import_projects reads",
               parameters=[OpenApiParameter("plan", str, required=True, description="plan code"),
                           OpenApiParameter("year", int, description="capital plan year")])
class ProjectExportCsvApi(ExchangeExportApi):
    columns = PROJECT_SPEC.columns

    def file_name(self, request: Request) -> str:
        return f"du-an-{query_text(request, 'plan')}"

    def rows(self, request: Request) -> Any:
        plan = _export_plan(request)
        if not permissions.can_see_projects(request.user):
            raise permissions.deny()
        year = query_text(request, "year")
        if year_errors := _year_errors(year):
            raise ValidationError({"year": year_errors})
        return project_rows(plan=plan, year=int(year) if year else None)
