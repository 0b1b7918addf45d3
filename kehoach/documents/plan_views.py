"""The plan document (``/van-ban/ke-hoach/<code>/``): the draft "KẾ HOẠCH Phát triển kinh tế -
xã hội năm N" of a plan as .docx, for the planning office to edit and submit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kehoach.core import permissions
from kehoach.core.gate import role_required
from kehoach.core.http import content_disposition
from kehoach.documents.plan_forms import PlanDocumentForm
from kehoach.documents.reports.plan_document import plan_document_docx, plan_document_filename
from kehoach.plans.models import Plan
from kehoach.plans.selectors import plan_get_for_user

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def plan_document_response(plan: Plan, form: PlanDocumentForm) -> HttpResponse:
    """The .docx of a valid ``form``."""
    data = plan_document_docx(
        plan=plan,
        date=form.cleaned_data.get("date"),
        number_text=form.cleaned_data.get("number") or "",
    )
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = content_disposition(plan_document_filename(plan))
    return response


def _page(request: HttpRequest, plan: Plan, form: PlanDocumentForm, status: int = 200):
    return render(
        request, "documents/plan_document.html", {"plan": plan, "form": form}, status=status
    )


@role_required(permissions.can_edit_plans)
@require_GET
def plan_document_page(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, code=code)
    return _page(request, plan, PlanDocumentForm())


@role_required(permissions.can_edit_plans)
@require_GET
def plan_document(request: HttpRequest, code: str) -> HttpResponse:
    """The file; a bad number or date: the page again with the message (400)."""
    plan = plan_get_for_user(user=request.user, code=code)
    form = PlanDocumentForm(request.GET)
    if not form.is_valid():
        return _page(request, plan, form, status=400)
    return plan_document_response(plan, form)
