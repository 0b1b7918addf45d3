"""Reads of the evaluation app, filtered by what the user may see (rules in core.permissions)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.evaluation.models import StatusOverride, TargetJudgement
from kehoach.plans.models import Plan, PlanKind, Target
from kehoach.plans.selectors import plan_list_for_user, target_list
from kehoach.plans.services import target_applies_in
from kehoach.units.models import GEOGRAPHIC_TYPES, Unit

#: Aggregations whose values are totals of the units: a province's level or cumulative target
#: is meaningless for one of its communes, so the drill-down leaves those targets out.
ADDITIVE = ("sum",)
#: The user of the command line: reads everything.
SYSTEM = None
#: Plans whose targets the responsible units judge ("khả năng hoàn thành").
JUDGED_PLAN_KINDS = (PlanKind.FIVE_YEAR, PlanKind.MASTER)


def evaluation_unit_get_for_user(*, user: AnyUser, code: str) -> Unit:
    """A unit whose figures the user may read (404 otherwise)."""
    unit = Unit.objects.select_related("parent").filter(code=code).first()
    if unit is None or not permissions.can_read_unit_data(user, unit.pk):
        raise permissions.deny()
    return unit


def evaluation_plans_for_user(*, user: AnyUser) -> QuerySet[Plan]:
    """Plans a logged-in user may evaluate (reporters: only those with a target in scope)."""
    if not permissions.is_authenticated(user):
        return Plan.objects.none()
    plans = plan_list_for_user(user=user)
    scope = permissions.unit_scope_ids(user)
    if scope is not None:
        plans = plans.filter(targets__unit_id__in=scope).distinct()
    return plans.order_by("-start_year", "code")


def evaluation_targets(
    *, plan: Plan, unit: Unit | None, user: AnyUser | None, year: int | None = None
) -> list[tuple[Target, Unit, bool]]:
    """(target, unit evaluated, applied?) for the targets of ``plan`` the user may read.

    ``user`` is None (``SYSTEM``) for the command line, which reads everything.
    ``applied`` is True when the plan has no target for ``unit`` and the plan unit's targets are
    applied to it (drill-down), additive totals excepted. With ``year``, only the targets in
    force that year (a revised plan: the earlier targets for the years before the revision).
    """
    targets = [t for t in target_list(plan=plan) if year is None or target_applies_in(t, year)]
    scope = None if user is SYSTEM else permissions.unit_scope_ids(user)
    if unit is None:
        return [(t, t.unit, False) for t in targets if scope is None or t.unit_id in scope]
    if scope is not None and unit.pk not in scope:
        raise permissions.deny()
    own = [(t, unit, False) for t in targets if t.unit_id == unit.pk]
    if own:
        return own
    return [
        (t, unit, True) for t in targets
        if t.unit_id == plan.unit_id and not (
            t.indicator.aggregation in ADDITIVE and t.target_type in ("level", "cumulative")
        )
    ]


def drilldown_units(*, plan: Plan, unit: Unit | None, year: int, user: AnyUser) -> list[Unit]:
    """Geographic units one level below ``unit`` (or the plan's unit) valid in ``year``,
    that the user may read."""
    import datetime as dt

    parent = unit or plan.unit
    day = dt.date(year, 12, 31)
    units = Unit.objects.filter(parent=parent, type__in=GEOGRAPHIC_TYPES).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    )
    scope = permissions.unit_scope_ids(user)
    if scope is not None:
        units = units.filter(pk__in=scope)
    return list(units.order_by("code"))


def override_active_map(*, targets: Iterable[Target], year: int) -> dict[int, StatusOverride]:
    ids = [t.pk for t in targets]
    if not ids:
        return {}
    return {
        o.target_id: o for o in StatusOverride.objects.select_related("by").filter(
            target_id__in=ids, year=year, cleared_at__isnull=True
        )
    }


def override_history(*, target: Target, year: int) -> QuerySet[StatusOverride]:
    return StatusOverride.objects.select_related("by", "cleared_by").filter(
        target=target, year=year
    )


def target_get_for_override(*, user: AnyUser, plan: Plan, target_id: int) -> Target:
    """A target of ``plan`` (else 404) the user may override (planning office only, else 403)."""
    target = Target.objects.select_related("indicator", "unit", "plan").filter(
        plan=plan, pk=target_id
    ).first()
    if target is None:
        raise permissions.deny()
    if not permissions.can_override_status(user):
        raise permissions.refuse()
    return target


def consolidation_scope(*, user: AnyUser) -> set[int] | None:
    """Units whose consolidated rows the user may read (None: all)."""
    return permissions.unit_scope_ids(user)


def can_override(*, user: AnyUser) -> bool:
    """Only the planning office (and administrators) override a computed status."""
    return permissions.can_override_status(user)


# --- the units' own judgements --------------------------------------------------------------


def judgement_current_map(*, target_ids: Iterable[int], year: int) -> dict[int, TargetJudgement]:
    """Target id → the unit's current judgement of it for ``year``."""
    ids = list(target_ids)
    if not ids:
        return {}
    return {j.target_id: j for j in TargetJudgement.objects.select_related("by", "unit").filter(
        target_id__in=ids, year=year, superseded_at__isnull=True)}


def judgement_history_map(*, target_ids: Iterable[int], year: int) -> dict[int, list[TargetJudgement]]:
    """Target id → its earlier (superseded) judgements for ``year``, newest first."""
    found: dict[int, list[TargetJudgement]] = {}
    for j in TargetJudgement.objects.select_related("by").filter(
            target_id__in=list(target_ids), year=year, superseded_at__isnull=False):
        found.setdefault(j.target_id, []).append(j)
    return found


def judgement_list_for_user(*, user: AnyUser, year: int | None = None, unit: Unit | None = None,
                            current_only: bool = True) -> QuerySet[TargetJudgement]:
    """Judgements the user may read: every unit's for the province-wide roles, a reporter's own
    units' otherwise."""
    qs = TargetJudgement.objects.select_related("target__indicator", "target__plan", "unit", "by")
    scope = permissions.unit_scope_ids(user)
    if not permissions.is_province_wide(user):
        qs = qs.filter(unit_id__in=scope or set())
    if year is not None:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if current_only:
        qs = qs.filter(superseded_at__isnull=True)
    return qs.order_by("unit__code", "target__plan__code", "target__position", "-at")


def target_get_for_judgement(*, user: AnyUser, target_id: int, write: bool = False) -> Target:
    """A five-year or master-plan target the user may read the judgements of (404 otherwise);
    with ``write``, 403 unless the user speaks for its responsible unit."""
    target = Target.objects.select_related("indicator", "plan", "responsible_unit").filter(
        pk=target_id, plan__kind__in=JUDGED_PLAN_KINDS).first()
    if (target is None or not permissions.can_see_plan(user, target.plan)
            or not permissions.can_read_unit_judgements(user, target.responsible_unit_id)):
        raise permissions.deny()
    if write and not permissions.can_judge_target(user, target):
        raise permissions.refuse()
    return target


def judgement_todo(*, user: AnyUser, year: int) -> dict[str, int]:
    """For a reporter's start page: the five-year and master-plan targets covering ``year``
    that the user's unit(s) answer for, and how many of them it has judged for that year."""
    scope = permissions.unit_scope_ids(user)
    if not permissions.is_reporter(user) or not scope:
        return {"total": 0, "judged": 0}
    found = Target.objects.filter(
        plan__kind__in=JUDGED_PLAN_KINDS, plan__start_year__lte=year, end_year__gte=year,
        responsible_unit_id__in=scope, superseded_from__isnull=True).select_related("plan")
    targets = [t for t in found if permissions.can_see_plan(user, t.plan)]
    judged = TargetJudgement.objects.filter(target__in=targets, year=year,
                                            superseded_at__isnull=True).count()
    return {"total": len(targets), "judged": judged}
