"""``GET /api/v1/plans/{code}/report/?year=&unit=&format=docx|xlsx|pdf`` (and the options the
report jobs take: ``number``, ``date``, ``signer_*``, ``recipients``): the plan report file; the
report jobs; the document templates."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.errors import error_response
from kehoach.api.fields import InputSerializer, refuse_fields_outside, refuse_unknown_fields
from kehoach.api.openapi import ErrorSerializer
from kehoach.core import permissions
from kehoach.core.gate import gate
from kehoach.documents import selectors
from kehoach.documents.forms import ApiComposeForm
from kehoach.documents.jobs import job_file
from kehoach.documents.models import DocumentTemplate, ReportJob
from kehoach.documents.reports import FORMATS, ConversionError
from kehoach.documents.reports.pdf import libreoffice_binary, missing_message
from kehoach.documents.reports.template import KINDS
from kehoach.documents.services import document_template_reset, document_template_upload
from kehoach.documents.tasks import report_job_start
from kehoach.documents.template_views import template_file
from kehoach.documents.views import attachment, report_file


class FileNegotiation(DefaultContentNegotiation):
    """``?format=`` names the report's file format here, not a DRF renderer: errors are JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


#: The options of ``ReportOptions`` as query parameters (checked by ``ApiComposeForm``, as the
#: report jobs' body is).
REPORT_OPTION_PARAMETERS = [
    OpenApiParameter("number", str, required=False,
                     description="Số: 125 (the issuer's symbol is added) or 125/BC-UBND"),
    OpenApiParameter("date", OpenApiTypes.DATE, required=False,
                     description="the report's date (also 29/01/2025); absent: left blank to "
                                 "fill by hand. The issuer is the body valid on this date "
                                 "(today when absent)"),
    OpenApiParameter("signer_name", str, required=False,
                     description="absent: the issuer's usual signer"),
    OpenApiParameter("signer_title", str, required=False, description="e.g. PHÓ CHỦ TỊCH"),
    OpenApiParameter("signer_deputy", str, required=False, allow_blank=True,
                     description='"KT. CHỦ TỊCH"; empty when the head signs; absent: the '
                                 "issuer's default"),
    OpenApiParameter("recipients", {"type": "array", "items": {"type": "string"}},
                     required=False, explode=True,
                     description="Nơi nhận, one parameter each; absent: the issuer's usual list"),
]


class PlanReportApi(APIView):
    """The report on the plan's targets for a year ("Báo cáo tình hình thực hiện các chỉ tiêu"):
    Word in the Decree 30 format with its appendix, the appendix in Excel, or PDF."""

    permission_classes = [IsAuthenticated]
    content_negotiation_class = FileNegotiation

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=False),
                    OpenApiParameter("unit", str, required=False),
                    OpenApiParameter("format", str, required=False, enum=["docx", "xlsx", "pdf"]),
                    *REPORT_OPTION_PARAMETERS],
        responses={**{(200, media): OpenApiTypes.BINARY for media in FORMATS.values()},
                   400: OpenApiResponse(ErrorSerializer, description="bad parameters or options "
                                        "(error.fields names each)"),
                   404: OpenApiResponse(ErrorSerializer,
                                        description="not found or outside the user's scope"),
                   503: OpenApiResponse(ErrorSerializer, description="the PDF could not be made")},
    )
    def get(self, request: Request, code: str) -> HttpResponse | Response:
        plan = selectors.report_plan_get_for_user(user=request.user, code=code)
        query: dict[str, Any] = {k: v for k, v in request.query_params.items() if k != "recipients"}
        if "recipients" in request.query_params:
            query["recipients"] = request.query_params.getlist("recipients")
        form = ApiComposeForm(_form_data(query))
        if not form.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        try:
            file = report_file(user=request.user, plan=plan, data=form.cleaned_data,
                               options=form.options())
        except ConversionError as exc:
            return error_response("conversion_failed", str(exc), 503)
        return attachment(file)


class ReportJobSerializer(serializers.Serializer):
    """A background report: its status, progress and, when done, where to download it."""

    id = serializers.UUIDField()
    plan = serializers.CharField(source="plan.code")
    year = serializers.IntegerField()
    unit = serializers.CharField(source="unit.code", allow_null=True, default=None)
    format = serializers.CharField()
    status = serializers.CharField()
    stage = serializers.CharField()
    percent = serializers.IntegerField()
    message = serializers.CharField()
    filename = serializers.CharField()
    size = serializers.IntegerField()
    options = serializers.JSONField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField()

    def get_url(self, job: ReportJob) -> str:
        return reverse("api-report-job", args=[job.pk])

    def get_file_url(self, job: ReportJob) -> str | None:
        return reverse("api-report-job-file", args=[job.pk]) if job.status == "done" else None


class ReportJobRequestSerializer(InputSerializer):
    """What to generate (documentation of the request body; checked by ``ApiComposeForm``)."""

    year = serializers.IntegerField(required=False)
    unit = serializers.CharField(required=False)
    format = serializers.ChoiceField(choices=["docx", "xlsx", "pdf"], required=False)
    number = serializers.CharField(required=False, help_text="125 or 125/BC-UBND")
    date = serializers.DateField(required=False, help_text="ISO date; absent: left blank")
    signer_name = serializers.CharField(required=False)
    signer_title = serializers.CharField(required=False)
    signer_deputy = serializers.CharField(required=False, allow_blank=True,
                                          help_text='"KT. CHỦ TỊCH"; "" when the head signs')
    recipients = serializers.ListField(child=serializers.CharField(), required=False)
    shortcomings = serializers.CharField(required=False, allow_blank=True)
    causes = serializers.CharField(required=False, allow_blank=True)
    lessons = serializers.CharField(required=False, allow_blank=True)
    solutions = serializers.CharField(required=False, allow_blank=True)
    proposals = serializers.CharField(required=False, allow_blank=True)


def _form_data(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValidationError({"detail": [_("Nội dung yêu cầu phải là một đối tượng JSON.")]})
    form_data = {k: v for k, v in data.items() if k != "recipients"}
    recipients = data.get("recipients")
    if recipients is not None:
        if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
            raise ValidationError({"recipients": [_("Nơi nhận phải là một danh sách chuỗi.")]})
        form_data["recipients"] = "\n".join(recipients)
    return form_data


class PlanReportJobsApi(APIView):
    """Generate the report in the background (with number, date, signer, recipients and the text
    of sections II–IV); poll the job, then download its file."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ReportJobRequestSerializer,
                   responses={202: ReportJobSerializer,
                              400: OpenApiResponse(description="bad parameters"),
                              404: OpenApiResponse(description="plan or unit not found or "
                                                               "outside the user's scope"),
                              503: OpenApiResponse(description="PDF asked, LibreOffice missing")})
    def post(self, request: Request, code: str) -> Response:
        plan = selectors.report_plan_get_for_user(user=request.user, code=code)
        refuse_fields_outside(ReportJobRequestSerializer, request.data)
        form = ApiComposeForm(_form_data(request.data))
        if not form.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        data = form.cleaned_data
        unit = selectors.report_unit_get_for_user(user=request.user, code=data.get("unit") or "")
        year = data.get("year") or selectors.report_default_year(plan)
        try:
            selectors.report_evaluation(plan=plan, year=year, unit=unit, user=request.user)
        except DjangoValidationError as exc:
            raise ValidationError({"year": exc.messages}) from exc
        if data["format"] == "pdf" and libreoffice_binary() is None:
            return error_response("libreoffice_missing", missing_message(), 503)
        job = report_job_start(user=request.user, plan=plan, year=year, unit=unit,
                               fmt=data["format"], options=form.options())
        return Response(ReportJobSerializer(job).data, status=202)


class ReportJobApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ReportJobSerializer,
                              404: OpenApiResponse(description="not found or not yours")})
    def get(self, request: Request, job_id: str) -> Response:
        job = selectors.report_job_get_for_user(user=request.user, job_id=job_id)
        return Response(ReportJobSerializer(job).data)


class ReportJobFileApi(APIView):
    permission_classes = [IsAuthenticated]
    content_negotiation_class = FileNegotiation

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY,
                              404: OpenApiResponse(description="not found, not yours or not "
                                                               "done yet")})
    def get(self, request: Request, job_id: str) -> FileResponse:
        job = selectors.report_job_get_for_user(user=request.user, job_id=job_id)
        path = job_file(job)
        if job.status != ReportJob.Status.DONE or not path.is_file():
            raise Http404
        return FileResponse(path.open("rb"), as_attachment=True, filename=job.filename,
                            content_type=job.content_type)


KIND_PARAMETER = OpenApiParameter(
    "kind", str, OpenApiParameter.PATH, enum=list(KINDS),
    description="the document kind (documents/reports/template.py KINDS); another: 404")


@extend_schema(parameters=[KIND_PARAMETER])
class DocumentTemplateApi(APIView):
    """The province's Word template (docxtpl) of a document kind: GET the one in use, PUT an
    edited one (multipart ``file``; refused with the reason when it does not render, the old one
    stays), DELETE to go back to the built-in one."""

    permission_classes = [gate(read=permissions.is_manager, write=permissions.is_manager)]
    parser_classes = [MultiPartParser]
    content_negotiation_class = FileNegotiation

    def _kind(self, kind: str) -> str:
        if kind not in DocumentTemplate.Kind.values:
            raise Http404
        return kind

    @extend_schema(responses={(200, FORMATS["docx"]): OpenApiTypes.BINARY,
                              404: OpenApiResponse(ErrorSerializer,
                                                   description="no such document kind")})
    def get(self, request: Request, kind: str) -> HttpResponse:
        return template_file(self._kind(kind))

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary"}}, "additionalProperties": False}},
        responses={200: OpenApiResponse(description="the template is in use"),
                   400: OpenApiResponse(description="the template does not render (why)")})
    def put(self, request: Request, kind: str) -> Response:
        kind = self._kind(kind)  # an unknown kind is 404 before the upload is looked at
        refuse_unknown_fields(request.data, ["file"])
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": [_("Hãy gửi tệp mẫu Word (.docx) trong trường file.")]})
        try:
            template = document_template_upload(kind=kind, data=upload.read(),
                                                filename=upload.name, actor=request.user)
        except DjangoValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        return Response({"kind": template.kind, "filename": template.filename,
                         "uploaded_at": template.uploaded_at})

    @extend_schema(responses={204: None})
    def delete(self, request: Request, kind: str) -> Response:
        document_template_reset(kind=self._kind(kind), actor=request.user)
        return Response(status=204)
