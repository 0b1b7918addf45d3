"""``GET /api/v1/plans/{code}/document/?number=&date=``: the plan as a draft .docx."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView

from kehoach.core import permissions
from kehoach.core.gate import gate
from kehoach.documents.plan_forms import PlanDocumentForm
from kehoach.documents.plan_views import plan_document_response
from kehoach.plans.selectors import plan_get_for_user


class PlanDocumentApi(APIView):
    """The plan itself ("KẾ HOẠCH Phát triển kinh tế - xã hội năm N") in the Decree 30 format,
    written from its targets, the programme's tasks and the projects, with the appendices
    (planning office)."""

    permission_classes = [gate(read=permissions.can_edit_plans)]

    @extend_schema(
        parameters=[
            OpenApiParameter("number", str, required=False, description="125 or 125/KH-UBND"),
            OpenApiParameter(
                "date",
                OpenApiTypes.DATE,
                required=False,
                description="YYYY-MM-DD or DD/MM/YYYY; blank: filled by hand",
            ),
        ],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, code: str) -> HttpResponse:
        plan = plan_get_for_user(user=request.user, code=code)
        form = PlanDocumentForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        return plan_document_response(plan, form)
