"""Pages of the action programme: the programme by group and unit with counts, my unit's tasks,
a task with its progress reports and evidence (reports by the lead unit, edits by the planning
office with conflict detection), the yearly duty's who-has-not-reported, the timeline, imports
and exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kehoach.core import permissions
from kehoach.core.exchange.download import exchange_download, requested_format
from kehoach.core.forms import add_errors, form_status
from kehoach.core.gate import role_required
from kehoach.core.http import AuthenticatedHttpRequest
from kehoach.core.models import AnyUser
from kehoach.plans.models import Plan
from kehoach.plans.selectors import plan_find_for_user, plan_get_for_user, plan_list_for_user
from kehoach.tasks import services
from kehoach.tasks.forms import ProgressForm, TaskForm
from kehoach.tasks.importing import TASK_SPEC
from kehoach.tasks.models import AssessmentVerdict, Task, TaskGroup, TaskStatus
from kehoach.tasks.programme import TASKS, programme_download, programme_import_page
from kehoach.tasks.selectors import (
    assessment_history,
    attach_assessments,
    due_items_status,
    evidence_get_for_user,
    my_unit_tasks,
    programme_counts,
    reportable_units,
    task_get_for_user,
    task_history,
    task_list,
    task_reports,
    task_rows,
)
from kehoach.tasks.timeline import timeline_rows
from kehoach.units.models import Unit


def _plans_for(user: AnyUser) -> list[Plan]:
    return list(plan_list_for_user(user=user).filter(tasks__isnull=False).distinct()
                .order_by("-start_year", "code"))


def _filters(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    params = {k: request.GET.get(k, "").strip() for k in ("plan", "unit", "group", "status",
                                                           "overdue", "q")}
    plan = plan_find_for_user(user=request.user, code=params["plan"])
    unit = Unit.objects.filter(code=params["unit"]).first() if params["unit"] else None
    overdue = {"1": True, "0": False}.get(params["overdue"])
    return {"params": params, "plan": plan, "unit": unit, "overdue": overdue}


@login_required
def programme(request: AuthenticatedHttpRequest) -> HttpResponse:
    f = _filters(request)
    tasks = attach_assessments(list(task_list(
        user=request.user, plan=f["plan"], unit=f["unit"], group=f["params"]["group"],
        status=f["params"]["status"], overdue=f["overdue"], q=f["params"]["q"])))
    return render(request, "tasks/programme.html", {
        "tasks": tasks, "counts": programme_counts(tasks), "params": f["params"],
        "plans": _plans_for(request.user), "groups": TaskGroup.choices,
        "statuses": TaskStatus.choices, "can_edit": permissions.can_edit_tasks(request.user),
        "units": Unit.objects.filter(led_tasks__isnull=False).distinct().order_by("name"),
        "mine": my_unit_tasks(user=request.user),
    })


@login_required
def timeline(request: AuthenticatedHttpRequest) -> HttpResponse:
    plans = _plans_for(request.user)
    code = request.GET.get("plan", "")
    plan = next((p for p in plans if p.code == code), plans[0] if plans else None)
    context = timeline_rows(user=request.user, plan=plan) if plan else {}
    return render(request, "tasks/timeline.html", {"plan": plan, "plans": plans, **context})


def _detail_context(request: AuthenticatedHttpRequest, task: Task, **extra: Any) -> dict[str, Any]:
    units = reportable_units(user=request.user, task=task)
    context = {
        "task": task, "reports": task_reports(task=task), "units": units,
        "progress_form": ProgressForm(units=units) if units else None,
        "due_items": due_items_status(task=task) if task.deadline_kind == "recurring" else [],
        "history": task_history(task=task)[:30] if permissions.is_province_wide(request.user)
        else [],
        "can_edit": permissions.can_edit_tasks(request.user), "today": timezone.localdate(),
        "projects": task.projects.all(), "targets": task.targets.select_related("indicator"),
        "assessments": assessment_history(task=task),
        "can_assess": permissions.can_assess_task(request.user, task),
        "verdicts": AssessmentVerdict.choices, "this_year": timezone.localdate().year,
    }
    context.update(extra)
    return context


@login_required
def task_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = task_get_for_user(user=request.user, pk=pk)
    return render(request, "tasks/detail.html", _detail_context(request, task))


@login_required
@require_POST
def progress_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = task_get_for_user(user=request.user, pk=pk, report=True)
    units = reportable_units(user=request.user, task=task)
    form = ProgressForm(request.POST, request.FILES, units=units)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_report_create(
                task=task, actor=request.user, unit=data["unit"], text=data["text"],
                percent=data["percent"], date=data["date"], files=request.FILES.getlist("evidence"))
        except ValidationError as exc:
            add_errors(form, exc)
    if form.errors:
        task = task_get_for_user(user=request.user, pk=pk)
        return render(request, "tasks/detail.html",
                      _detail_context(request, task, progress_form=form), status=400)
    messages.success(request, _("Đã gửi báo cáo tiến độ."))
    return redirect("tasks:detail", task.pk)


@login_required
def evidence_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    evidence = evidence_get_for_user(user=request.user, pk=pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name,
                        content_type=evidence.content_type or "application/octet-stream")


def _save_task(request: AuthenticatedHttpRequest, form: TaskForm, task: Task | None) -> Task:
    data = dict(form.cleaned_data)
    version = data.pop("version", None)
    plan = data.pop("plan")
    if task is None:
        return services.task_create(actor=request.user, plan=plan, **data)
    saved, _changed = services.task_update(task=task, actor=request.user, version=version, **data)
    return saved


def _task_form_page(request: AuthenticatedHttpRequest, task: Task | None) -> HttpResponse:
    plan = task.plan if task else None
    initial = TaskForm.initial_for(task) if task else {"plan": request.GET.get("plan", "")}
    form = TaskForm(request.POST or None, initial=initial, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_task(request, form, task)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ %(n)s.") % {"n": saved.number})
            return redirect("tasks:detail", saved.pk)
    return render(request, "tasks/form.html", {"form": form, "task": task},
                  status=form_status(form))


@role_required(permissions.can_edit_tasks)
@require_http_methods(["GET", "POST"])
def task_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _task_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _task_form_page(request, task_get_for_user(user=request.user, pk=pk, write=True))


@role_required(permissions.can_edit_tasks)
@require_http_methods(["GET", "POST"])
def task_import(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, code=code)
    return programme_import_page(request, table=TASKS, plan=plan)


@login_required
def task_exchange(request: AuthenticatedHttpRequest, code: str) -> HttpResponse | StreamingHttpResponse:
    """The plan's tasks the programme page shows (its filters; a unit's user: the tasks it may
    see) as the tasks exchange file, CSV or .xlsx (``export``: the plan's whole table)."""
    plan = plan_get_for_user(user=request.user, code=code)
    f = _filters(request)
    tasks = task_list(user=request.user, plan=plan, unit=f["unit"], group=f["params"]["group"],
                      status=f["params"]["status"], overdue=f["overdue"], q=f["params"]["q"])
    return exchange_download(columns=TASK_SPEC.columns, rows=task_rows(tasks=tasks),
                             fmt=requested_format(request), name=f"nhiem-vu-{plan.code}")


@login_required
def task_export(request: AuthenticatedHttpRequest, code: str, fmt: str) -> HttpResponse:
    return programme_download(request, table=TASKS, code=code, fmt=fmt)
