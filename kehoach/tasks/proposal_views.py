"""Phụ lục III proposals: the planning office accepts them into the programme, merges several
into one task or project, or refuses them with a reason; a unit sees its own and the decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.gate import role_required
from kehoach.core.http import AuthenticatedHttpRequest
from kehoach.projects.models import FundingSource, Project
from kehoach.tasks import proposals as services
from kehoach.tasks.forms import AcceptForm, MergeForm, RefuseForm
from kehoach.tasks.models import Task


@login_required
def proposals(request: AuthenticatedHttpRequest, status: int = 200,
              error: str = "") -> HttpResponse:
    items = services.proposals_for_user(user=request.user)
    can_edit = permissions.can_edit_tasks(request.user)
    return render(request, "tasks/proposals.html", {
        "pending": [i for i in items if not hasattr(i, "decision")],
        "decided": [i for i in items if hasattr(i, "decision")],
        "can_edit": can_edit, "accept_form": AcceptForm() if can_edit else None,
        "refuse_form": RefuseForm(), "sources": FundingSource.choices, "error": error,
    }, status=status)


def _fail(request: AuthenticatedHttpRequest, exc: ValidationError) -> HttpResponse:
    return proposals(request, status=400, error=" ".join(exc.messages))


@login_required
@require_POST
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = services.proposal_get_for_manager(user=request.user, pk=pk)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return _fail(request, ValidationError([e for errs in form.errors.values() for e in errs]))
    try:
        services.proposal_accept(proposal=proposal, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _fail(request, exc)
    messages.success(request, _("Đã đưa đề xuất vào chương trình."))
    return redirect("tasks:proposals")


@login_required
@require_POST
def refuse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = services.proposal_get_for_manager(user=request.user, pk=pk)
    try:
        services.proposal_refuse(proposal=proposal, actor=request.user,
                                 reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        return _fail(request, exc)
    messages.success(request, _("Đã ghi lý do không đưa đề xuất vào chương trình."))
    return redirect("tasks:proposals")


@role_required(permissions.can_edit_tasks)
@require_POST
def merge(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = MergeForm(request.POST)
    ids = [int(i) for i in request.POST.getlist("proposal") if i.isdigit()]
    chosen = [services.proposal_get_for_manager(user=request.user, pk=i) for i in ids]
    if not form.is_valid():
        return _fail(request, ValidationError(_("Chọn nhiệm vụ hoặc dự án để gộp vào.")))
    task = Task.objects.filter(pk=form.cleaned_data["task"]).first() if form.cleaned_data["task"] else None
    project = (Project.objects.filter(pk=form.cleaned_data["project"]).first()
               if form.cleaned_data["project"] else None)
    try:
        services.proposal_merge(proposals=chosen, actor=request.user, task=task, project=project)
    except ValidationError as exc:
        return _fail(request, exc)
    messages.success(request, _("Đã gộp %(n)s đề xuất.") % {"n": len(chosen)})
    return redirect("tasks:proposals")
