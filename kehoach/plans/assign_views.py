"""Giving a plan's targets to the units that answer for them, in bulk, and the appendix of the
"Quyết định giao chỉ tiêu" (.docx in the Decree 30 format, .xlsx)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kehoach.core.constants import XLSX_CONTENT_TYPE
from kehoach.core.http import HtmxHttpRequest, content_disposition
from kehoach.plans import services
from kehoach.plans.models import Plan
from kehoach.plans.selectors import (
    plan_get_for_user,
    responsible_unit_choices,
    targets_by_group,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _assignments(request: HtmxHttpRequest, plan: Plan) -> tuple[dict[int, Any], list[str]]:
    """(target id → unit or None, problems) from the posted rows and the bulk choice."""
    units = {u.code: u for u in responsible_unit_choices(plan=plan)}
    picked = set(request.POST.getlist("pick"))
    bulk = request.POST.get("bulk", "").strip()
    assignments: dict[int, Any] = {}
    problems: list[str] = []
    if picked and bulk and bulk not in units:
        problems.append(_("Không có đơn vị mã “%(c)s” trong các đơn vị của kế hoạch.") % {"c": bulk})
    for target in plan.targets.select_related("indicator"):
        code = bulk if (str(target.pk) in picked and bulk) else request.POST.get(f"r-{target.pk}")
        if code is None:
            continue
        code = code.strip()
        if code and code not in units:
            problems.append(_("%(i)s (%(p)s): không có đơn vị mã “%(c)s” trong kỳ của chỉ tiêu.")
                            % {"i": target.indicator.code, "p": target.period, "c": code})
            continue
        assignments[target.pk] = units.get(code) if code else None
    return assignments, problems


@login_required
@require_http_methods(["GET", "POST"])
def targets_assign(request: HtmxHttpRequest, code: str) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, code=code, write=True)
    problems: list[str] = []
    if request.method == "POST":
        assignments, problems = _assignments(request, plan)
        if not problems:
            try:
                changed = services.targets_assign_responsible(
                    actor=request.user, plan=plan, assignments=assignments)
            except ValidationError as exc:
                problems = exc.messages
            else:
                messages.success(request, _("Đã giao %(n)s chỉ tiêu.") % {"n": changed})
                return redirect("plans:assign", plan.code)
    return render(request, "plans/assign.html", {
        "plan": plan, "groups": targets_by_group(plan=plan), "problems": problems,
        "units": responsible_unit_choices(plan=plan), "posted": request.POST,
    }, status=400 if problems else 200)


def _appendix_plan(request: HtmxHttpRequest, code: str) -> Plan:
    return plan_get_for_user(user=request.user, code=code)


def assignment_docx(request: HtmxHttpRequest, code: str) -> HttpResponse:
    from kehoach.documents.reports.assignment import assignment_docx as build

    plan = _appendix_plan(request, code)
    return _file(build(plan=plan), f"giao-chi-tieu-{plan.code}.docx", DOCX)


def assignment_xlsx(request: HtmxHttpRequest, code: str) -> HttpResponse:
    from kehoach.documents.reports.assignment import assignment_xlsx as build

    plan = _appendix_plan(request, code)
    return _file(build(plan=plan), f"giao-chi-tieu-{plan.code}.xlsx", XLSX_CONTENT_TYPE)


def _file(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    return response


@login_required
@require_http_methods(["POST"])
def plan_draft_next(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """Draft next year's annual plan from this one (targets copied, years rolled)."""
    plan = plan_get_for_user(user=request.user, code=code, write=True)
    try:
        draft = services.plan_draft_next_year(actor=request.user, plan=plan,
                                              code=request.POST.get("code", "").strip())
    except ValidationError as exc:
        messages.error(request, _("Chưa lập được: %(e)s") % {"e": "; ".join(exc.messages)})
        return redirect("plans:detail", plan.code)
    messages.success(request, _("Đã lập dự thảo %(c)s.") % {"c": draft.code})
    return redirect("plans:detail", draft.code)


@login_required
@require_http_methods(["POST"])
def plan_from_round(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """Draft targets of this annual plan from a round's ``KH N`` column."""
    from kehoach.reporting.selectors import round_get_for_user
    from kehoach.reporting.services.drafting import plan_targets_from_round

    plan = plan_get_for_user(user=request.user, code=code, write=True)
    round = round_get_for_user(user=request.user, code=request.POST.get("round", ""))
    try:
        counts = plan_targets_from_round(actor=request.user, plan=plan, round=round)
    except ValidationError as exc:
        messages.error(request, _("Chưa lập chỉ tiêu nào: %(e)s") % {"e": " ".join(exc.messages)})
    else:
        messages.success(request, _("Đã lập %(n)s chỉ tiêu dự thảo từ đợt %(r)s (%(s)s chỉ tiêu "
                                    "đã có được giữ nguyên).") % {
            "n": counts["created"], "r": round.code, "s": counts["skipped"]})
    return redirect("plans:detail", plan.code)
