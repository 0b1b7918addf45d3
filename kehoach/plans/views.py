"""Pages of plans: list, detail with the targets in their five groups (print-friendly), and for
the planning office: create/edit a plan, add/edit/delete targets inline (htmx), import targets."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kehoach.core import permissions
from kehoach.core.exchange.download import exchange_download, requested_format
from kehoach.core.forms import add_errors, form_status
from kehoach.core.gate import role_required
from kehoach.core.http import HtmxHttpRequest
from kehoach.indicators.forms import UploadForm
from kehoach.plans import services
from kehoach.plans.family import family_context
from kehoach.plans.forms import PlanForm, TargetForm
from kehoach.plans.importing import PLAN_SPEC, TARGET_SPEC, targets_import
from kehoach.plans.models import Plan, PlanKind, PlanStatus, Target
from kehoach.plans.selectors import (
    plan_export_rows,
    plan_get_for_user,
    plan_list_filtered,
    target_export_rows,
    target_get_for_user,
    targets_by_group,
)


def _list_params(request: HtmxHttpRequest) -> dict[str, str]:
    return {k: request.GET.get(k, "").strip() for k in ("kind", "status", "year", "q")}


def _filtered_plans(request: HtmxHttpRequest) -> Any:
    params = _list_params(request)
    return plan_list_filtered(user=request.user, kind=params["kind"], status=params["status"],
                              year=params["year"], query=params["q"])


def plan_list(request: HtmxHttpRequest) -> HttpResponse:
    params = _list_params(request)
    plans = _filtered_plans(request)
    return render(request, "plans/list.html", {
        "plans": plans, "params": params, "kinds": PlanKind.choices,
        "statuses": PlanStatus.choices if permissions.is_province_wide(request.user)
        else [(s, label) for s, label in PlanStatus.choices if s != PlanStatus.DRAFT],
    })


def _targets_context(request: HtmxHttpRequest, plan: Plan, **extra: Any) -> dict[str, Any]:
    can_edit = permissions.can_edit_plans(request.user)
    context = {"plan": plan, "groups": targets_by_group(plan=plan), "can_edit": can_edit,
               "editing": None, "edit_form": None}
    if can_edit:
        context["add_form"] = TargetForm(plan=plan, prefix="new", initial={
            "unit": plan.unit.code, "period": str(plan.end_year)})
    context.update(extra)
    return context


def _detail(request: HtmxHttpRequest, plan: Plan, status: int = 200, **extra: Any) -> HttpResponse:
    """The whole page, or only the targets section for an htmx request."""
    context = _targets_context(request, plan, **extra)
    if request.htmx:
        return render(request, "plans/_targets.html", context)
    parent = plan.parent
    context["parent"] = parent if parent and permissions.can_see_plan(request.user, parent) else None
    context["children"] = [c for c in plan.children.order_by("start_year", "code")
                           if permissions.can_see_plan(request.user, c)]
    context.update(family_context(plan, request.user))
    if context["can_edit"] and plan.kind == PlanKind.ANNUAL:
        from kehoach.reporting.models import Round

        context["draft_rounds"] = Round.objects.filter(period_start=plan.start_year)
        context["next_code"] = plan.code.replace(str(plan.end_year), str(plan.end_year + 1))
    return render(request, "plans/detail.html", context, status=status)


def plan_detail(request: HtmxHttpRequest, code: str) -> HttpResponse:
    return _detail(request, plan_get_for_user(user=request.user, code=code))


def _plan_form_page(request: HtmxHttpRequest, plan: Plan | None) -> HttpResponse:
    initial = PlanForm.initial_for(plan) if plan else {}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            if plan is None:
                saved = services.plan_create(actor=request.user, **data)
            else:
                saved, _changed = services.plan_update(
                    plan=plan, actor=request.user, data=cast(services.PlanChanges, data),
                    version=version)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu kế hoạch %(c)s.") % {"c": saved.code})
            return redirect("plans:detail", saved.code)
        if plan is not None:
            plan.refresh_from_db()
    status = form_status(form)
    return render(request, "plans/form.html", {"form": form, "plan": plan}, status=status)


@role_required(permissions.can_edit_plans)
@require_http_methods(["GET", "POST"])
def plan_create(request: HtmxHttpRequest) -> HttpResponse:
    return _plan_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HtmxHttpRequest, code: str) -> HttpResponse:
    return _plan_form_page(request, plan_get_for_user(user=request.user, code=code, write=True))


@login_required
@require_POST
def target_add(request: HtmxHttpRequest, code: str) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, code=code, write=True)
    form = TargetForm(request.POST, plan=plan, prefix="new")
    if form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            services.target_create(actor=request.user, plan=plan, **data)
        except ValidationError as exc:
            add_errors(form, exc)
    if form.errors:
        return _detail(request, plan, status=400, add_form=form)
    if not request.htmx:
        messages.success(request, _("Đã thêm chỉ tiêu kế hoạch."))
        return redirect("plans:detail", plan.code)
    return _detail(request, plan)


def _target_in_plan(request: HtmxHttpRequest, code: str, pk: int) -> Target:
    target = target_get_for_user(user=request.user, pk=pk, write=True)
    if target.plan.code != code:
        raise permissions.deny()
    return target


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HtmxHttpRequest, code: str, pk: int) -> HttpResponse:
    target = _target_in_plan(request, code, pk)
    if request.method == "GET":
        form = TargetForm(plan=target.plan, prefix="edit", initial=TargetForm.initial_for(target))
        return _detail(request, target.plan, editing=target.pk, edit_form=form)
    form = TargetForm(request.POST, plan=target.plan, prefix="edit")
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.target_update(target=target, actor=request.user,
                                   data=cast(services.TargetChanges, data), version=version)
        except ValidationError as exc:
            add_errors(form, exc)
    if form.errors:
        return _detail(request, target.plan, status=form_status(form), editing=target.pk,
                       edit_form=form)
    if not request.htmx:
        return redirect("plans:detail", target.plan.code)
    return _detail(request, target.plan)


@login_required
@require_POST
def target_delete(request: HtmxHttpRequest, code: str, pk: int) -> HttpResponse:
    target = _target_in_plan(request, code, pk)
    plan = target.plan
    services.target_delete(target=target, actor=request.user)
    if not request.htmx:
        messages.success(request, _("Đã xóa chỉ tiêu kế hoạch."))
        return redirect("plans:detail", plan.code)
    return _detail(request, plan)


@login_required
@require_http_methods(["GET", "POST"])
def target_import(request: HtmxHttpRequest, code: str) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, code=code, write=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = targets_import(
            data=upload.read(), filename=upload.name, actor=request.user, plan=plan,
            dry_run=form.cleaned_data["dry_run"], locale=form.cleaned_data["locale"],
        )
    status = 400 if (result is not None and not result.ok) or form.errors else 200
    return render(request, "plans/import.html", {"form": form, "result": result, "plan": plan},
                  status=status)


@login_required
def plan_export(request: HtmxHttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The plans the user sees (filtered as on the list) as the plans exchange file."""
    return exchange_download(columns=PLAN_SPEC.columns, rows=plan_export_rows(
        plans=_filtered_plans(request)), fmt=requested_format(request), name="ke-hoach")


@login_required
def target_export(request: HtmxHttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The targets of the plans the user sees (or of ``?plan=CODE``) as the targets file."""
    plans = _filtered_plans(request)
    name = "chi-tieu-ke-hoach"
    if request.GET.get("plan"):
        plan = plan_get_for_user(user=request.user, code=request.GET["plan"])
        plans, name = plans.model.objects.filter(pk=plan.pk), f"chi-tieu-{plan.code}"
    return exchange_download(columns=TARGET_SPEC.columns, rows=target_export_rows(plans=plans),
                             fmt=requested_format(request), name=name)
