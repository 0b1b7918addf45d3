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
