"""Writes of the action programme; each writes one audit row (the task's history).

- ``task_create`` / ``task_update`` / ``task_delete``: the deadline is read with
  ``parse_deadline``; ``task_update`` takes the ``version`` the editor saw and refuses with
  ``TaskConflict`` when someone saved the task in between (no silent overwrite).
- ``due_items_ensure``: the due items of a recurring duty for one year (one per unit, and the
  lead unit's consolidation); ``due_items_generate`` does it for every duty (the daily job).
- ``progress_report_create``: a report with evidence files (types and size limited); it moves the
  task's status (100 % → hoàn thành, or hoàn thành chậm after the due date) and closes the due item.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.concurrency import EditConflict, version_claim
from kehoach.core.models import AnyUser, User
from kehoach.core.services import audit_record, fields_cleaned, fields_set, fields_validate
from kehoach.core.text import clean_text
from kehoach.plans.models import Plan
from kehoach.tasks.deadlines import parse_deadline
from kehoach.tasks.evidence import evidence_check
from kehoach.tasks.models import (
    CLOSED_STATUSES,
    AssessmentVerdict,
    DueKind,
    Evidence,
    ProgressReport,
    Task,
    TaskAssessment,
    TaskDueItem,
    TaskStatus,
)

TASK_FIELDS = ("number", "text", "group", "lead_unit", "coordinating_units", "deadline_text",
               "product", "targets", "status", "completed_on", "percent", "note", "position")
_TEXT = ("number", "text", "deadline_text", "product", "note")
_MANY = ("coordinating_units", "targets")


class TaskConflict(EditConflict):
    """Someone else saved the task after the editor loaded it."""


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return fields_cleaned(data, allowed=TASK_FIELDS, text=_TEXT)


def _set_deadline(task: Task, errors: dict[str, Any]) -> None:
    try:
        deadline = parse_deadline(task.deadline_text)
    except ValueError as exc:
        errors["deadline_text"] = str(exc)
        return
    task.deadline_text = deadline.text
    task.deadline_kind, task.due_date, task.start_date = deadline.kind, deadline.due, deadline.start
    plan = task.plan
    last = deadline.due.year if deadline.due else None
    if last is not None and not plan.start_year <= last <= plan.end_year + 1:
        errors["deadline_text"] = _("Thời hạn %(t)s nằm ngoài thời kỳ của kế hoạch (%(a)s-%(b)s).") % {
            "t": deadline.text, "a": plan.start_year, "b": plan.end_year}


def task_validate(task: Task, *, coordinating: Sequence[Any] = ()) -> None:
    errors: dict[str, Any] = {}
    _set_deadline(task, errors)
    if not task.number:
        errors["number"] = _("Thiếu số thứ tự (STT) của nhiệm vụ.")
    elif Task.objects.filter(plan_id=task.plan_id, number=task.number).exclude(pk=task.pk).exists():
        errors["number"] = _("Kế hoạch đã có nhiệm vụ số %(n)s.") % {"n": task.number}
    if task.lead_unit_id and any(u.pk == task.lead_unit_id for u in coordinating):
        errors["coordinating_units"] = _("Cơ quan chủ trì không đồng thời là cơ quan phối hợp.")
    if task.status in (TaskStatus.DONE, TaskStatus.DONE_LATE) and task.completed_on is None:
        task.completed_on = timezone.localdate()
    if task.status not in (TaskStatus.DONE, TaskStatus.DONE_LATE):
        task.completed_on = None
    fields_validate(task, errors, exclude=("plan", "deadline_kind"))


@transaction.atomic
def task_create(*, actor: AnyUser | None, plan: Plan, number: str, text: str, lead_unit: Any,
                deadline_text: str, **fields: Any) -> Task:
    """Add a task to ``plan``; ``fields``: group, coordinating_units, product, targets, status,
    completed_on, note, position (default: after the last task)."""
    data = _clean({"number": number, "text": text, "lead_unit": lead_unit,
                   "deadline_text": deadline_text, **fields})
    many = {name: list(data.pop(name, None) or []) for name in _MANY}
    if data.get("position") is None:
        last = plan.tasks.aggregate(m=Max("position"))["m"]
        data["position"] = 1 if last is None else last + 1
    task = Task(plan=plan, **data)
    task_validate(task, coordinating=many["coordinating_units"])
    task.save()
    task.coordinating_units.set(many["coordinating_units"])
    task.targets.set(many["targets"])
    audit_record(actor=actor, action="task_create", obj=task, summary=f"{plan.code}: {task}")
    if task.deadline_kind == "recurring":
        due_items_ensure(task=task, year=timezone.localdate().year)
    return task


def _many_diff(task: Task, many: dict[str, list[Any]]) -> dict[str, list[str]]:
    diff = {}
    for name, wanted in many.items():
        before = sorted(str(o.pk) for o in getattr(task, name).all())
        after = sorted(str(o.pk) for o in wanted)
        if before != after:
            diff[name] = [", ".join(before), ", ".join(after)]
    return diff


def _bump_version(task: Task, version: int | None) -> None:
    """Claim the next version; ``TaskConflict`` (who changed what) when the stored one is not
    ``version``."""
    version_claim(instance=task, version=version, conflict=TaskConflict,
                  subject=_("Nhiệm vụ %(n)s") % {"n": task.number})


@transaction.atomic
def task_update(*, task: Task, actor: AnyUser | None, version: int | None = None,
                **changes: Any) -> tuple[Task, bool]:
    """Change some fields; ``version`` is the one the editor loaded (``None``: the current one).
    Returns (task, whether anything changed)."""
    data = _clean(changes)
    many = {name: list(data.pop(name)) for name in _MANY if name in data}
    diff = fields_set(task, data)
    diff.update(_many_diff(task, many))
    if version is not None and version != task.version:
        _bump_version(task, version)  # raises: the editor's copy is stale
    if not diff:
        return task, False
    task_validate(task, coordinating=many.get("coordinating_units",
                                                list(task.coordinating_units.all())))
    _bump_version(task, version)
    task.save()
    for name, objects in many.items():
        getattr(task, name).set(objects)
    audit_record(actor=actor, action="task_update", obj=task,
                 summary=f"{task.plan.code} {task.number}: {', '.join(sorted(diff))}", data=diff)
    return task, True


@transaction.atomic
def task_delete(*, task: Task, actor: AnyUser | None) -> None:
    audit_record(actor=actor, action="task_delete", obj=task, summary=f"{task.plan.code}: {task}")
    task.delete()


# --- recurring duties ---------------------------------------------------------------------------


def due_items_ensure(*, task: Task, year: int) -> list[TaskDueItem]:
    """The due items of ``task`` (a yearly duty) for ``year``; created when missing."""
    deadline = parse_deadline(task.deadline_text)
    due = deadline.due_in(year)
    if due is None or not task.plan.start_year <= year <= task.plan.end_year:
        return []
    wanted = [(task.lead_unit, DueKind.REPORT, due)]
    wanted += [(unit, DueKind.REPORT, due) for unit in task.coordinating_units.all()]
    consolidate = deadline.consolidate_in(year)
    if consolidate is not None:
        wanted.append((task.lead_unit, DueKind.CONSOLIDATE, consolidate))
    items = []
    for unit, kind, day in wanted:
        item, _created = TaskDueItem.objects.get_or_create(
            task=task, year=year, unit=unit, kind=kind, defaults={"due_date": day})
        items.append(item)
    return items


@transaction.atomic
def due_items_generate(*, on: dt.date) -> int:
    """Create this year's due items of every yearly duty; returns how many were created."""
    before = TaskDueItem.objects.count()
    duties = Task.objects.filter(deadline_kind="recurring", plan__start_year__lte=on.year,
                                 plan__end_year__gte=on.year).exclude(status__in=CLOSED_STATUSES)
    for task in duties.select_related("plan", "lead_unit").prefetch_related("coordinating_units"):
        due_items_ensure(task=task, year=on.year)
    return TaskDueItem.objects.count() - before


# --- progress reports ---------------------------------------------------------------------------


def _report_errors(task: Task, unit: Any, day: dt.date, percent: Decimal | None,
                   text: str) -> dict[str, str]:
    errors = {}
    if percent is None or not Decimal(0) <= percent <= Decimal(100):
        errors["percent"] = _("Tiến độ là một số từ 0 đến 100 (%).")
    if not text.strip():
        errors["text"] = _("Hãy viết kết quả thực hiện.")
    if day > timezone.localdate():
        errors["date"] = _("Ngày báo cáo không được sau hôm nay.")
    unit_ids = permissions.task_unit_ids(task)
    if unit is None or unit.pk not in unit_ids:
        errors["unit"] = _("Đơn vị báo cáo phải là cơ quan chủ trì hoặc phối hợp của nhiệm vụ.")
    return errors


def _open_due_item(task: Task, unit: Any, due_item: TaskDueItem | None) -> TaskDueItem | None:
    if due_item is not None:
        if due_item.task_id != task.pk or due_item.unit_id != unit.pk or due_item.done_at:
            raise ValidationError({"due_item": _("Kỳ báo cáo không thuộc đơn vị này hoặc đã "
                                                 "được báo cáo.")})
        return due_item
    return (task.due_items.filter(unit=unit, done_at__isnull=True, kind=DueKind.REPORT)
            .order_by("due_date").first())


def _status_after(task: Task, percent: Decimal, day: dt.date) -> dict[str, Any]:
    if task.deadline_kind == "recurring" or task.status == TaskStatus.STOPPED:
        return {"status": TaskStatus.IN_PROGRESS} if task.status == TaskStatus.NOT_STARTED else {}
    if percent >= 100:
        late = task.due_date is not None and day > task.due_date
        return {"status": TaskStatus.DONE_LATE if late else TaskStatus.DONE, "completed_on": day,
                "percent": percent}
    status = TaskStatus.IN_PROGRESS if percent > 0 else task.status
    return {"status": status, "completed_on": None, "percent": percent}


@transaction.atomic
def progress_report_create(*, task: Task, actor: AnyUser | None, unit: Any, text: str, percent: Decimal,
                           date: dt.date | None = None, files: Iterable[Any] = (),
                           due_item: TaskDueItem | None = None) -> ProgressReport:
    """A progress report of ``unit`` on ``task`` with evidence ``files`` (uploaded files)."""
    day = date or timezone.localdate()
    text = unicodedata.normalize("NFC", text or "").strip()
    errors = _report_errors(task, unit, day, percent, text)
    files = list(files)
    for upload in files:
        problem = evidence_check(upload)
        if problem:
            errors.setdefault("files", problem)
    if errors:
        raise ValidationError(errors)
    item = _open_due_item(task, unit, due_item) if task.deadline_kind == "recurring" else None
    report = ProgressReport.objects.create(task=task, unit=unit, due_item=item, date=day,
                                           text=text, percent=percent,
                                           author=actor if isinstance(actor, User) else None)
    for upload in files:
        Evidence.objects.create(report=report, file=upload, name=upload.name[:255],
                                size=upload.size, content_type=upload.content_type or "")
    if item is not None:  # reported on the report's day (a report typed in late keeps its date)
        item.done_at = (timezone.now() if day >= timezone.localdate() else
                        timezone.make_aware(dt.datetime.combine(day, dt.time(12))))
        item.save(update_fields=["done_at"])
    changes = _status_after(task, percent, day)
    if task.deadline_kind != "recurring" and unit.pk != task.lead_unit_id:
        changes = {}  # a coordinating unit's report does not move the task's status
    diff = fields_set(task, changes)
    if diff:
        _bump_version(task, None)
        task.save()
    audit_record(actor=actor, action="progress_report_create", obj=task,
                 summary=f"{task.plan.code} {task.number}: {percent}% ({unit.code})",
                 data={"report": report.pk, "files": [f.name for f in files], **diff})
    return report


# --- the lead unit's own evaluation ------------------------------------------------------------

MAX_ASSESSMENT = 2000


@transaction.atomic
def task_assess(*, task: Task, year: int, verdict: str, text: str, actor: AnyUser) -> TaskAssessment:
    """The lead unit evaluates a task it was assigned (hoàn thành / đúng tiến độ / chậm tiến độ)
    with a sentence, for ``year``; the evaluation before is kept (``superseded_at``). The task's
    computed status and lateness are not changed: the programme shows both."""
    text = clean_text((text or "").strip())
    errors: dict[str, list[str]] = {}
    if verdict not in AssessmentVerdict.values:
        errors["verdict"] = [_("Đánh giá không hợp lệ: chọn hoàn thành, đúng tiến độ hoặc chậm "
                               "tiến độ.")]
    if not text:
        errors["text"] = [_("Hãy ghi một câu nhận xét về kết quả thực hiện nhiệm vụ.")]
    elif len(text) > MAX_ASSESSMENT:
        errors["text"] = [_("Nhận xét dài quá %(n)s ký tự.") % {"n": MAX_ASSESSMENT}]
    plan = task.plan
    if not isinstance(year, int) or not plan.start_year <= year <= plan.end_year:
        errors["year"] = [_("Năm đánh giá phải trong thời gian của chương trình (%(a)s-%(b)s).")
                          % {"a": plan.start_year, "b": plan.end_year}]
    if errors:
        raise ValidationError(errors)
    if not permissions.can_assess_task(actor, task):
        raise permissions.refuse()
    previous = (TaskAssessment.objects.select_for_update()
                .filter(task=task, year=year, superseded_at__isnull=True).first())
    if previous is not None:
        previous.superseded_at = timezone.now()
        previous.save(update_fields=["superseded_at"])
    assessment = TaskAssessment(task=task, year=year, unit_id=task.lead_unit_id, verdict=verdict,
                                text=text, by=actor if permissions.is_authenticated(actor) else None)
    assessment.full_clean()
    assessment.save()
    audit_record(actor=actor, action="task_assess", obj=task,
                 summary=f"{task.number} {year}: {verdict}",
                 data={"year": year, "verdict": verdict, "text": text,
                       "previous": previous.verdict if previous else None})
    return assessment
