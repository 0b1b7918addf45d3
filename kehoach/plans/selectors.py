"""Reads of plans and targets, filtered by what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kehoach.core import permissions
from kehoach.plans.models import PUBLISHED_STATUSES, Plan, Target


def plan_list_for_user(*, user: Any) -> QuerySet[Plan]:
    qs = Plan.objects.select_related("unit", "parent")
    if not permissions.is_province_wide(user):
        qs = qs.filter(status__in=PUBLISHED_STATUSES)
    return qs


def plan_get_for_user(*, user: Any, code: str, write: bool = False) -> Plan:
    """The plan with ``code`` if the user may see it (and, with ``write``, change it)."""
    plan = Plan.objects.select_related("unit", "parent").filter(code=code).first()
    if plan is None or not permissions.can_see_plan(user, plan):
        raise permissions.deny()
    if write and not permissions.can_edit_plans(user):
        raise permissions.deny()
    return plan


def target_list(*, plan: Plan) -> QuerySet[Target]:
    return plan.targets.select_related("indicator", "unit").order_by(
        "indicator__group", "position", "id"
    )
