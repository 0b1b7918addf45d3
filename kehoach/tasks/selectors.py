"""Reads of the action programme. Overdue is computed here, never stored:

- a task with a due date is overdue when it is still open (chưa thực hiện / đang thực hiện) after
  that date;
- a yearly duty is overdue when one of its due items is past its date and not reported.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.plans.models import Plan
from kehoach.tasks.models import (
    OPEN_STATUSES,
    AssessmentVerdict,
    Evidence,
    ProgressReport,
    Task,
    TaskAssessment,
    TaskDueItem,
    TaskGroup,
    TaskStatus,
)
from kehoach.units.models import Unit

SOON_DAYS = 30


def _late_items(today: dt.date) -> Exists:
    return Exists(TaskDueItem.objects.filter(task=OuterRef("pk"), done_at__isnull=True,
                                             due_date__lt=today))


def overdue_q(today: dt.date) -> Q:
    return Q(status__in=OPEN_STATUSES) & (Q(due_date__lt=today) | Q(late_items=True))


def with_overdue(qs: QuerySet[Task], today: dt.date | None = None) -> QuerySet[Task]:
    """Annotate ``is_overdue`` (bool) on every task."""
    from django.db.models import BooleanField, Case, Value, When

    today = today or timezone.localdate()
    return qs.annotate(late_items=_late_items(today)).annotate(
        is_overdue=Case(When(overdue_q(today), then=Value(True)), default=Value(False),
                        output_field=BooleanField()))


def tasks_visible(*, user: AnyUser | None) -> QuerySet[Task]:
    """The tasks ``user`` may see; ``None`` (the command line, a document): every task."""
    qs = Task.objects.all()
    if user is None:
        return qs
    if not permissions.is_authenticated(user):
        return qs.none()
    scope = permissions.unit_scope_ids(user)
    if scope is not None:
        qs = qs.filter(Q(lead_unit_id__in=scope) | Q(coordinating_units__in=scope)).distinct()
    return qs


def task_list(*, user: AnyUser | None, plan: Plan | None = None, unit: Unit | None = None,
              group: str = "",
              status: str = "", overdue: bool | None = None, q: str = "",
              today: dt.date | None = None) -> QuerySet[Task]:
    """The tasks ``user`` may see (``None``: every task), filtered; each with ``is_overdue``."""
    qs = tasks_visible(user=user)
    if plan is not None:
        qs = qs.filter(plan=plan)
    if unit is not None:
        qs = qs.filter(Q(lead_unit=unit) | Q(coordinating_units=unit)).distinct()
    if group:
        qs = qs.filter(group=group)
    if status:
        qs = qs.filter(status=status)
    if q.strip():
        qs = qs.filter(Q(text__icontains=q.strip()) | Q(number=q.strip()))
    qs = with_overdue(qs, today)
    if overdue is not None:
        late = overdue_q(today or timezone.localdate())
        qs = qs.filter(late if overdue else ~late)
    return (qs.select_related("plan", "lead_unit")
            .prefetch_related("coordinating_units").order_by("plan__code", "position", "id"))


def task_get_for_user(*, user: AnyUser, pk: int, write: bool = False,
                      report: bool = False) -> Task:
    """A task ``user`` may see (404 otherwise); ``write``: the planning office; ``report``: the
    lead unit (or a unit owing a yearly report)."""
    task = (with_overdue(Task.objects.filter(pk=pk)).select_related("plan", "lead_unit")
            .prefetch_related("coordinating_units").first())
    if task is None or not permissions.can_see_task(user, task):
        raise permissions.deny()
    if write and not permissions.can_edit_tasks(user):
        raise permissions.refuse()
    if report and not permissions.can_report_task(user, task):
        raise permissions.refuse()
    return task


def task_reports(*, task: Task) -> QuerySet[ProgressReport]:
    return (task.reports.select_related("unit", "author", "due_item")
            .prefetch_related(Prefetch("files", queryset=Evidence.objects.order_by("id"))))


def evidence_get_for_user(*, user: AnyUser, pk: int) -> Evidence:
    """An evidence file, only for those who may see its task."""
    evidence = Evidence.objects.select_related("report__task").filter(pk=pk).first()
    if evidence is None:
        raise permissions.deny()
    task_get_for_user(user=user, pk=evidence.report.task_id)
    return evidence


def task_history(*, task: Task) -> QuerySet[Any]:
    from kehoach.core.models import AuditEntry

    return AuditEntry.objects.filter(object_type="tasks.task", object_id=str(task.pk)).select_related(
        "actor")


def reportable_units(*, user: AnyUser, task: Task) -> list[Any]:
    """The units of ``task`` for which ``user`` may report."""
    units = [task.lead_unit, *task.coordinating_units.all()]
    if task.deadline_kind != "recurring":
        units = units[:1]
    return [u for u in units if permissions.can_write_unit_data(user, u.pk)]


# --- the programme at a glance ------------------------------------------------------------------


@dataclass
class Counts:
    total: int = 0
    overdue: int = 0
    by_status: Counter[str] = field(default_factory=Counter)

    def add(self, task: Any) -> None:
        self.total += 1
        self.by_status[task.status] += 1
        self.overdue += bool(task.is_overdue)

    @property
    def done(self) -> int:
        return self.by_status[TaskStatus.DONE] + self.by_status[TaskStatus.DONE_LATE]


def programme_counts(tasks: list[Any]) -> dict[str, Any]:
    """Counts by status overall, by group and by lead unit (for the programme page), and of the
    lead units' own evaluations (``attach_assessments`` first)."""
    verdicts: Counter[str] = Counter(
        t.assessment.verdict if getattr(t, "assessment", None) else "" for t in tasks)
    assessed = {
        "by_verdict": [(label, verdicts[v]) for v, label in AssessmentVerdict.choices],
        "none": verdicts[""], "disagree": sum(1 for t in tasks if getattr(t, "disagrees", False)),
    }
    overall = Counts()
    groups: dict[str, Counts] = {g: Counts() for g in TaskGroup.values}
    units: dict[Any, Counts] = {}
    for task in tasks:
        overall.add(task)
        groups[task.group].add(task)
        units.setdefault(task.lead_unit, Counts()).add(task)
    return {
        "overall": overall,
        "groups": [(TaskGroup(g).label, c) for g, c in groups.items() if c.total],
        "units": sorted(units.items(), key=lambda item: (-item[1].overdue, item[0].name)),
        "assessed": assessed,
    }


def my_unit_tasks(*, user: AnyUser, today: dt.date | None = None,
                  soon_days: int = SOON_DAYS) -> dict[str, list[Any]]:
    """For the reporter's home page: the tasks of the user's unit(s) that are late, due within
    ``soon_days``, or waiting for a progress report (never reported). Empty for other roles."""
    today = today or timezone.localdate()
    if not permissions.is_reporter(user):
        return {"late": [], "soon": [], "waiting": []}
    tasks: list[Any] = list(task_list(user=user, today=today).filter(status__in=OPEN_STATUSES)
                 .annotate(has_report=Exists(ProgressReport.objects.filter(task=OuterRef("pk")))))
    soon_until = today + dt.timedelta(days=soon_days)
    next_due = due_items_open_by_task(tasks=tasks, user=user)
    def is_late(t: Any) -> bool:  # a yearly duty: late only for the user's own due items
        if t.deadline_kind != "recurring":
            return bool(t.is_overdue)
        return any(i.due_date < today for i in next_due.get(t.pk, []))

    late = [t for t in tasks if is_late(t)]
    soon = [t for t in tasks if t not in late and (
        (t.due_date and today <= t.due_date <= soon_until)
        or any(today <= i.due_date <= soon_until for i in next_due.get(t.pk, [])))]
    waiting = [t for t in tasks if not t.has_report and t not in late and t not in soon]
    return {"late": late, "soon": soon, "waiting": waiting}


def due_items_open_by_task(*, tasks: list[Any], user: AnyUser) -> dict[int, list[TaskDueItem]]:
    scope = permissions.unit_scope_ids(user)
    items = TaskDueItem.objects.filter(task__in=tasks, done_at__isnull=True)
    if scope is not None:
        items = items.filter(unit_id__in=scope)
    found: dict[int, list[TaskDueItem]] = {}
    for item in items.order_by("due_date"):
        found.setdefault(item.task_id, []).append(item)
    return found


def due_items_status(*, task: Task, year: int | None = None) -> list[TaskDueItem]:
    """Who owes what for a yearly duty, the ones not reported first (the planning office's view
    of who has not reported)."""
    items = task.due_items.select_related("unit")
    if year is not None:
        items = items.filter(year=year)
    return sorted(items, key=lambda i: (i.year, i.done_at is not None, i.kind, i.unit.name))


def not_reported(*, task: Task, year: int) -> list[Any]:
    """The units that still owe this year's report of a yearly duty."""
    return [i.unit for i in due_items_status(task=task, year=year)
            if i.done_at is None and i.kind == "report"]


def task_rows(*, plan: Plan | None = None, tasks: Iterable[Task] | None = None,
              today: dt.date | None = None) -> list[dict[str, Any]]:
    """``kehoach tasks``: one dict per task of ``plan`` (or of ``tasks``, a ``task_list`` as a page
    filters it), as the contract names the fields."""
    shown: list[Any] = list(task_list(user=None, plan=plan, today=today) if tasks is None
                            else tasks)
    return [{
        "number": t.number, "text": t.text, "group": t.group, "lead_unit": t.lead_unit.code,
        "coordinating_units": ";".join(u.code for u in t.coordinating_units.all()),
        "deadline": t.deadline_text, "due_date": t.due_date.isoformat() if t.due_date else None,
        "product": t.product, "status": t.status, "overdue": bool(t.is_overdue),
        "percent": str(t.percent.normalize()) if t.percent else "0", "note": t.note,
        "completed_on": t.completed_on.isoformat() if t.completed_on else None,
    } for t in shown]



# --- the lead units' own evaluations -----------------------------------------------------------


def assessment_disagrees(task: Any, assessment: TaskAssessment | None) -> bool:
    """The unit's word against the record: "hoàn thành" or "đúng tiến độ" of a task that is
    overdue, "hoàn thành" of a task still open, "chậm tiến độ" of one neither overdue nor late."""
    if assessment is None:
        return False
    verdict, overdue = assessment.verdict, bool(getattr(task, "is_overdue", False))
    if verdict in (AssessmentVerdict.COMPLETED, AssessmentVerdict.ON_SCHEDULE) and overdue:
        return True
    if verdict == AssessmentVerdict.COMPLETED and task.status in OPEN_STATUSES:
        return True
    return (verdict == AssessmentVerdict.LATE and not overdue
            and task.status not in (TaskStatus.DONE_LATE, TaskStatus.STOPPED))


def assessment_current_map(*, task_ids: list[int]) -> dict[int, TaskAssessment]:
    """Task id → the lead unit's current evaluation of the latest year it evaluated."""
    found: dict[int, TaskAssessment] = {}
    for a in TaskAssessment.objects.select_related("by", "unit").filter(
            task_id__in=task_ids, superseded_at__isnull=True).order_by("-year", "-at"):
        found.setdefault(a.task_id, a)
    return found


def attach_assessments(tasks: list[Any]) -> list[Any]:
    """Set ``task.assessment`` (current evaluation or None) and ``task.disagrees`` on each."""
    current = assessment_current_map(task_ids=[t.pk for t in tasks])
    for t in tasks:
        t.assessment = current.get(t.pk)
        t.disagrees = assessment_disagrees(t, t.assessment)
    return tasks


def assessment_history(*, task: Task) -> QuerySet[TaskAssessment]:
    return TaskAssessment.objects.select_related("by", "unit").filter(task=task).order_by(
        "-year", "-at")


def tasks_to_assess(*, user: AnyUser, year: int, unit_ids: set[int] | None = None) -> list[Any]:
    """Tasks assigned by a named decision (the programme's plan has a document number) to a
    unit the user speaks for (every lead unit for the province-wide roles, read only), in force
    in ``year``, with their current evaluation attached."""
    scope = permissions.unit_scope_ids(user)
    tasks = with_overdue(tasks_visible(user=user)).filter(
        plan__start_year__lte=year, plan__end_year__gte=year).exclude(plan__document="")
    if scope is not None:
        tasks = tasks.filter(lead_unit_id__in=scope)
    if unit_ids is not None:
        tasks = tasks.filter(lead_unit_id__in=unit_ids)
    tasks = tasks.select_related("plan", "lead_unit").order_by("plan__code", "position", "id")
    return attach_assessments(list(tasks))
