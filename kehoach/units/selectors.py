"""Reads of units."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from kehoach.core import permissions
from kehoach.core.text import ascii_fold
from kehoach.units.models import Succession, Unit, UnitType

UNIT_TYPE_ORDER = _TYPE_ORDER = Case(
    *(When(type=t, then=Value(i)) for i, t in enumerate(
        [UnitType.PROVINCE, UnitType.DEPARTMENT, UnitType.AGENCY, UnitType.DISTRICT,
         UnitType.COMMUNE, UnitType.ENTERPRISE, UnitType.OTHER])),
    default=Value(99),
    output_field=IntegerField(),
)


def units_valid_on(*, day: dt.date | None) -> QuerySet[Unit]:
    qs = Unit.objects.all()
    if day is None:
        return qs
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def unit_get_for_user(
    *, user, pk: int | None = None, code: str | None = None, write: bool = False
) -> Unit:
    """A unit, for a logged-in user (units are reference data); ``write``: for the planning
    office only."""
    if not permissions.can_see_reference_data(user):
        raise permissions.deny()
    lookup = {"pk": pk} if pk is not None else {"code": code}
    try:
        unit = Unit.objects.select_related("parent").get(**lookup)
    except (Unit.DoesNotExist, ValueError):
        raise permissions.deny()
    if write and not permissions.can_edit_reference_data(user):
        raise permissions.refuse()
    return unit


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


def unit_match(*, ref: str, on: dt.date | None = None) -> tuple[Unit | None, list[Unit]]:
    """``unit_resolve``, then a name written without its province ("Sở Y tế" for "Sở Y tế tỉnh
    Thái Nguyên", when exactly one unit valid on ``on`` reads so); otherwise no unit and the
    closest names (rapidfuzz, accents ignored) to suggest."""
    unit = unit_resolve(ref=ref, on=on)
    if unit is not None or not (ref or "").strip():
        return unit, []
    from rapidfuzz import fuzz, process

    key = ascii_fold(ref)
    rows = list(units_valid_on(day=on).values_list("pk", "name", "name_ascii", "type"))
    names = {pk: folded or ascii_fold(name) for pk, name, folded, _type in rows}
    short = [pk for pk, name in names.items()
             if name == key or name.startswith((key + " tinh ", key + " thanh pho "))]
    if len(short) == 1:
        return Unit.objects.get(pk=short[0]), []
    if len(rows) > 500:  # thousands of communes: suggest among the other units first
        names = {pk: names[pk] for pk, _n, _f, kind in rows if kind != UnitType.COMMUNE}
    best = process.extract(key, names, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    by_pk = Unit.objects.in_bulk([pk for _name, _score, pk in best])
    return None, [by_pk[pk] for _name, _score, pk in best if pk in by_pk]


def unit_not_found_message(*, ref: str, suggestions: list[Unit]) -> str:
    """“không tìm thấy đơn vị …; có phải: …?” (the message of every import and form)."""
    from django.utils.translation import gettext as _

    text = _("không tìm thấy đơn vị “%(u)s” (viết mã hoặc đúng tên đơn vị)") % {"u": ref}
    if suggestions:
        return text + _("; có phải: %(s)s?") % {
            "s": "; ".join(f"{u.name} ({u.code})" for u in suggestions)}
    return text + "."


def units_match_list(*, text: str, on: dt.date | None = None) -> tuple[list[Unit], list[str]]:
    """Units written in one cell, separated by ``;``, new lines or commas (a name holding a comma,
    "Sở Văn hóa, Thể thao và Du lịch", is read whole); returns (units, messages of those not
    found)."""
    units: list[Unit] = []
    problems: list[str] = []
    for part in [p.strip() for p in text.replace("\n", ";").split(";") if p.strip()]:
        tokens = [t.strip() for t in part.split(",")]
        start = 0
        while start < len(tokens):
            for end in range(len(tokens), start, -1):
                ref = ", ".join(tokens[start:end])
                unit, suggestions = unit_match(ref=ref, on=on)
                if unit is not None:
                    break
            if unit is None:
                ref = tokens[start]
                end = start + 1
                if ref:
                    _none, suggestions = unit_match(ref=ref, on=on)
                    problems.append(unit_not_found_message(ref=ref, suggestions=suggestions))
            elif unit not in units:
                units.append(unit)
            start = end
    return units, problems


def _children_count(qs: QuerySet[Unit], on: dt.date | None) -> QuerySet[Unit]:
    valid = Q()
    if on is not None:
        valid = (Q(children__valid_from__isnull=True) | Q(children__valid_from__lte=on)) & (
            Q(children__valid_to__isnull=True) | Q(children__valid_to__gte=on)
        )
    return qs.annotate(children_count=Count("children", filter=valid, distinct=True))


def unit_tree_roots(*, on: dt.date | None) -> QuerySet[Unit]:
    """Units without a parent valid on ``on`` (provinces first), with ``children_count``."""
    qs = units_valid_on(day=on).filter(parent__isnull=True)
    return _children_count(qs, on).order_by(_TYPE_ORDER, "code")


def unit_children(*, unit: Unit, on: dt.date | None) -> QuerySet[Unit]:
    """The children of ``unit`` valid on ``on`` (departments, then districts, then communes)."""
    qs = units_valid_on(day=on).filter(parent=unit)
    return _children_count(qs, on).order_by(_TYPE_ORDER, "name_ascii", "code")


def unit_search(*, q: str, on: dt.date | None) -> QuerySet[Unit]:
    """Units valid on ``on`` whose name contains ``q`` (accents and case ignored) or whose code or
    GSO code is ``q``."""
    key = ascii_fold(q)
    if not key:
        return Unit.objects.none()
    words = Q()
    for word in key.split():
        words &= Q(name_ascii__contains=word)
    match = words | Q(code__iexact=q.strip()) | Q(gso_code=q.strip())
    qs = units_valid_on(day=on).filter(match).select_related("parent")
    return _children_count(qs, on).order_by(_TYPE_ORDER, "name_ascii", "code")


def unit_predecessors(*, unit: Unit) -> QuerySet[Succession]:
    """The links of the units that went into ``unit``, each with its ``share``."""
    return (
        Succession.objects.filter(successor=unit)
        .select_related("predecessor", "predecessor__parent")
        .order_by("-share", "predecessor__code")
    )


def unit_successors(*, unit: Unit) -> QuerySet[Succession]:
    """The links of the units ``unit`` went into, each with its ``share``."""
    return (
        Succession.objects.filter(predecessor=unit)
        .select_related("successor", "successor__parent")
        .order_by("-share", "successor__code")
    )


def unit_successor_map(*, units: list[Unit]) -> dict[int, list[Succession]]:
    """For a page of units: id → their successor links (one query)."""
    found: dict[int, list[Succession]] = {u.pk: [] for u in units}
    links = Succession.objects.filter(predecessor__in=[u.pk for u in units]).select_related(
        "successor"
    )
    for link in links.order_by("-share", "successor__code"):
        found[link.predecessor_id].append(link)
    return found


def unit_list(
    *, type: str = "", parent: Unit | None = None, on: dt.date | None = None, q: str = ""  # noqa: A002
) -> QuerySet[Unit]:
    """The API's list: filters combined."""
    qs = unit_search(q=q, on=on) if q.strip() else units_valid_on(day=on)
    if type:
        qs = qs.filter(type=type)
    if parent is not None:
        qs = qs.filter(parent=parent)
    return qs.select_related("parent").order_by("code")


def unit_export_rows(*, units: QuerySet[Unit] | None = None) -> Iterator[dict[str, Any]]:
    """Every unit (or those of ``units``, e.g. a search's) as a row of the units exchange file
    (interfaces.md §1), streamed.

    A unit whose territory went to several successors (an old district split among the new
    communes of 2025) has one row per successor, the largest share first, the other columns
    repeated: ``import_units`` reads them back as one unit with all its links."""
    successors: dict[int, list[Succession]] = defaultdict(list)
    links = Succession.objects.select_related("successor").order_by("-share", "successor__code")
    for each in links:
        successors[each.predecessor_id].append(each)
    qs = Unit.objects.all() if units is None else Unit.objects.filter(pk__in=units.values("pk"))
    for unit in qs.select_related("parent").order_by("code").iterator(chunk_size=2000):
        row = {
            "code": unit.code, "name": unit.name, "type": unit.type,
            "parent": unit.parent.code if unit.parent else "",
            "valid_from": unit.valid_from, "valid_to": unit.valid_to,
            "successor": "", "successor_share": None,
            "gso_code": unit.gso_code, "email": unit.email,
        }
        for link in successors.get(unit.pk, []):
            yield {**row, "successor": link.successor.code, "successor_share": link.share}
        if unit.pk not in successors:
            yield row
