"""Consolidation on PostgreSQL: one statement per level, no temporary tables.

The edges of the level and the consolidated values of the lower levels travel as arrays
(``unnest``); the children's values (reported, else consolidated lower down), the
sum/mean/min/max and weighted_mean aggregates and the ratios are CTEs of ONE statement, which
PostgreSQL materialises once each. Derived indicators are then evaluated in Python on the
level's rows. Compared with the temporary-table path (``sqlite.py``) this
saves the catalogue churn of temporary tables, their ``ANALYZE`` and a dozen round trips a level
(docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, transaction

from kehoach.core.dbrouter import read_alias
from kehoach.core.periods import parse_period
from kehoach.evaluation.consolidation.derived import derived_compute
from kehoach.evaluation.consolidation.job import Job
from kehoach.evaluation.consolidation.tree import Edge

# The children's values: what they reported ({f} filters the values), else (only from level 2
# up) what was consolidated for them lower down, which travels as arrays.
_REPORTED = """x AS MATERIALIZED (
  SELECT v.period, v.kind, v.unit_id, v.indicator_id, v.value FROM values_value v
  WHERE v.unit_id = ANY(%s::bigint[]) {f}
)"""
_REPORTED_OR_LOWER = """rep AS MATERIALIZED (
  SELECT v.period, v.kind, v.unit_id, v.indicator_id, v.value FROM values_value v
  WHERE v.unit_id = ANY(%s::bigint[]) {f}
), x AS MATERIALIZED (
  SELECT period, kind, unit_id, indicator_id, value FROM rep
  UNION ALL
  SELECT p.period, p.kind, p.unit_id, p.indicator_id, p.value
  FROM unnest(%s::varchar[], %s::varchar[], %s::bigint[], %s::bigint[], %s::numeric[])
    AS p(period, kind, unit_id, indicator_id, value)
  WHERE NOT EXISTS (
    SELECT 1 FROM rep r WHERE r.unit_id = p.unit_id AND r.indicator_id = p.indicator_id
    AND r.period = p.period AND r.kind = p.kind)
)"""

# {x}: one of the two above; {r}: the filter on the ratio indicators. Each aggregate is FILTERed
# to its own indicators: a row feeds one aggregate, not four (docs/performance.md).
_LEVEL = """
WITH e AS (
  SELECT * FROM unnest(%s::varchar[], %s::bigint[], %s::bigint[], %s::numeric[])
    AS e(period, parent_id, child_id, share)
), {x}, agg AS MATERIALIZED (
  SELECT e.period, x.kind, e.parent_id AS unit_id, x.indicator_id,
    CASE i.aggregation
      WHEN 'sum' THEN SUM(x.value * e.share) FILTER (WHERE i.aggregation = 'sum')
      WHEN 'mean' THEN AVG(1.0 * x.value) FILTER (WHERE i.aggregation = 'mean')
      WHEN 'min' THEN MIN(x.value) FILTER (WHERE i.aggregation = 'min')
      ELSE MAX(x.value) FILTER (WHERE i.aggregation = 'max') END AS value,
    COUNT(*) AS inputs
  FROM e JOIN x ON x.unit_id = e.child_id AND x.period = e.period
  JOIN indicators_indicator i ON i.id = x.indicator_id
  WHERE i.aggregation IN ('sum', 'mean', 'min', 'max')
  GROUP BY e.period, x.kind, e.parent_id, x.indicator_id, i.aggregation
  UNION ALL
  SELECT e.period, x.kind, e.parent_id, x.indicator_id,
    SUM(1.0 * x.value * w.value * e.share) / SUM(1.0 * w.value * e.share), COUNT(*)
  FROM e JOIN x ON x.unit_id = e.child_id AND x.period = e.period
  JOIN indicators_indicator i ON i.id = x.indicator_id AND i.aggregation = 'weighted_mean'
  JOIN x w ON w.unit_id = x.unit_id AND w.period = x.period AND w.kind = x.kind
    AND w.indicator_id = i.weight_id
  GROUP BY e.period, x.kind, e.parent_id, x.indicator_id
  HAVING SUM(w.value * e.share) <> 0
), ratio AS MATERIALIZED (
  SELECT id, numerator_id, denominator_id, unit FROM indicators_indicator
  WHERE aggregation = 'ratio' {r}
)
SELECT period, kind, unit_id, indicator_id, value, inputs FROM agg
UNION ALL
SELECT n.period, n.kind, n.unit_id, i.id,
  1.0 * n.value / d.value * (CASE WHEN i.unit = '%%' THEN 100 ELSE 1 END),
  LEAST(n.inputs, d.inputs)
FROM ratio i
JOIN agg n ON n.indicator_id = i.numerator_id
JOIN agg d ON d.indicator_id = i.denominator_id AND d.unit_id = n.unit_id
  AND d.period = n.period AND d.kind = n.kind
WHERE d.value <> 0
"""


def _filters(kinds: Sequence[str], periods: Sequence[str], indicators: set[int] | None
             ) -> tuple[str, list, str, list]:
    """The reported values' filter (a year *range*, which the (unit, indicator, kind, year)
    index checks inside the index) and the ratio indicators' filter."""
    years = [parse_period(p).start_year for p in periods]
    fsql = " AND v.year BETWEEN %s AND %s AND v.kind = ANY(%s) AND v.period = ANY(%s)"
    fparams: list = [min(years), max(years), list(kinds), list(periods)]
    rsql, rparams = "", []
    if indicators is not None:
        fsql += " AND v.indicator_id = ANY(%s::bigint[])"
        rsql = " AND id = ANY(%s::bigint[])"
        fparams.append(sorted(indicators))
        rparams = [sorted(indicators)]
    return fsql, fparams, rsql, rparams


def _statement(edges: list[Edge], lower: list[tuple], filters: tuple[str, list, str, list]
               ) -> tuple[str, list]:
    """The statement of a level and its parameters."""
    fsql, fparams, rsql, rparams = filters
    children = sorted({e.child_id for e in edges})
    wanted = set(children)
    prev = [row for row in lower if row[2] in wanted]
    params = [[e.period for e in edges], [e.parent_id for e in edges],
              [e.child_id for e in edges], [e.share for e in edges], children, *fparams]
    if prev:
        params += [[row[k] for row in prev] for k in range(5)]
    sql = _LEVEL.format(x=(_REPORTED_OR_LOWER if prev else _REPORTED).format(f=fsql), r=rsql)
    return sql, [*params, *rparams]


#: Planner settings for these statements, inside their transaction only. The CTEs carry no
#: statistics, so the planner underestimates their rows a hundredfold and sorts tens of thousands
#: of rows for a GROUP BY that hashing does in a third of the time; and it would JIT-compile
#: statements that run for a tenth of a second (docs/performance.md).
SETTINGS = {"jit": "off", "enable_sort": "off"}


def compute_postgresql(job: Job) -> list[tuple]:
    """Rows ``(period, kind, unit_id, indicator_id, value, inputs)`` of every parent."""
    filters = _filters(job.kinds, job.periods, job.scope)
    done: list[tuple] = []
    names = list(SETTINGS)
    alias = read_alias()  # a replica during an analytics request (core.dbrouter)
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        # set_config(…, true) lasts until the end of the transaction: restore the previous
        # values, for a caller that runs inside a transaction of its own.
        cursor.execute(f"SELECT {', '.join(['current_setting(%s)'] * len(names))}", names)
        previous = cursor.fetchone()
        _configure(cursor, SETTINGS)
        for level in range(1, max(e.level for e in job.edges) + 1):
            level_edges = [e for e in job.edges if e.level == level]
            cursor.execute(*_statement(level_edges, done, filters))
            rows = cursor.fetchall()
            done += rows + derived_compute(job.catalogue, rows)
        _configure(cursor, dict(zip(names, previous, strict=True)))
    return done


def _configure(cursor, settings: dict[str, str]) -> None:
    cursor.execute(
        f"SELECT {', '.join(['set_config(%s, %s, true)'] * len(settings))}",
        [item for pair in settings.items() for item in pair],
    )
