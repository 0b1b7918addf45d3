"""``/api/v1/rounds/``, ``/api/v1/forms/``, ``/api/v1/submissions/``: thin views over the
reporting selectors and services. Objects outside the user's scope answer 404."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.errors import error_response
from kehoach.api.fields import refuse_unknown_fields
from kehoach.api.params import choice_parameter, query_choice
from kehoach.core import permissions
from kehoach.core.constants import XLSX_CONTENT_TYPE
from kehoach.core.gate import gate
from kehoach.core.http import content_disposition
from kehoach.reporting import selectors, services, workflow
from kehoach.reporting.errors import CellProblems, TransitionRefused, VersionConflict
from kehoach.reporting.excel import FormRejected, export_form, import_form
from kehoach.reporting.exports import completeness_csv, completeness_xlsx
from kehoach.reporting.models import FormTemplate, Round, Submission, SubmissionStatus
from kehoach.reporting.serializers import (
    ActionSerializer,
    AssignSerializer,
    CellChangeSerializer,
    CopySerializer,
    FormTemplateSerializer,
    ProposalSerializer,
    ReturnSerializer,
    RoundSerializer,
    RoundWriteSerializer,
    SubmissionSerializer,
)
from kehoach.reporting.validation import submission_validate
from kehoach.units.models import Unit


def _valid(serializer_class: type, data: Any, **kwargs: Any) -> Any:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _refused(exc: Exception) -> Response:
    """The common error shape for the reporting errors that carry details."""
    if isinstance(exc, CellProblems):
        code, http = ("conflict", 409) if exc.is_conflict else ("invalid", 400)
        return error_response(code, "; ".join(exc.messages), http, {"cells": exc.problems})
    if isinstance(exc, VersionConflict):
        return error_response("conflict", "; ".join(exc.messages), 409)
    if isinstance(exc, FormRejected):
        return error_response("invalid", _("Tệp bị từ chối: %(n)s lỗi; không có gì được lưu.") % {
            "n": len(exc.errors)}, 400, {"errors": [e.as_dict() for e in exc.errors]})
    assert isinstance(exc, TransitionRefused)
    return error_response(exc.error_code, "; ".join(exc.messages), 400, {"issues": exc.issues})


class RoundListCreate(generics.ListAPIView):
    """Rounds the user may see; POST (planning office) creates one in draft."""

    permission_classes = [gate(write=permissions.can_manage_rounds)]
    serializer_class = RoundSerializer

    def get_queryset(self) -> QuerySet[Round]:
        return selectors.round_list_for_user(user=self.request.user).prefetch_related("milestones")

    @extend_schema(request=RoundWriteSerializer, responses={201: RoundSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(RoundWriteSerializer, request.data)
        round = services.round_create(actor=request.user, **data)
        return Response(RoundSerializer(round).data, status=status.HTTP_201_CREATED)


class RoundDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=RoundSerializer)
    def get(self, request: Request, code: str) -> Response:
        return Response(RoundSerializer(selectors.round_get_for_user(user=request.user,
                                                                     code=code)).data)

    @extend_schema(request=RoundWriteSerializer, responses=RoundSerializer)
    def patch(self, request: Request, code: str) -> Response:
        round = selectors.round_get_for_user(user=request.user, code=code, write=True)
        data = _valid(RoundWriteSerializer, request.data, partial=True)
        milestones = data.pop("milestones", None)
        round = services.round_update(round=round, actor=request.user, milestones=milestones,
                                      data=cast(services.RoundChanges, data))
        return Response(RoundSerializer(round).data)


class RoundAction(APIView):
    """POST ``open`` / ``close`` (planning office)."""

    permission_classes = [IsAuthenticated]
    action = ""

    @extend_schema(request=None, responses=RoundSerializer)
    def post(self, request: Request, code: str) -> Response:
        round = selectors.round_get_for_user(user=request.user, code=code, write=True)
        service = {"open": services.round_open, "close": services.round_close}[self.action]
        return Response(RoundSerializer(service(round=round, actor=request.user)).data)


class RoundCopy(APIView):
    """POST: a new draft round like this one, ``years`` later (default 1): years in its title,
    milestones and columns rolled, the same forms and units; ``code`` and ``title`` default to
    the proposal (the years rolled, the next free code)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=CopySerializer, responses={201: RoundSerializer})
    def post(self, request: Request, code: str) -> Response:
        source = selectors.round_get_for_user(user=request.user, code=code, write=True)
        data = _valid(CopySerializer, request.data)
        round = services.round_copy(source=source, actor=request.user, code=data.get("code", ""),
                                    title=data.get("title", ""), years=data["years"])
        return Response(RoundSerializer(round).data, status=status.HTTP_201_CREATED)


class RoundAssign(APIView):
    """POST units × forms (codes) with an optional deadline (default: the units' milestone)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=AssignSerializer, responses=SubmissionSerializer(many=True))
    def post(self, request: Request, code: str) -> Response:
        round = selectors.round_get_for_user(user=request.user, code=code, write=True)
        data = _valid(AssignSerializer, request.data)
        units = list(Unit.objects.filter(code__in=data["units"]))
        forms = list(FormTemplate.objects.filter(code__in=data["forms"]).order_by("code", "-version"))
        forms = list({f.code: f for f in reversed(forms)}.values())  # the newest version
        missing = sorted(set(data["units"]) - {u.code for u in units}) + sorted(
            set(data["forms"]) - {f.code for f in forms})
        if missing:
            raise ValidationError({"units": [_("Không tìm thấy: %(m)s") % {"m": ", ".join(missing)}]})
        result = services.round_assign(round=round, units=units, templates=forms,
                                       actor=request.user, deadline=data.get("deadline"))
        return Response(SubmissionSerializer(result, many=True).data, status=201)


DOWNLOADS = ["csv", "xlsx"]


class RoundCompleteness(APIView):
    """Units × forms: status, deadline, share of required cells filled, late; ``?download=csv``
    or ``xlsx`` downloads the table."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[choice_parameter("download", DOWNLOADS,
                                                "the table as a file instead of JSON")],
                   responses=OpenApiResponse(description="rows, totals and the on-time rate"))
    def get(self, request: Request, code: str) -> Response | HttpResponse:
        fmt = query_choice(request, "download", DOWNLOADS)  # refused before any work
        round = selectors.round_get_for_user(user=request.user, code=code)
        data = selectors.round_completeness(round=round,
                                            unit_ids=permissions.unit_scope_ids(request.user))
        if fmt == "csv":
            return HttpResponse(completeness_csv(data), content_type="text/csv; charset=utf-8",
                                headers={"Content-Disposition": content_disposition(f"{code}.csv")})
        if fmt == "xlsx":
            return HttpResponse(completeness_xlsx(round, data), content_type=XLSX_CONTENT_TYPE,
                                headers={"Content-Disposition": content_disposition(f"{code}.xlsx")})
        return Response(data)


class FormList(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = FormTemplateSerializer

    def get_queryset(self) -> QuerySet[FormTemplate]:
        return selectors.template_list()


class SubmissionList(generics.ListAPIView):
    """Submissions in the user's scope (filters ``round`` code, ``status``)."""

    permission_classes = [IsAuthenticated]
    serializer_class = SubmissionSerializer

    def get_queryset(self) -> QuerySet[Submission]:
        params = self.request.query_params
        round = None
        if params.get("round"):
            try:
                round = selectors.round_get_for_user(user=self.request.user, code=params["round"])
            except Http404:
                return Submission.objects.none()
        status_ = params.get("status")
        if status_ is not None and status_ not in SubmissionStatus.values:  # ``status=`` too
            raise ValidationError({"status": [_("Trạng thái phải là một trong: %(s)s.") % {
                "s": ", ".join(SubmissionStatus.values)}]})
        return selectors.submission_list_for_user(user=self.request.user, round=round,
                                                  status=status_ or None)

    @extend_schema(parameters=[OpenApiParameter("round", str),
                               OpenApiParameter("status", str, enum=SubmissionStatus.values)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def submission_detail(submission: Submission) -> dict[str, Any]:
    grid = selectors.submission_grid(submission=submission)
    checks = submission_validate(submission=submission, grid=grid)
    return {
        **SubmissionSerializer(submission).data,
        "columns": [{"key": gc.column.key, "label": gc.label, "period": gc.period,
                     "source": gc.column.source, "value_kind": gc.column.value_kind}
                    for gc in grid.columns],
        "row_scope": submission.round.row_scope,
        "rows": [{"id": r.pk, "number": r.number, "ref": grid.ref(r), "label": r.label,
                  "required": r.required, "answered": grid.answers(r),
                  "responsible": [u.code for u in grid.duty.owners_of(r)] if grid.duty else [],
                  "indicator": r.indicator.code if r.indicator else None,
                  "cells": {k: {"value": c.value, "note": c.note, "version": c.version,
                                "editable": c.editable, "updated_by": c.updated_by}
                            for (rid, k), c in grid.cells.items() if rid == r.pk}}
                 for r in grid.rows],
        "proposals": [{**ProposalSerializer(p).data, "position": p.position}
                      for p in submission.proposals.select_related("lead_unit")
                      .prefetch_related("coordinating_units")],
        "errors": [i.as_dict() for i in checks["errors"]],
        "warnings": [i.as_dict() for i in checks["warnings"]],
        "comments": [{"row": c.row_id, "column": c.column.key if c.column else None,
                      "section": c.section.key if c.section else None,
                      "text": c.text, "author": str(c.author or ""), "at": c.at}
                     for c in submission.comments.select_related("author", "column", "section")],
        "events": [{"from": e.from_status, "to": e.to_status, "actor": str(e.actor or ""),
                    "at": e.at, "comment": e.comment}
                   for e in submission.events.select_related("actor")],
    }


class SubmissionDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiResponse(description="the submission with its grid"))
    def get(self, request: Request, pk: int) -> Response:
        return Response(submission_detail(selectors.submission_get_for_user(user=request.user,
                                                                            pk=pk)))


class SubmissionCells(APIView):
    """PATCH a list of ``{row, column, value, note, version}``; 409 when a cell changed since."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=CellChangeSerializer(many=True),
                   responses={200: OpenApiResponse(description="the submission with its grid"),
                              409: OpenApiResponse(description="conflict: current values")})
    def patch(self, request: Request, pk: int) -> Response:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk, write=True)
        if not isinstance(request.data, list):
            raise ValidationError({"cells": [_("Gửi một danh sách các ô.")]})
        changes = _valid(CellChangeSerializer, request.data, many=True)
        try:
            services.cell_save(submission=submission, changes=changes, actor=request.user,
                               source="api")
        except CellProblems as exc:
            return _refused(exc)
        submission.refresh_from_db()
        return Response(submission_detail(submission))


class SubmissionProposals(APIView):
    """PUT the whole list of Phụ lục III lines (tasks and projects the unit proposes)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ProposalSerializer(many=True),
                   responses=OpenApiResponse(description="the submission with its proposals"))
    def put(self, request: Request, pk: int) -> Response:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk, write=True)
        if not isinstance(request.data, list):
            raise ValidationError({"proposals": [_("Gửi một danh sách các đề xuất.")]})
        items = _valid(ProposalSerializer, request.data, many=True)
        services.proposal_save(submission=submission, items=[dict(i) for i in items],
                               actor=request.user)
        submission.refresh_from_db()
        return Response(submission_detail(submission))


class SubmissionAction(APIView):
    """POST ``submit`` (or resubmit after a return), ``return``, ``accept``, ``reopen``: a move of
    ``workflow.TRANSITIONS``; 404 for a submission the user may not see, 403 without the role."""

    permission_classes = [IsAuthenticated]
    action = ""

    @extend_schema(request=ActionSerializer, responses=SubmissionSerializer)
    def post(self, request: Request, pk: int) -> Response:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk)
        action = workflow.action_for(self.action, submission.status)
        if not workflow.has_role(request.user, submission, action):
            raise permissions.refuse()
        serializer = ReturnSerializer if self.action == "return" else ActionSerializer
        data = _valid(serializer, request.data)
        try:
            services.submission_transition(
                submission=submission, action=action, actor=request.user,
                expected_version=data.get("version"), comment=data.get("comment", ""),
                cell_comments=data.get("cell_comments"))
        except (TransitionRefused, VersionConflict) as exc:
            return _refused(exc)
        submission.refresh_from_db()
        return Response(SubmissionSerializer(submission).data)


class SubmissionXlsx(APIView):
    """GET the form as .xlsx; PUT (raw body) or POST (multipart ``file``) a filled one."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiResponse(description=".xlsx file")})
    def get(self, request: Request, pk: int) -> HttpResponse:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk)
        name = f"{submission.round.code}_{submission.unit.code}_{submission.template.code}.xlsx"
        return HttpResponse(export_form(submission=submission), content_type=XLSX_CONTENT_TYPE,
                            headers={"Content-Disposition": content_disposition(name)})

    def _upload(self, request: Request, pk: int, data: bytes | None) -> Response:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk, write=True)
        if data is None:
            refuse_unknown_fields(request.data, ["file"])
            upload = request.FILES.get("file")
            if upload is None:
                raise ValidationError({"file": [_("Chưa chọn tệp .xlsx.")]})
            # a file over the limit is refused by import_form without reading all of it
            data = upload.read(settings.KEHOACH_MAX_UPLOAD_BYTES + 1)
        try:
            result = import_form(data=data, actor=request.user, submission=submission)
        except FormRejected as exc:
            return _refused(exc)
        submission.refresh_from_db()
        return Response({**submission_detail(submission), "changed": result["changed"]})

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary"}}, "additionalProperties": False}},
        responses=OpenApiResponse(description="the submission with its grid"))
    def post(self, request: Request, pk: int) -> Response:
        return self._upload(request, pk, None)

    @extend_schema(request={XLSX_CONTENT_TYPE: {"type": "string", "format": "binary"}},
                   responses=OpenApiResponse(description="the submission with its grid"))
    def put(self, request: Request, pk: int) -> Response:
        """The raw body is the file (Content-Type: the .xlsx type)."""
        return self._upload(request, pk, request.body)
