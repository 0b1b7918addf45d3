"""Pages of the evaluation app: choose, evaluate a plan, override a status, consolidate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kehoach.evaluation import presenters, selectors
from kehoach.evaluation.forms import (
    ConsolidationForm,
    EvaluationFilterForm,
    EvaluationIndexForm,
    OverrideForm,
    YearFilterForm,
)
from kehoach.evaluation.services import (
    consolidate,
    override_clear,
    override_set,
    plan_evaluate,
    year_evaluate,
    year_rows_filtered,
)
from kehoach.plans.selectors import plan_get_for_user
from kehoach.values.models import ValueKind


def default_year(plan=None) -> int:
    year = timezone.localdate().year - 1
    return min(year, plan.end_year) if plan is not None else year


@login_required
@require_GET
def index(request):
    plans = selectors.evaluation_plans_for_user(user=request.user)
    form = EvaluationIndexForm(request.GET or None)
    if request.GET and form.is_valid():
        plan = plan_get_for_user(user=request.user, code=form.cleaned_data["plan"])
        params = {k: v for k, v in form.cleaned_data.items() if k != "plan" and v}
        url = reverse("evaluation:plan", args=[plan.code])
        return redirect(f"{url}?{urlencode(params)}" if params else url)
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "evaluation/index.html",
                  {"form": form, "plans": plans, "year": default_year()}, status=status)


@login_required
@require_GET
def plan_evaluation(request, code: str):
    plan = plan_get_for_user(user=request.user, code=code)
    form = EvaluationFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "evaluation/plan.html", {"plan": plan, "form": form}, status=400)
    data = form.cleaned_data
    unit = None
    if data["unit"]:
        unit = selectors.evaluation_unit_get_for_user(user=request.user, code=data["unit"])
    year = data["year"] or default_year(plan)
    evaluation = plan_evaluate(plan=plan, year=year, unit=unit, user=request.user)
    groups, charts = presenters.grouped_rows(
        evaluation, group=data["group"], status=data["status"], not_met=data["not_met"]
    )
    judged = selectors.judgement_current_map(
        target_ids=[r.target.pk for r in evaluation.results], year=year)
    disagreements = presenters.plan_judgements(groups, judged, year)
    context = {
        "plan": plan, "form": form, "evaluation": evaluation, "year": year, "unit": unit,
        "groups": groups, "charts": charts,
        "summary": presenters.summary(evaluation.counts),
        "summary_overrides": presenters.summary(evaluation.counts_with_overrides),
        "children": selectors.drilldown_units(plan=plan, unit=unit, year=year, user=request.user),
        "can_override": selectors.can_override(user=request.user),
        "judged_count": len(judged), "disagreements": disagreements,
    }
    return render(request, "evaluation/plan.html", context)


@login_required
@require_POST
def override(request, code: str, target_id: int):
    plan = plan_get_for_user(user=request.user, code=code)
    target = selectors.target_get_for_override(user=request.user, plan=plan, target_id=target_id)
    form = OverrideForm(request.POST)
    back = reverse("evaluation:plan", args=[plan.code])
    if not form.is_valid():
        messages.error(request, _("Không lưu được: %(e)s") % {
            "e": "; ".join(str(m) for ms in form.errors.values() for m in ms)})
        return redirect(back)
    data = form.cleaned_data
    try:
        if data["action"] == "clear":
            override_clear(target=target, year=data["year"], actor=request.user)
            messages.success(request, _("Đã bỏ điều chỉnh trạng thái; trạng thái tính toán vẫn "
                                        "được giữ."))
        else:
            override_set(target=target, year=data["year"], status=data["status"],
                         reason=data["reason"], actor=request.user)
            messages.success(request, _("Đã lưu điều chỉnh trạng thái bên cạnh trạng thái tính "
                                        "toán."))
    except ValidationError as exc:
        messages.error(request, _("Không lưu được: %(e)s") % {"e": "; ".join(exc.messages)})
    return redirect(f"{back}?{urlencode({'year': data['year']})}")


@login_required
@require_GET
def consolidation(request):
    form = ConsolidationForm(request.GET)
    context: dict[str, Any] = {"form": form, "result": None, "year": default_year()}
    if not form.is_valid():
        return render(request, "evaluation/consolidation.html", context, status=400)
    data = form.cleaned_data
    unit = None
    if data["unit"]:
        unit = selectors.evaluation_unit_get_for_user(user=request.user, code=data["unit"])
    year = data["year"] or default_year()
    period = f"{year}-{data['half']}" if data["half"] else None
    result = consolidate(year=None if period else year, period=period,
                         kind=data["kind"] or "actual", unit=unit,
                         unit_ids=selectors.consolidation_scope(user=request.user))
    items = result.discrepancies if data["only_discrepancies"] else result.items
    context.update(result=result, items=items, year=year,
                   kind_label=ValueKind(result.kind).label)
    return render(request, "evaluation/consolidation.html", context)


@login_required
@require_GET
def year_evaluation(request):
    """Year N judged against its annual plan, with the five-year and master plans' progress."""
    form = YearFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "evaluation/year.html", {"form": form}, status=400)
    data = form.cleaned_data
    unit = None
    if data["unit"]:
        unit = selectors.evaluation_unit_get_for_user(user=request.user, code=data["unit"])
    year = data["year"] or default_year()
    evaluation = year_evaluate(year=year, unit=unit, user=request.user)
    rows = year_rows_filtered(evaluation, not_met=data["not_met"], at_risk=data["at_risk"],
                              responsible=data["responsible"], group=data["group"])
    judged = selectors.judgement_current_map(target_ids=[r.target.pk for r in rows], year=year)
    annual = [presenters.year_row(r, judged) for r in rows if r.section == "annual"]
    progress = [presenters.year_row(r, judged) for r in rows if r.section == "progress"]
    shown = [r["judgement"] for r in annual + progress if r["judgement"]]
    return render(request, "evaluation/year.html", {
        "form": form, "year": year, "unit": unit, "evaluation": evaluation,
        "annual": annual, "progress": progress,
        "responsibles": presenters.responsible_units(evaluation),
        "judged_count": len(shown), "disagreements": sum(1 for j in shown if j["disagrees"]),
    })
