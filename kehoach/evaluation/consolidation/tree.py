"""The consolidation tree of a period: which units add up into which (evaluation.md §5).

Built in Python from the units and succession links (a few thousand rows, read in two queries);
the values themselves are only ever touched in SQL (``consolidation.py``).

For a period ending on day D:
- *tree edges*: every geographic unit valid on D whose parent is a geographic unit valid on D
  (communes → province since 1/7/2025; communes → districts → province before). Departments and
  other non-geographic units are never summed: they report the province's own figures.
- *succession edges*: a unit not yet valid on D (D before its ``valid_from``) gets its value from
  its predecessors, each weighted by its successor share.
Each parent gets a level (its height in the graph): level 1 is computed first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from kehoach.units.models import GEOGRAPHIC_TYPES, Succession, Unit

ONE = Decimal(1)


@dataclass(frozen=True)
class Edge:
    period: str
    parent_id: int
    child_id: int
    share: Decimal
    level: int


@dataclass(frozen=True)
class UnitRow:
    id: int
    parent_id: int | None
    geographic: bool
    valid_from: dt.date | None
    valid_to: dt.date | None

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class UnitGraph:
    """Units and succession links, loaded once (two queries), for any number of periods."""

    def __init__(self) -> None:
        self.units = {
            pk: UnitRow(pk, parent, kind in GEOGRAPHIC_TYPES, vf, vt)
            for pk, parent, kind, vf, vt in Unit.objects.values_list(
                "id", "parent_id", "type", "valid_from", "valid_to"
            )
        }
        self.successions = list(
            Succession.objects.values_list("successor_id", "predecessor_id", "share")
        )

    def children_on(self, day: dt.date) -> dict[int, list[tuple[int, Decimal]]]:
        """parent id → [(child id, share)] for the period ending on ``day``."""
        children: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
        for unit in self.units.values():
            parent = self.units.get(unit.parent_id) if unit.parent_id else None
            if (
                parent is not None and unit.geographic and parent.geographic
                and unit.valid_on(day) and parent.valid_on(day)
            ):
                children[parent.id].append((unit.id, ONE))
        for successor_id, predecessor_id, share in self.successions:
            successor = self.units[successor_id]
            if successor.valid_from is not None and day < successor.valid_from:
                children[successor_id].append((predecessor_id, Decimal(share)))
        return children


def _reachable(children: dict[int, list[tuple[int, Decimal]]], roots: Iterable[int]) -> set[int]:
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(child for child, _share in children.get(node, ()))
    return seen


def _heights(children: dict[int, list[tuple[int, Decimal]]], nodes: set[int]) -> dict[int, int]:
    """Height of every node (0 for a leaf), iteratively; a cycle is cut where it closes."""
    height: dict[int, int] = {}
    for start in nodes:
        stack: list[tuple[int, bool]] = [(start, False)]
        on_path: set[int] = set()
        while stack:
            node, done = stack.pop()
            if done:
                on_path.discard(node)
                kids = [c for c, _s in children.get(node, ()) if c in height]
                height[node] = 1 + max((height[c] for c in kids), default=-1)
                continue
            if node in height or node in on_path:
                continue
            on_path.add(node)
            stack.append((node, True))
            stack.extend((c, False) for c, _s in children.get(node, ()) if c not in height)
    return height


def period_edges(
    graph: UnitGraph, *, period: str, day: dt.date, roots: Iterable[int] | None = None
) -> list[Edge]:
    """The edges needed to consolidate ``roots`` (every parent when None) for ``period``."""
    children = graph.children_on(day)
    nodes = set(children) if roots is None else _reachable(children, roots)
    nodes |= {c for n in list(nodes) for c, _s in children.get(n, ())}
    height = _heights(children, nodes)
    return [
        Edge(period, parent, child, share, height[parent])
        for parent in nodes
        for child, share in children.get(parent, ())
        if height.get(child, 0) < height[parent]
    ]
