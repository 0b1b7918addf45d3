"""Reads of units."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from kehoach.core import permissions
from kehoach.units.models import Unit


def unit_descendant_ids(*, unit_id: int) -> set[int]:
    """All units below ``unit_id`` (one query per level of the tree)."""
    found: set[int] = set()
    frontier = {unit_id}
    while frontier:
        children = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        frontier = children - found - {unit_id}
        found |= frontier
    return found


def units_valid_on(*, day: dt.date | None) -> QuerySet[Unit]:
    qs = Unit.objects.all()
    if day is None:
        return qs
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def unit_get_for_user(*, user, pk: int | None = None, code: str | None = None) -> Unit:
    """A unit, for a logged-in user (units are reference data)."""
    if not permissions.can_see_reference_data(user):
        raise permissions.deny()
    lookup = {"pk": pk} if pk is not None else {"code": code}
    try:
        return Unit.objects.select_related("parent").get(**lookup)
    except (Unit.DoesNotExist, ValueError):
        raise permissions.deny()


def unit_resolve(*, ref: str, on: dt.date | None = None) -> Unit | None:
    """Find the unit a file means by ``ref``: its code; else its GSO code, or its exact name
    (NFC, case-insensitive), among the units valid on ``on`` when there is exactly one."""
    ref = (ref or "").strip()
    if not ref:
        return None
    unit = Unit.objects.filter(code=ref).first()
    if unit is not None:
        return unit
    for lookup in ({"gso_code": ref}, {"name__iexact": ref}):
        candidates = list(units_valid_on(day=on).filter(**lookup)[:2])
        if len(candidates) == 1:
            return candidates[0]
    return None
