"""``GET /api/v1/plans/{code}/report/?year=&unit=&format=docx|xlsx|pdf``: the plan report file."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.errors import error_response
from kehoach.documents import selectors
from kehoach.documents.forms import ApiReportForm
from kehoach.documents.reports import ConversionError
from kehoach.documents.views import attachment, report_file


class FileNegotiation(DefaultContentNegotiation):
    """``?format=`` names the report's file format here, not a DRF renderer: errors are JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PlanReportApi(APIView):
    """The report on the plan's targets for a year ("Báo cáo tình hình thực hiện các chỉ tiêu"):
    Word in the Decree 30 format with its appendix, the appendix in Excel, or PDF."""

    permission_classes = [IsAuthenticated]
    content_negotiation_class = FileNegotiation

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=False),
                    OpenApiParameter("unit", str, required=False),
                    OpenApiParameter("format", str, required=False, enum=["docx", "xlsx", "pdf"])],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY,
                   400: OpenApiResponse(description="bad parameters"),
                   404: OpenApiResponse(description="not found or outside the user's scope"),
                   503: OpenApiResponse(description="the PDF could not be made")},
    )
    def get(self, request: Request, code: str) -> HttpResponse | Response:
        plan = selectors.report_plan_get_for_user(user=request.user, code=code)
        form = ApiReportForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        try:
            file = report_file(user=request.user, plan=plan, data=form.cleaned_data)
        except ConversionError as exc:
            return error_response("conversion_failed", str(exc), 503)
        return attachment(file)
