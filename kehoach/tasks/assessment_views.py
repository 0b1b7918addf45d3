"""Pages of the lead units' own evaluation of the tasks they were assigned by a decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kehoach.core import permissions
from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.gate import role_required
from kehoach.tasks.forms import AssessmentForm
from kehoach.tasks.models import AssessmentVerdict
from kehoach.tasks.selectors import task_get_for_user, tasks_to_assess
from kehoach.tasks.services import task_assess


def _year(raw: str) -> int | None:
    if not raw:
        return timezone.localdate().year
    return int(raw) if raw.isdigit() and YEAR_MIN <= int(raw) <= YEAR_MAX else None


@login_required
@require_GET
def assessments(request):
    year = _year(request.GET.get("year", "").strip())
    if year is None:
        return render(request, "tasks/assessments.html", {
            "error": _("Năm phải là một số, ví dụ 2025.")}, status=400)
    tasks = tasks_to_assess(user=request.user, year=year)
    rows = [{"task": t, "can_assess": permissions.can_assess_task(request.user, t)}
            for t in tasks]
    return render(request, "tasks/assessments.html", {
        "year": year, "rows": rows, "verdicts": AssessmentVerdict.choices,
        "assessed": sum(1 for t in tasks if t.assessment),
        "disagree": sum(1 for t in tasks if t.disagrees),
    })


@role_required(permissions.is_reporter)
@require_POST
def assess(request, pk: int):
    task = task_get_for_user(user=request.user, pk=pk)
    if not permissions.can_assess_task(request.user, task):
        raise permissions.refuse()
    form = AssessmentForm(request.POST)
    nxt = request.POST.get("next", "")
    back = nxt if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}) else reverse("tasks:assessments")
    if not form.is_valid():
        messages.error(request, _("Không lưu được đánh giá nhiệm vụ %(n)s: %(e)s") % {
            "n": task.number, "e": "; ".join(str(m) for ms in form.errors.values() for m in ms)})
        return redirect(back)
    data = form.cleaned_data
    try:
        task_assess(task=task, year=data["year"], verdict=data["verdict"], text=data["text"],
                    actor=request.user)
    except ValidationError as exc:
        messages.error(request, _("Không lưu được đánh giá nhiệm vụ %(n)s: %(e)s") % {
            "n": task.number, "e": "; ".join(exc.messages)})
    else:
        messages.success(request, _("Đã lưu đánh giá của đơn vị cho nhiệm vụ %(n)s.")
                         % {"n": task.number})
    if back == reverse("tasks:assessments"):
        back = f"{back}?{urlencode({'year': data['year']})}#t-{task.pk}"
    return redirect(back)
