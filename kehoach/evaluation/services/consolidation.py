"""Consolidation over units (evaluation.md §5), set-based in SQL.

On PostgreSQL each level is ONE statement of CTEs (``consolidation_pg.py``). On SQLite, which
re-evaluates a CTE each time it is used, the edges of the unit tree (``tree.py``) go into a
temporary table; then, level by level from the bottom, ONE ``INSERT … SELECT … GROUP BY`` per
aggregation family computes the consolidated values of every parent of that level, for every
period and kind at once:

1. sum / mean / min / max (one statement, CASE on the aggregation);
2. weighted_mean (a self-join on the weight indicator);
3. ratio (recomputed from the consolidated numerator and denominator of the same level);
4. derived (the formula on the consolidated inputs: one read, evaluated per parent and formula,
   one bulk insert).

The value of a child is what it reported itself, else its own consolidated value (so a district
that reported a figure is taken as reported; one that did not is built from its communes).
Nothing is stored: results live in a temporary table for the connection (or in the statement's
CTEs) and are read back. Both paths compute the same numbers with the same SQL expressions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from kehoach.evaluation.services.consolidation_pg import compute_postgresql
from kehoach.evaluation.services.derived import DerivedCatalogue, derived_catalogue, derived_rows
from kehoach.evaluation.services.tree import Edge, UnitGraph, period_edges
from kehoach.indicators.models import Indicator

PLACES = Decimal("0.000001")

_CREATE = [
    "CREATE TEMP TABLE IF NOT EXISTS kh_edge (period varchar(16), parent_id bigint, "
    "child_id bigint, share numeric, lvl integer)",
    "CREATE TEMP TABLE IF NOT EXISTS kh_cons (period varchar(16), kind varchar(16), "
    "unit_id bigint, indicator_id bigint, value numeric, inputs integer, lvl integer)",
    "CREATE TEMP TABLE IF NOT EXISTS kh_eff (period varchar(16), kind varchar(16), "
    "unit_id bigint, indicator_id bigint, value numeric)",
    "CREATE INDEX IF NOT EXISTS kh_eff_key ON kh_eff (unit_id, period, kind, indicator_id)",
    "CREATE TEMP TABLE IF NOT EXISTS kh_new (period varchar(16), kind varchar(16), "
    "unit_id bigint, indicator_id bigint, value numeric, inputs integer, lvl integer)",
    "DELETE FROM kh_edge",
    "DELETE FROM kh_cons",
    "DELETE FROM kh_new",
    "DELETE FROM kh_eff",
]
#: Statements that read kh_cons write to kh_new, then the rows move over (SQLite is a hundred
#: times slower when an INSERT … SELECT reads the table it writes).
_MOVE = ["INSERT INTO kh_cons SELECT * FROM kh_new", "DELETE FROM kh_new"]

# The value of every child, filled once per level into kh_eff: what it reported, else what was
# consolidated for it at a lower level. {f} filters the values.
_EFF = """
INSERT INTO kh_eff (period, kind, unit_id, indicator_id, value)
SELECT v.period, v.kind, v.unit_id, v.indicator_id, v.value FROM values_value v
WHERE v.unit_id IN (SELECT child_id FROM kh_edge WHERE lvl = %s) {f}
UNION ALL
SELECT c.period, c.kind, c.unit_id, c.indicator_id, c.value FROM kh_cons c
WHERE c.lvl < %s AND c.unit_id IN (SELECT child_id FROM kh_edge WHERE lvl = %s) AND NOT EXISTS (
  SELECT 1 FROM values_value r WHERE r.unit_id = c.unit_id AND r.indicator_id = c.indicator_id
  AND r.period = c.period AND r.kind = c.kind)
"""

_SIMPLE = """
INSERT INTO kh_new (period, kind, unit_id, indicator_id, value, inputs, lvl)
SELECT e.period, x.kind, e.parent_id, x.indicator_id,
  CASE i.aggregation WHEN 'sum' THEN SUM(x.value * e.share) WHEN 'mean' THEN AVG(1.0 * x.value)
    WHEN 'min' THEN MIN(x.value) ELSE MAX(x.value) END,
  COUNT(*), %s
FROM kh_edge e
JOIN kh_eff x ON x.unit_id = e.child_id AND x.period = e.period
JOIN indicators_indicator i ON i.id = x.indicator_id
WHERE e.lvl = %s AND i.aggregation IN ('sum', 'mean', 'min', 'max')
GROUP BY e.period, x.kind, e.parent_id, x.indicator_id, i.aggregation
"""

_WEIGHTED = """
INSERT INTO kh_new (period, kind, unit_id, indicator_id, value, inputs, lvl)
SELECT e.period, x.kind, e.parent_id, x.indicator_id,
  SUM(1.0 * x.value * w.value * e.share) / SUM(1.0 * w.value * e.share), COUNT(*), %s
FROM kh_edge e
JOIN kh_eff x ON x.unit_id = e.child_id AND x.period = e.period
JOIN indicators_indicator i ON i.id = x.indicator_id AND i.aggregation = 'weighted_mean'
JOIN kh_eff w ON w.unit_id = x.unit_id AND w.period = x.period AND w.kind = x.kind
  AND w.indicator_id = i.weight_id
WHERE e.lvl = %s
GROUP BY e.period, x.kind, e.parent_id, x.indicator_id
HAVING SUM(w.value * e.share) <> 0
"""

_RATIO = """
INSERT INTO kh_new (period, kind, unit_id, indicator_id, value, inputs, lvl)
SELECT n.period, n.kind, n.unit_id, i.id,
  1.0 * n.value / d.value * (CASE WHEN i.unit = '%%' THEN 100 ELSE 1 END),
  CASE WHEN n.inputs < d.inputs THEN n.inputs ELSE d.inputs END, %s
FROM indicators_indicator i
JOIN kh_cons n ON n.indicator_id = i.numerator_id AND n.lvl = %s
JOIN kh_cons d ON d.indicator_id = i.denominator_id AND d.lvl = %s AND d.unit_id = n.unit_id
  AND d.period = n.period AND d.kind = n.kind
WHERE i.aggregation = 'ratio' AND d.value <> 0 {f}
"""


@dataclass(frozen=True)
class ConsolidatedRow:
    unit_id: int
    indicator_id: int
    period: str
    kind: str
    value: Decimal
    inputs: int


def to_decimal(raw: object) -> Decimal:
    """A Decimal with the value columns' 6 places (SQLite gives floats, PostgreSQL numerics)."""
    return Decimal(str(raw)).quantize(PLACES)


def indicator_closure(indicator_ids: Iterable[int]) -> set[int]:
    """The indicators and every indicator their consolidation needs (parts, weights, inputs)."""
    from kehoach.evaluation.services.derived import formula_codes

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


def _value_filter(kinds: Sequence[str], periods: Sequence[str], indicators: set[int] | None
                  ) -> tuple[str, list]:
    from kehoach.core.periods import parse_period

    years = sorted({parse_period(p).start_year for p in periods})
    sql = f" AND v.year IN ({', '.join(['%s'] * len(years))})"  # the (year, kind, …) index
    sql += f" AND v.kind IN ({', '.join(['%s'] * len(kinds))})"
    sql += f" AND v.period IN ({', '.join(['%s'] * len(periods))})"
    params: list = [*years, *kinds, *periods]
    if indicators is not None:
        sql += f" AND v.indicator_id IN ({', '.join(['%s'] * len(indicators))})"
        params += sorted(indicators)
    return sql, params


def _insert_edges(cursor, edges: list[Edge]) -> None:
    rows = [(e.period, e.parent_id, e.child_id, str(e.share), e.level) for e in edges]
    for start in range(0, len(rows), 5000):
        cursor.executemany(
            "INSERT INTO kh_edge (period, parent_id, child_id, share, lvl) VALUES (%s, %s, %s, %s, %s)",
            rows[start:start + 5000],
        )


def _level(cursor, level: int, vfilter: tuple[str, list], indicators: set[int] | None,
           catalogue: DerivedCatalogue | None) -> None:
    fsql, fparams = vfilter
    cursor.execute("DELETE FROM kh_eff")
    cursor.execute(_EFF.format(f=fsql), [level, *fparams, level, level])
    if connection.vendor == "postgresql":
        cursor.execute("ANALYZE kh_eff")
    cursor.execute(_SIMPLE, [level, level])
    cursor.execute(_WEIGHTED, [level, level])
    for move in _MOVE:
        cursor.execute(move)
    if connection.vendor == "postgresql":  # the ratio joins kh_cons twice: give it statistics
        cursor.execute("ANALYZE kh_cons")
    ratio_filter, ratio_params = "", []
    if indicators is not None:
        ratio_filter = f" AND i.id IN ({', '.join(['%s'] * len(indicators))})"
        ratio_params = sorted(indicators)
    cursor.execute(_RATIO.format(f=ratio_filter), [level, level, level, *ratio_params])
    for move in _MOVE:
        cursor.execute(move)
    derived_rows(cursor, level=level, catalogue=catalogue)


def period_end(period: str) -> dt.date:
    from kehoach.core.periods import parse_period

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


def compute(
    *,
    periods: Sequence[str],
    kinds: Sequence[str],
    roots: Iterable[int] | None = None,
    indicators: Iterable[int] | None = None,
) -> list[ConsolidatedRow]:
    """Consolidated values of ``roots`` and the parents below them (every parent when None).

    PostgreSQL: one statement a level (``consolidation_pg.py``); SQLite: temporary tables."""
    job = consolidation_job(periods=periods, kinds=kinds, roots=roots, indicators=indicators)
    if job is None:
        return []
    path = compute_postgresql if connection.vendor == "postgresql" else compute_tables
    fetched = sorted(path(job), key=lambda row: (row[0], row[1], row[2], row[3]))
    return [
        ConsolidatedRow(u, i, p, k, to_decimal(v), n) for p, k, u, i, v, n in fetched
        if v is not None
    ]


def compute_tables(job: Job) -> list[tuple]:
    """The temporary-table path (SQLite; also runs on PostgreSQL): rows ``(period, kind,
    unit_id, indicator_id, value, inputs)`` of every parent."""
    vfilter = _value_filter(job.kinds, job.periods, job.scope)
    with connection.cursor() as cursor:
        for statement in _CREATE:
            cursor.execute(statement)
        _insert_edges(cursor, job.edges)
        if connection.vendor == "postgresql":  # let the planner know how small the tree is
            cursor.execute("ANALYZE kh_edge")
        for level in range(1, max(e.level for e in job.edges) + 1):
            _level(cursor, level, vfilter, job.scope, job.catalogue)
        cursor.execute("SELECT period, kind, unit_id, indicator_id, value, inputs FROM kh_cons")
        return cursor.fetchall()
