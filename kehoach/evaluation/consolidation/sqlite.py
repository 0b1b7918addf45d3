"""Consolidation on SQLite: indexed temporary tables, one statement per aggregation family.

SQLite re-evaluates a CTE each time it is used, so the edges of the unit tree (``tree.py``) go
into a temporary table; then, level by level from the bottom, ONE ``INSERT … SELECT … GROUP BY``
per aggregation family computes the consolidated values of every parent of that level, for every
period and kind at once:

1. sum / mean / min / max (one statement, CASE on the aggregation, each aggregate FILTERed to
   its own indicators);
2. weighted_mean (a self-join on the weight indicator);
3. ratio (recomputed from the consolidated numerator and denominator of the same level);
4. derived (the formula on the consolidated inputs: one read, evaluated per parent and formula,
   one bulk insert; ``derived.py``).

This path also runs on PostgreSQL, where the tests compare it with ``postgresql.py``: the two
compute the same numbers with the same SQL expressions, so a change to one is a change to both.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from kehoach.core.periods import parse_period
from kehoach.evaluation.consolidation.derived import DerivedCatalogue, derived_rows
from kehoach.evaluation.consolidation.job import Job
from kehoach.evaluation.consolidation.tree import Edge

_CREATE = [
    "CREATE TEMP TABLE IF NOT EXISTS kh_edge (period varchar(16), parent_id bigint, "
    "child_id bigint, share numeric, lvl integer)",
    "CREATE TEMP TABLE IF NOT EXISTS kh_cons (period varchar(16), kind varchar(16), "
    "unit_id bigint, indicator_id bigint, value numeric, inputs integer, lvl integer)",
    "CREATE TEMP TABLE IF NOT EXISTS kh_eff (period varchar(16), kind varchar(16), "
    "parent_id bigint, indicator_id bigint, unit_id bigint, value numeric, share numeric)",
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

# The value of every child, filled once per level into kh_eff with its parent and share (one row
# per edge and value): what it reported, else what was consolidated for it at a lower level. {f}
# filters the values; {used} keeps the indicators the aggregates read (ratios and derived
# indicators are computed from the parents' consolidated rows). The index is built after the rows are in (sorting once is faster than
# keeping it up to date row by row), in the GROUP BY's order and covering every column, so the
# aggregates below read the index only and group without sorting (docs/performance.md).
_EFF_INDEX = ("CREATE INDEX kh_eff_key ON kh_eff "
              "(parent_id, indicator_id, period, kind, unit_id, value, share)")
_EFF = """
INSERT INTO kh_eff (period, kind, parent_id, indicator_id, unit_id, value, share)
SELECT e.period, v.kind, e.parent_id, v.indicator_id, v.unit_id, v.value, e.share
FROM kh_edge e CROSS JOIN values_value v
WHERE e.lvl = %s AND v.unit_id = e.child_id AND v.period = e.period {f}
  AND v.indicator_id IN ({used})
UNION ALL
SELECT e.period, c.kind, e.parent_id, c.indicator_id, c.unit_id, c.value, e.share
FROM kh_cons c JOIN kh_edge e ON e.child_id = c.unit_id AND e.period = c.period AND e.lvl = %s
WHERE c.lvl < %s AND c.indicator_id IN ({used}) AND NOT EXISTS (
  SELECT 1 FROM values_value r WHERE r.unit_id = c.unit_id AND r.indicator_id = c.indicator_id
  AND r.period = c.period AND r.kind = c.kind)
"""

_USED = ("SELECT id FROM indicators_indicator WHERE aggregation IN "
         "('sum', 'mean', 'min', 'max', 'weighted_mean') "
         "UNION SELECT weight_id FROM indicators_indicator WHERE aggregation = 'weighted_mean'")

_SIMPLE = """
INSERT INTO kh_new (period, kind, unit_id, indicator_id, value, inputs, lvl)
SELECT x.period, x.kind, x.parent_id, x.indicator_id,
  CASE MAX(i.aggregation)
    WHEN 'sum' THEN SUM(x.value * x.share) FILTER (WHERE i.aggregation = 'sum')
    WHEN 'mean' THEN AVG(1.0 * x.value) FILTER (WHERE i.aggregation = 'mean')
    WHEN 'min' THEN MIN(x.value) FILTER (WHERE i.aggregation = 'min')
    ELSE MAX(x.value) FILTER (WHERE i.aggregation = 'max') END,
  COUNT(*), %s
FROM kh_eff x
JOIN indicators_indicator i ON i.id = x.indicator_id
WHERE i.aggregation IN ('sum', 'mean', 'min', 'max')
GROUP BY x.parent_id, x.indicator_id, x.period, x.kind
"""

_WEIGHTED = """
INSERT INTO kh_new (period, kind, unit_id, indicator_id, value, inputs, lvl)
SELECT x.period, x.kind, x.parent_id, x.indicator_id,
  SUM(1.0 * x.value * w.value * x.share) / SUM(1.0 * w.value * x.share), COUNT(*), %s
FROM kh_eff x
JOIN indicators_indicator i ON i.id = x.indicator_id AND i.aggregation = 'weighted_mean'
JOIN kh_eff w ON w.parent_id = x.parent_id AND w.indicator_id = i.weight_id
  AND w.period = x.period AND w.kind = x.kind AND w.unit_id = x.unit_id
GROUP BY x.parent_id, x.indicator_id, x.period, x.kind
HAVING SUM(w.value * x.share) <> 0
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


def _value_filter(kinds: Sequence[str], periods: Sequence[str], indicators: set[int] | None
                  ) -> tuple[str, list]:
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
    cursor.execute("DROP INDEX IF EXISTS kh_eff_key")
    cursor.execute("DELETE FROM kh_eff")
    cursor.execute(_EFF.format(f=fsql, used=_USED), [level, *fparams, level, level])
    cursor.execute(_EFF_INDEX)
    if connection.vendor == "postgresql":
        cursor.execute("ANALYZE kh_eff")
    cursor.execute(_SIMPLE, [level])
    cursor.execute(_WEIGHTED, [level])
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


def _temp_store_in_memory(cursor) -> None:
    """SQLite keeps temporary tables and sorts in files by default: in memory the national
    consolidation is about a fifth faster (docs/performance.md). Changing the setting drops the
    connection's temporary tables (ours are created right after; nothing else keeps one between
    statements) and SQLite refuses it inside a transaction, where the files are kept."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        cursor.execute("PRAGMA temp_store = MEMORY")


def compute_tables(job: Job) -> list[tuple]:
    """The temporary-table path (SQLite; also runs on PostgreSQL): rows ``(period, kind,
    unit_id, indicator_id, value, inputs)`` of every parent."""
    vfilter = _value_filter(job.kinds, job.periods, job.scope)
    with connection.cursor() as cursor:
        _temp_store_in_memory(cursor)
        for statement in _CREATE:
            cursor.execute(statement)
        _insert_edges(cursor, job.edges)
        if connection.vendor == "postgresql":  # let the planner know how small the tree is
            cursor.execute("ANALYZE kh_edge")
        for level in range(1, max(e.level for e in job.edges) + 1):
            _level(cursor, level, vfilter, job.scope, job.catalogue)
        cursor.execute("SELECT period, kind, unit_id, indicator_id, value, inputs FROM kh_cons")
        return cursor.fetchall()
