"""Pages of the units' own judgements: the targets a unit answers for, with the computed class,
and the form to say whether each can be met; the planning office and leaders read them all."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kehoach.core import permissions
from kehoach.core.gate import role_required
from kehoach.evaluation import presenters, selectors
from kehoach.evaluation.forms import JudgementFilterForm, JudgementForm
from kehoach.evaluation.models import JudgementOutlook
from kehoach.evaluation.services.judgements import judgement_rows, judgement_set


def judgement_year() -> int:
    """The year of assessment by default: the evaluation pages' (last year, whose figures the
    computed class rests on); a unit may choose the current year in the mid-year review."""
    return timezone.localdate().year - 1


def _unit_ids(request, code: str) -> set[int] | None:
    """The units whose targets are listed: the chosen one (if readable), else the user's scope."""
    if code:
        return {selectors.evaluation_unit_get_for_user(user=request.user, code=code).pk}
    return permissions.unit_scope_ids(request.user)


@login_required
@require_GET
def judgements(request):
    form = JudgementFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "evaluation/judgements.html", {"form": form}, status=400)
    data = form.cleaned_data
    year = data["year"] or judgement_year()
    rows = judgement_rows(user=request.user, year=year, unit_ids=_unit_ids(request, data["unit"]))
    shown = []
    for r in rows:
        if data["disagree"] and not r.disagrees:
            continue
        shown.append({
            "r": r, "year_row": presenters.year_row(r.row),
            "judgement": presenters.judgement_shown(r.judgement, section=r.row.section,
                                                    outlook=r.row.outlook, status=r.row.status),
            "can_judge": permissions.can_judge_target(request.user, r.target),
        })
    return render(request, "evaluation/judgements.html", {
        "form": form, "year": year, "rows": shown, "outlooks": JudgementOutlook.choices,
        "disagreements": sum(1 for r in rows if r.disagrees),
        "judged": sum(1 for r in rows if r.judgement), "total": len(rows),
        "can_judge_any": any(s["can_judge"] for s in shown),
    })


@role_required(permissions.is_reporter)
@require_POST
def judgement_save(request, target_id: int):
    target = selectors.target_get_for_judgement(user=request.user, target_id=target_id,
                                                write=True)
    form = JudgementForm(request.POST)
    year = request.POST.get("year", "")
    back = reverse("evaluation:judgements")
    if not form.is_valid():
        messages.error(request, _("Không lưu được đánh giá chỉ tiêu “%(t)s”: %(e)s") % {
            "t": target.indicator.name_vi,
            "e": "; ".join(str(m) for ms in form.errors.values() for m in ms)})
        return redirect(f"{back}?{urlencode({'year': year})}#j-{target.pk}" if year.isdigit()
                        else back)
    data = form.cleaned_data
    try:
        judgement_set(target=target, year=data["year"], outlook=data["outlook"],
                      reason=data["reason"], actor=request.user)
    except ValidationError as exc:
        messages.error(request, _("Không lưu được đánh giá chỉ tiêu “%(t)s”: %(e)s") % {
            "t": target.indicator.name_vi, "e": "; ".join(exc.messages)})
    else:
        messages.success(request, _("Đã lưu đánh giá của đơn vị cho chỉ tiêu “%(t)s”.")
                         % {"t": target.indicator.name_vi})
    return redirect(f"{back}?{urlencode({'year': data['year']})}#j-{target.pk}")
