"""A plan's family side by side: for every indicator of an annual plan, the five-year target
(its parent's), this year's target, the last actual value before the year and the status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kehoach.core.models import AnyUser
from kehoach.plans.models import Plan, Target
from kehoach.plans.selectors import target_list
from kehoach.values.models import Value


@dataclass
class FamilyRow:
    target: Target
    parent_target: Target | None
    last_actual: Value | None
    status: str = ""
    status_label: str = ""


def _parent_targets(plan: Plan) -> dict[tuple[int, int], Target]:
    if plan.parent is None:
        return {}
    return {(t.indicator_id, t.unit_id): t for t in target_list(plan=plan.parent)}


def _last_actuals(plan: Plan, targets: list[Target]) -> dict[tuple[int, int], Value]:
    """The latest actual (else estimate) yearly value before the plan's first year."""
    found: dict[tuple[int, int], Value] = {}
    values = Value.objects.filter(
        indicator_id__in={t.indicator_id for t in targets}, unit_id__in={t.unit_id for t in targets},
        year__lt=plan.start_year, kind__in=("actual", "estimate"),
    ).exclude(period__contains="-").order_by("year", "kind")
    for value in values:  # later years win; at the same year "estimate" < "actual" sorts first
        found[(value.indicator_id, value.unit_id)] = value
    return found


def family_rows(*, plan: Plan, statuses: dict[int, tuple[str, str]] | None = None
                ) -> list[FamilyRow]:
    """One row per target of ``plan``; ``statuses``: target id → (status, label)."""
    targets = list(target_list(plan=plan))
    parents = _parent_targets(plan)
    actuals = _last_actuals(plan, targets)
    rows = []
    for target in targets:
        key = (target.indicator_id, target.unit_id)
        status, label = (statuses or {}).get(target.pk, ("", ""))
        rows.append(FamilyRow(target, parents.get(key), actuals.get(key), status, label))
    return rows


def family_context(plan: Plan, user: AnyUser) -> dict[str, Any]:
    """What the plan page shows of the family: the rows for an annual plan (with the status of
    the year, from the evaluation), nothing for the others."""
    if plan.kind != "annual" or not plan.targets.exists():
        return {}
    from django.utils.translation import get_language

    from kehoach.evaluation.rules import label
    from kehoach.evaluation.services import plan_evaluate

    lang = "en" if (get_language() or "vi").startswith("en") else "vi"
    evaluation = plan_evaluate(plan=plan, year=plan.start_year, user=user)
    statuses = {r.target.pk: (r.status, label("status", r.status, lang))
                for r in evaluation.results if not r.applied}
    return {"family_rows": family_rows(plan=plan, statuses=statuses)}
