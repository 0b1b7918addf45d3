"""DuckDB doing the job of the national consolidation, for ``make bench`` (docs/performance.md).

The same job as ``consolidate(year=…, kind=…)``, so the two times compare like with like:

- the same rows: the period's values of the kind (every unit's: the children's and the parents'
  own), read once from the database into DuckDB's memory;
- the same tree: the edges and levels of ``consolidation_job`` (kehoach's own code: communes →
  districts where there are any → provinces, units formed by a merger from their predecessors
  with their shares), loaded with the values;
- every level from the bottom, a child's value being what it reported, else what was
  consolidated for it lower down (the lower levels' results feed the upper ones);
- each indicator's rule (docs/evaluation-decisions.md §5): Σ share × value, mean, min, max,
  weighted mean, ratio of the consolidated numerator and denominator (× 100 for %), and derived
  formulas evaluated in Python on DuckDB's rows, as kehoach does (``derived_compute``);
- the parents' own values beside, and the number of parts each parent has.

``duckdb_consolidate`` returns the rows ``(unit_id, indicator_id, period, kind, value, inputs,
expected, reported)`` that ``consolidate`` gives (a test compares them exactly). Loading (the
tree, the indicators' rules, the values) is timed apart from the computation.
"""

from __future__ import annotations

import csv
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection

from kehoach.evaluation.consolidation.derived import DerivedCatalogue, derived_compute
from kehoach.evaluation.consolidation.job import consolidation_job, to_decimal
from kehoach.indicators.models import Indicator

_TABLES = """
CREATE TABLE v (unit_id BIGINT, indicator_id BIGINT, value DECIMAL(24, 6));
CREATE TABLE e (parent_id BIGINT, child_id BIGINT, share DECIMAL(7, 6), lvl INTEGER);
CREATE TABLE i (id BIGINT, aggregation VARCHAR, numerator_id BIGINT, denominator_id BIGINT,
  weight_id BIGINT, unit VARCHAR);
"""

_START = """
CREATE OR REPLACE TEMP TABLE cons (unit_id BIGINT, indicator_id BIGINT,
  value DECIMAL(38, 12), inputs BIGINT, lvl INTEGER);
CREATE OR REPLACE TEMP TABLE parts AS
  SELECT parent_id, COUNT(*) AS parts FROM e GROUP BY parent_id;
"""

# The children's values of a level: what they reported, else what was consolidated lower down.
_CHILDREN = """
CREATE OR REPLACE TEMP TABLE x AS
WITH kids AS (SELECT DISTINCT child_id FROM e WHERE lvl = $lvl)
SELECT v.unit_id, v.indicator_id, CAST(v.value AS DECIMAL(38, 12)) AS value FROM v
WHERE v.unit_id IN (SELECT child_id FROM kids)
UNION ALL
SELECT c.unit_id, c.indicator_id, c.value FROM cons c
WHERE c.unit_id IN (SELECT child_id FROM kids) AND NOT EXISTS (
  SELECT 1 FROM v WHERE v.unit_id = c.unit_id AND v.indicator_id = c.indicator_id)
"""

_AGGREGATES = """
INSERT INTO cons
SELECT e.parent_id, x.indicator_id,
  CASE i.aggregation WHEN 'sum' THEN CAST(SUM(x.value * e.share) AS DECIMAL(38, 12))
    WHEN 'mean' THEN CAST(AVG(x.value) AS DECIMAL(38, 12))
    WHEN 'min' THEN MIN(x.value) ELSE MAX(x.value) END,
  COUNT(*), $lvl
FROM e JOIN x ON x.unit_id = e.child_id JOIN i ON i.id = x.indicator_id
WHERE e.lvl = $lvl AND i.aggregation IN ('sum', 'mean', 'min', 'max')
GROUP BY e.parent_id, x.indicator_id, i.aggregation
UNION ALL
SELECT e.parent_id, x.indicator_id,
  CAST(SUM(CAST(x.value AS DOUBLE) * CAST(w.value AS DOUBLE) * CAST(e.share AS DOUBLE))
       / SUM(CAST(w.value AS DOUBLE) * CAST(e.share AS DOUBLE)) AS DECIMAL(38, 12)),
  COUNT(*), $lvl
FROM e JOIN x ON x.unit_id = e.child_id
JOIN i ON i.id = x.indicator_id AND i.aggregation = 'weighted_mean'
JOIN x w ON w.unit_id = x.unit_id AND w.indicator_id = i.weight_id
WHERE e.lvl = $lvl
GROUP BY e.parent_id, x.indicator_id
HAVING SUM(w.value * e.share) <> 0
"""

_RATIOS = """
INSERT INTO cons
SELECT n.unit_id, i.id,
  CAST(CAST(n.value AS DOUBLE) / CAST(d.value AS DOUBLE)
       * (CASE WHEN i.unit = '%' THEN 100 ELSE 1 END) AS DECIMAL(38, 12)),
  LEAST(n.inputs, d.inputs), $lvl
FROM i JOIN cons n ON n.indicator_id = i.numerator_id AND n.lvl = $lvl
JOIN cons d ON d.indicator_id = i.denominator_id AND d.lvl = $lvl AND d.unit_id = n.unit_id
WHERE i.aggregation = 'ratio' AND d.value <> 0
"""

# The level's rows with each parent's number of parts and its own value.
_LEVEL_ROWS = """
SELECT c.unit_id, c.indicator_id, c.value, c.inputs, p.parts, v.value FROM cons c
JOIN parts p ON p.parent_id = c.unit_id
LEFT JOIN v ON v.unit_id = c.unit_id AND v.indicator_id = c.indicator_id
WHERE c.lvl = $lvl
"""

_DERIVED_IN = """
INSERT INTO cons SELECT unnest($u::BIGINT[]), unnest($i::BIGINT[]),
  CAST(unnest($v::VARCHAR[]) AS DECIMAL(38, 12)), unnest($n::BIGINT[]), $lvl
"""

# The parents' own values of derived indicators (the rows computed in Python).
_DERIVED_REPORTED = """
SELECT v.unit_id, v.indicator_id, v.value FROM v JOIN i ON i.id = v.indicator_id
WHERE i.aggregation = 'derived' AND v.unit_id IN (SELECT parent_id FROM parts)
"""


@dataclass
class Loaded:
    """A DuckDB connection holding the values, the tree and the rules of one consolidation."""

    db: Any
    period: str
    kind: str
    levels: int
    catalogue: DerivedCatalogue | None
    values: int
    seconds: float


def _value_rows(path: Path, *, period: str, kind: str, year: int) -> int:
    """The period's values of the kind into a CSV file (``COPY`` on PostgreSQL)."""
    sql = ("SELECT unit_id, indicator_id, value FROM values_value "
           "WHERE year = %s AND kind = %s AND period = %s")
    params: list[int | str] = [year, kind, period]
    count = 0
    with connection.cursor() as cursor, path.open("w", encoding="utf-8", newline="") as out:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy:
                for block in copy:
                    out.write(bytes(block).decode())
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) s", params)
            return cursor.fetchone()[0]
        cursor.execute(sql, params)
        writer = csv.writer(out, lineterminator="\n")
        while chunk := cursor.fetchmany(50_000):
            writer.writerows((u, i, f"{v:.6f}" if isinstance(v, float) else v) for u, i, v in chunk)
            count += len(chunk)
    return count


def _csv(db: Any, table: str, path: Path, rows: list[tuple]) -> None:
    if not rows:
        return
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    db.execute(f"COPY {table} FROM '{path}' (HEADER false, NULL '')")


def duckdb_load(*, period: str, kind: str, folder: Path) -> Loaded:
    """Read the tree (kehoach's ``consolidation_job``), the indicators' rules and the period's
    values of the kind into a new in-memory DuckDB."""
    import duckdb

    start = time.perf_counter()
    job = consolidation_job(periods=[period], kinds=[kind])
    db = duckdb.connect()
    db.execute(_TABLES)
    path = folder / "values.csv"
    count = _value_rows(path, period=period, kind=kind, year=int(period[:4]))
    if count:
        db.execute(f"COPY v FROM '{path}' (HEADER false)")
    edges = [] if job is None else [(e.parent_id, e.child_id, e.share, e.level) for e in job.edges]
    _csv(db, "e", folder / "edges.csv", edges)
    _csv(db, "i", folder / "indicators.csv", list(Indicator.objects.values_list(
        "id", "aggregation", "numerator_id", "denominator_id", "weight_id", "unit")))
    levels = max((e[3] for e in edges), default=0)
    catalogue = None if job is None else job.catalogue
    return Loaded(db, period, kind, levels, catalogue, count, time.perf_counter() - start)


def _derived(loaded: Loaded, level: int, rows: list[tuple]) -> list[tuple]:
    """The level's derived rows (Python, as kehoach), written back when a level follows."""
    derived = derived_compute(loaded.catalogue, [
        (loaded.period, loaded.kind, u, i, value, n) for u, i, value, n, _p, _r in rows])
    if derived and level < loaded.levels:
        columns = list(zip(*[(u, i, str(value), n) for _p, _k, u, i, value, n in derived],
                           strict=True))
        loaded.db.execute(_DERIVED_IN, {"u": list(columns[0]), "i": list(columns[1]),
                                        "v": list(columns[2]), "n": list(columns[3]),
                                        "lvl": level})
    return derived


def duckdb_consolidate(loaded: Loaded) -> list[tuple]:
    """Every level's consolidated rows ``(unit_id, indicator_id, period, kind, value, inputs,
    expected, reported)``, sorted by unit and indicator."""
    db, period, kind = loaded.db, loaded.period, loaded.kind
    db.execute(_START)
    result: list[tuple] = []
    derived: list[tuple] = []
    parts: dict[int, int] = {}
    for level in range(1, loaded.levels + 1):
        for statement in (_CHILDREN, _AGGREGATES, _RATIOS):
            db.execute(statement, {"lvl": level})
        rows = db.execute(_LEVEL_ROWS, {"lvl": level}).fetchall()
        result += [(u, i, period, kind, to_decimal(value), n, p,
                    None if r is None else to_decimal(r)) for u, i, value, n, p, r in rows]
        parts.update((u, p) for u, _i, _v, _n, p, _r in rows)
        derived += _derived(loaded, level, rows)
    if derived:
        reported = {(u, i): to_decimal(r) for u, i, r in db.execute(_DERIVED_REPORTED).fetchall()}
        result += [(u, i, period, kind, to_decimal(value), n, parts[u], reported.get((u, i)))
                   for _p, _k, u, i, value, n in derived]
    result.sort(key=lambda row: (row[0], row[1]))
    return result


def duckdb_same_job(*, year: int, kind: str, runs: int, folder: Path) -> dict[str, Any]:
    """Load once, then time ``runs`` runs of ``duckdb_consolidate`` (the fastest and the
    median, as for kehoach's consolidation)."""
    loaded = duckdb_load(period=str(year), kind=kind, folder=folder)
    times = []
    rows: list[tuple] = []
    try:
        for _ in range(max(runs, 1)):
            begin = time.perf_counter()
            rows = duckdb_consolidate(loaded)
            times.append(time.perf_counter() - begin)
    finally:
        loaded.db.close()
    return {"duckdb_same_job_values": loaded.values, "duckdb_same_job_levels": loaded.levels,
            "duckdb_same_job_load_seconds": round(loaded.seconds, 2),
            "duckdb_same_job_seconds": round(min(times), 4),
            "duckdb_same_job_median_seconds": round(statistics.median(times), 4),
            "duckdb_same_job_rows": len(rows)}
