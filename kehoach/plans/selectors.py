"""Reads of plans and targets, filtered by what the user may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.indicators.models import Group
from kehoach.plans.models import PUBLISHED_STATUSES, Plan, PlanKind, PlanStatus, Target
from kehoach.units.models import Unit, UnitType
from kehoach.units.selectors import UNIT_TYPE_ORDER


def plan_list_for_user(*, user: AnyUser) -> QuerySet[Plan]:
    qs = Plan.objects.select_related("unit", "parent")
    if not permissions.is_province_wide(user):
        qs = qs.filter(status__in=PUBLISHED_STATUSES)
    return qs


def plan_find_for_user(*, user: AnyUser, code: str) -> Plan | None:
    """The plan with ``code`` among those the user may see, or None (for filters and forms that
    answer "no such plan" themselves)."""
    return plan_list_for_user(user=user).filter(code=code).first() if code else None


def plan_get_for_user(*, user: AnyUser, code: str, write: bool = False) -> Plan:
    """The plan with ``code`` if the user may see it (and, with ``write``, change it)."""
    plan = Plan.objects.select_related("unit", "parent").filter(code=code).first()
    if plan is None or not permissions.can_see_plan(user, plan):
        raise permissions.deny()
    if write and not permissions.can_edit_plans(user):
        raise permissions.refuse()
    return plan


def target_list(*, plan: Plan) -> QuerySet[Target]:
    """The plan's targets in the plan's own order: as they were written or imported
    (``position``, then creation), never regrouped alphabetically."""
    return plan.targets.select_related("indicator", "unit", "responsible_unit").order_by(
        "position", "id"
    )


def plan_list_filtered(*, user: AnyUser, kind: str = "", status: str = "", year: str = "",
                       query: str = "") -> QuerySet[Plan]:
    """``plan_list_for_user`` narrowed by kind, status, a year the plan covers, and words of its
    code, name or document."""
    qs = plan_list_for_user(user=user)
    if kind in PlanKind.values:
        qs = qs.filter(kind=kind)
    if status in PlanStatus.values:
        qs = qs.filter(status=status)
    if year.isdigit():
        qs = qs.filter(start_year__lte=int(year), end_year__gte=int(year))
    for word in query.split():
        qs = qs.filter(Q(code__icontains=word) | Q(name__icontains=word) | Q(document__icontains=word))
    return qs


def target_get_for_user(*, user: AnyUser, pk: int, write: bool = False) -> Target:
    """The target ``pk`` if the user may see its plan (and, with ``write``, change plans)."""
    target = Target.objects.select_related("plan", "plan__unit", "indicator", "unit", "responsible_unit").filter(pk=pk).first()
    if target is None or not permissions.can_see_plan(user, target.plan):
        raise permissions.deny()
    if write and not permissions.can_edit_plans(user):
        raise permissions.refuse()
    return target


@dataclass
class TargetGroup:
    number: str
    label: str
    targets: list[Target] = field(default_factory=list)


_ROMAN = ("I", "II", "III", "IV", "V", "VI")


def targets_by_group(*, plan: Plan) -> list[TargetGroup]:
    """The plan's targets in the groups of the documents (economy, society, environment …),
    the groups in the plan's own order (that of their first target), numbered I, II …"""
    labels = dict(Group.choices)
    groups: dict[str, TargetGroup] = {}
    for target in target_list(plan=plan):
        key = target.indicator.group
        if key not in groups:
            groups[key] = TargetGroup("", str(labels.get(key, key)))
        groups[key].targets.append(target)
    shown = list(groups.values())
    for number, group in zip(_ROMAN, shown, strict=False):
        group.number = number
    return shown


def plan_rows() -> list[dict[str, Any]]:
    """Every plan (drafts too) with the fields of ``kehoach plans``."""
    return [
        {"code": p.code, "name": p.name, "kind": p.kind, "start_year": p.start_year,
         "end_year": p.end_year, "unit": p.unit.code, "document": p.document, "status": p.status}
        for p in Plan.objects.select_related("unit").order_by("start_year", "code")
    ]


def targets_by_responsible(*, plan: Plan) -> list[tuple[Any, list[Target]]]:
    """The plan's targets grouped by the unit that answers for them (units by name; targets not
    given to anyone last, under None), each group in the plan's order."""
    groups: dict[Any, list[Target]] = {}
    for target in target_list(plan=plan).filter(superseded_from__isnull=True):
        groups.setdefault(target.responsible_unit, []).append(target)
    named = sorted((u for u in groups if u is not None), key=lambda u: (u.type, u.name))
    return [(u, groups[u]) for u in named] + ([(None, groups[None])] if None in groups else [])


def responsible_unit_choices(*, plan: Plan) -> QuerySet[Unit]:
    """Units a target of ``plan`` may be given to: the units below the plan's unit
    (departments, agencies, communes …) valid in some year of the plan."""
    first, last = dt.date(plan.start_year, 1, 1), dt.date(plan.end_year, 12, 31)
    return Unit.objects.descendants_of(plan.unit_id).exclude(type=UnitType.PROVINCE).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last),
        Q(valid_to__isnull=True) | Q(valid_to__gte=first),
    ).order_by(UNIT_TYPE_ORDER, "name")


def plan_export_rows(*, plans: QuerySet[Plan] | None = None) -> Iterator[dict[str, Any]]:
    """Every plan (or those of ``plans``) as a row of the plans exchange file (interfaces.md §1)."""
    qs = Plan.objects.all() if plans is None else plans
    for p in qs.select_related("unit", "parent").order_by("start_year", "code"):
        yield {"code": p.code, "name": p.name, "kind": p.kind, "start_year": p.start_year,
               "end_year": p.end_year, "unit": p.unit.code,
               "parent": p.parent.code if p.parent else "", "document": p.document,
               "document_date": p.document_date, "status": p.status, "issuer": p.issuer,
               "goal": p.goal}


def target_export_rows(*, plans: QuerySet[Plan] | None = None) -> Iterator[dict[str, Any]]:
    """Every target (of ``plans``, or of all plans) as a row of the targets exchange file."""
    qs = Target.objects.select_related("plan", "indicator", "unit").order_by(
        "plan__code", "position", "pk")
    if plans is not None:
        qs = qs.filter(plan__in=plans)
    for t in qs.select_related("responsible_unit").iterator(chunk_size=2000):
        responsible = t.responsible_unit
        yield {"plan": t.plan.code, "indicator": t.indicator.code, "unit": t.unit.code,
               "period": t.period, "comparator": t.comparator, "value": t.value,
               "value_max": t.value_max, "target_type": t.target_type, "tolerance": t.tolerance,
               "note": t.note, "responsible_unit": responsible.code if responsible else "",
               "phrasing": t.phrasing, "wording": t.wording}


_KIND_ORDER: dict[str, int] = {"annual": 0, "five_year": 1, "master": 2, "action": 3}


def indicator_owners(*, unit_id: int, year: int) -> dict[int, Unit]:
    """Indicator id → the unit that answers for it for ``unit_id`` in ``year``: the responsible
    unit of a target of a plan of that unit covering the year (annual plan first, then the
    five-year plan, then the master plan)."""
    targets = Target.objects.filter(
        unit_id=unit_id, responsible_unit__isnull=False, plan__start_year__lte=year,
        plan__end_year__gte=year,
    ).select_related("responsible_unit", "plan").order_by("id")
    owners: dict[int, tuple[int, Unit]] = {}
    for target in targets:
        rank = _KIND_ORDER.get(str(target.plan.kind), 9)
        unit = target.responsible_unit
        if unit is not None and (target.indicator_id not in owners
                                 or rank < owners[target.indicator_id][0]):
            owners[target.indicator_id] = (rank, unit)
    return {pk: unit for pk, (_rank, unit) in owners.items()}


def indicator_owner_sets(*, unit_id: int, years: list[int]) -> dict[int, list[Unit]]:
    """Indicator id → every unit answering for it for ``unit_id``: the responsible units of the
    targets of the first of ``years`` in which the indicator was given to someone, at the best
    rank of plan (annual, five-year, master); two units there means the row is answered twice.
    One query."""
    if not years:
        return {}
    covering = Q()
    for year in years:
        covering |= Q(plan__start_year__lte=year, plan__end_year__gte=year)
    targets = Target.objects.filter(covering, unit_id=unit_id, responsible_unit__isnull=False,
                                    superseded_from__isnull=True).select_related(
        "responsible_unit", "plan").order_by("id")
    best: dict[int, tuple[tuple[int, int], list[Unit]]] = {}
    for target in targets:
        unit = target.responsible_unit
        assert unit is not None
        for index, year in enumerate(years):
            if not target.plan.start_year <= year <= target.plan.end_year:
                continue
            key = (index, _KIND_ORDER.get(str(target.plan.kind), 9))
            found = best.get(target.indicator_id)
            if found is None or key < found[0]:
                best[target.indicator_id] = (key, [unit])
            elif key == found[0] and unit not in found[1]:
                found[1].append(unit)
    return {pk: units for pk, (_key, units) in best.items()}
