"""The timeline of a plan: each task from its start (or the plan's first day) to its due date,
each project over its phase, as positions (percent of the plan's years) for the page's bars."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kehoach.core.models import AnyUser
from kehoach.plans.models import Plan


def _position(start: dt.date, end: dt.date, first: dt.date, last: dt.date) -> dict[str, float]:
    span = (last - first).days or 1
    left = max(0.0, (start - first).days / span * 100)
    right = min(100.0, (end - first).days / span * 100)
    return {"left": round(left, 2), "width": round(max(right - left, 0.8), 2)}


def timeline_rows(*, user: AnyUser, plan: Plan, today: dt.date | None = None) -> dict[str, Any]:
    from kehoach.projects.selectors import project_list
    from kehoach.tasks.selectors import task_list

    today = today or timezone.localdate()
    first, last = dt.date(plan.start_year, 1, 1), dt.date(plan.end_year, 12, 31)
    tasks = []
    for task in task_list(user=user, plan=plan, today=today):
        start = task.start_date or first
        end = task.due_date or last
        tasks.append({"task": task, "open_end": task.due_date is None,
                      **_position(max(start, first), min(end, last), first, last)})
    projects = []
    for project in project_list(user=user, plan=plan):
        start, end = dt.date(project.start_year, 1, 1), dt.date(project.end_year, 12, 31)
        projects.append({"project": project, **_position(max(start, first), min(end, last),
                                                         first, last)})
    years = [{"year": y, **_position(dt.date(y, 1, 1), dt.date(y, 12, 31), first, last)}
             for y in range(plan.start_year, plan.end_year + 1)]
    now = _position(today, today, first, last) if first <= today <= last else None
    return {"task_rows": tasks, "project_rows": projects, "years": years, "now": now}
