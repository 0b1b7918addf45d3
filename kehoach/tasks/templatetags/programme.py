"""``{% plan_programme plan %}``: the plan page's section on its tasks and projects."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from kehoach.core import permissions

register = template.Library()

HISTORY = {
    "task_create": _("tạo nhiệm vụ"), "task_update": _("sửa nhiệm vụ"),
    "progress_report_create": _("báo cáo tiến độ"), "task_reminder_send": _("gửi nhắc hạn"),
}


@register.filter
def history_label(action: str) -> str:
    """The task history's actions in words."""
    return str(HISTORY.get(action, action))


@register.inclusion_tag("tasks/_plan_programme.html", takes_context=True)
def plan_programme(context: dict[str, Any], plan: Any) -> dict[str, Any]:
    from kehoach.projects.selectors import default_year, project_list, project_totals
    from kehoach.tasks.selectors import programme_counts, task_list

    user = context["request"].user
    if not permissions.is_authenticated(user):
        return {"show": False}
    tasks = list(task_list(user=user, plan=plan))
    year = default_year()
    projects = list(project_list(user=user, plan=plan, year=year))
    return {"show": bool(tasks or projects), "plan": plan, "tasks": tasks,
            "counts": programme_counts(tasks), "projects": projects, "year": year,
            "totals": project_totals(projects=projects, year=year, plan=plan)}


@register.inclusion_tag("tasks/_my_tasks.html", takes_context=True)
def my_tasks_card(context: dict[str, Any]) -> dict[str, Any]:
    """The reporter's start page: the unit's tasks that are late, due soon, never reported, and
    those assigned by a decision it has not evaluated this year."""
    from django.utils import timezone

    from kehoach.tasks.selectors import my_unit_tasks, tasks_to_assess

    user = context["request"].user
    mine = my_unit_tasks(user=user)
    year = timezone.localdate().year
    to_assess = [t for t in tasks_to_assess(user=user, year=year) if t.assessment is None
                 or t.assessment.year != year]
    return {"mine": mine, "to_assess": to_assess, "year": year,
            "show": any(mine.values()) or bool(to_assess)}
