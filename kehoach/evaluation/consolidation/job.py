"""What a consolidation computes (evaluation.md §5): the edges of the unit tree with their
levels, the kinds, the periods, the indicators in scope and the derived ones among them; and the
rows it returns. Both SQL paths (``sqlite.py``, ``postgresql.py``) take a ``Job``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from kehoach.core.periods import parse_period
from kehoach.evaluation.consolidation.derived import (
    DerivedCatalogue,
    derived_catalogue,
    formula_codes,
)
from kehoach.evaluation.consolidation.tree import Edge, UnitGraph, period_edges
from kehoach.indicators.models import Indicator

PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class ConsolidatedRow:
    unit_id: int
    indicator_id: int
    period: str
    kind: str
    value: Decimal
    inputs: int
    #: how many parts the unit has in the period (children, or predecessors for a unit formed
    #: by a merger); ``inputs < expected`` means some parts had no figure
    expected: int = 0

    @property
    def complete(self) -> bool:
        return self.inputs >= self.expected


def to_decimal(raw: object) -> Decimal:
    """A Decimal with the value columns' 6 places (SQLite gives floats, PostgreSQL numerics)."""
    return Decimal(str(raw)).quantize(PLACES)


def indicator_closure(indicator_ids: Iterable[int]) -> set[int]:
    """The indicators and every indicator their consolidation needs (parts, weights, inputs)."""
    catalogue = {
        row["id"]: row for row in Indicator.objects.values(
            "id", "code", "numerator_id", "denominator_id", "weight_id", "formula", "aggregation"
        )
    }
    by_code = {row["code"]: pk for pk, row in catalogue.items()}
    found: set[int] = set()
    stack = list(indicator_ids)
    while stack:
        pk = stack.pop()
        if pk in found or pk not in catalogue:
            continue
        found.add(pk)
        row = catalogue[pk]
        stack += [row[k] for k in ("numerator_id", "denominator_id", "weight_id") if row[k]]
        if row["aggregation"] == "derived":
            stack += [by_code[c] for c in formula_codes(row["formula"]) if c in by_code]
    return found


def period_end(period: str) -> dt.date:
    return parse_period(period).end


@dataclass(frozen=True)
class Job:
    """What a consolidation computes: the edges (with their levels), kinds, periods, the
    indicators in scope (None: all) and the derived indicators among them."""

    edges: list[Edge]
    kinds: Sequence[str]
    periods: Sequence[str]
    scope: set[int] | None
    catalogue: DerivedCatalogue | None


def consolidation_job(
    *,
    periods: Sequence[str],
    kinds: Sequence[str],
    roots: Iterable[int] | None = None,
    indicators: Iterable[int] | None = None,
) -> Job | None:
    """The job of a consolidation; None when there is nothing to consolidate."""
    graph = UnitGraph()
    roots = None if roots is None else list(roots)
    edges = [
        edge for period in periods
        for edge in period_edges(graph, period=period, day=period_end(period), roots=roots)
    ]
    if not edges or not kinds:
        return None
    scope = None if indicators is None else indicator_closure(indicators)
    return Job(edges, kinds, periods, scope, derived_catalogue(scope))


