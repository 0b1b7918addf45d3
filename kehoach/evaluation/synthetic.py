"""Synthetic data for the benchmark: ``GEN-`` units, ``GEN_`` indicators, their values and a plan.

Values are inserted in bulk (COPY on PostgreSQL, ``executemany`` on SQLite), bypassing
``value_set``: synthetic figures have no revision history (docs/performance.md). Everything made
here carries the ``GEN`` prefix, and ``scale_delete`` removes it all. On PostgreSQL both end with
a ``VACUUM`` of the tables touched: millions of rows deleted and never vacuumed (the server may
run without autovacuum) leave dead index entries that slow every later read and import.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from kehoach.core.services import audit_record
from kehoach.indicators.models import Indicator
from kehoach.plans.models import Plan, Target
from kehoach.units.models import Unit

UNIT_PREFIX, INDICATOR_PREFIX, PLAN_PREFIX = "GEN-", "GEN_", "GEN-KH-"
LAST_YEAR = 2024
VALUE_COLUMNS = ("indicator_id", "unit_id", "period", "year", "end_year", "kind", "value", "note",
                 "source", "updated_at")
CHUNK = 50_000  #: rows per executemany on SQLite
COPY_CHUNK = 250_000  #: lines per write to COPY on PostgreSQL
#: Tables that ``scale_delete`` empties of millions of rows (VACUUMed afterwards on PostgreSQL).
TABLES = ("values_value", "plans_target", "plans_plan", "units_unit", "indicators_indicator")


@dataclass(frozen=True)
class ScaleResult:
    provinces: int
    communes: int
    indicators: int
    years: int
    values: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.values / self.seconds if self.seconds else 0.0


def _aggregation(i: int) -> dict[str, Any]:
    """A mix of aggregations, in a cycle of ten (sums first, so that parts exist)."""
    code = lambda k: f"{INDICATOR_PREFIX}{k + 1:03d}"  # noqa: E731
    pos = i % 10
    if pos < 5:
        return {"aggregation": "sum", "kind": "flow", "unit": "tỷ đồng"}
    if pos == 5:
        return {"aggregation": "ratio", "kind": "rate", "unit": "%", "numerator": code(i - 5),
                "denominator": code(i - 4)}
    if pos == 6:
        return {"aggregation": "weighted_mean", "kind": "index", "unit": "điểm",
                "weight": code(i - 6)}
    if pos == 7:
        return {"aggregation": "mean", "kind": "index", "unit": "điểm"}
    if pos == 8:
        return {"aggregation": ("max", "min", "none")[(i // 10) % 3], "kind": "index",
                "unit": "điểm"}
    return {"aggregation": "derived", "kind": "per_capita", "unit": "triệu đồng",
            "formula": f"{code(i - 9)} * 1000 / {code(i - 8)}"}


def _indicators(count: int) -> list[Indicator]:
    made: dict[str, Indicator] = {}
    for i in range(count):
        spec = _aggregation(i)
        refs = {k: made[spec.pop(k)] for k in ("numerator", "denominator", "weight") if k in spec}
        code = f"{INDICATOR_PREFIX}{i + 1:03d}"
        made[code] = Indicator.objects.create(
            code=code, name_vi=f"Chỉ tiêu tổng hợp thử {i + 1}", group="economy",
            direction="up", decimals=2, position=i, **spec, **refs,
        )
    return list(made.values())


def _units(provinces: int, communes: int) -> dict[Unit, list[Unit]]:
    tree: dict[Unit, list[Unit]] = {}
    for p in range(1, provinces + 1):
        province = Unit.objects.create(code=f"{UNIT_PREFIX}P{p:02d}", name=f"Tỉnh thử {p}",
                                       type="province")
        tree[province] = Unit.objects.bulk_create([
            Unit(code=f"{province.code}-X{c:03d}", name=f"Xã thử {p}.{c}", type="commune",
                 parent=province)
            for c in range(1, communes + 1)
        ])
    return tree


def _value_text(years: range) -> dict[tuple[int, int], str]:
    """Every synthetic value as text: 900 bases growing 5% a year (computed once)."""
    first = years.start
    return {
        (base, year): str((Decimal(base) * Decimal("1.05") ** (year - first)).quantize(
            Decimal("0.01")))
        for base in range(100, 1000) for year in years
    }


def _rows(tree, indicators, years: int, kinds: list[str]) -> Iterator[tuple]:
    """The values year by year, as they are reported (a year's figures arrive together), then
    commune by commune."""
    now = timezone.now()
    span = range(LAST_YEAR - years + 1, LAST_YEAR + 1)
    text = _value_text(span)
    reported = [ind.pk for ind in indicators if ind.aggregation != "derived"]
    for year in span:
        period = str(year)
        for kind in kinds:
            for communes in tree.values():
                for c, commune in enumerate(communes):
                    for n, ind in enumerate(reported):
                        value = text[(100 + (c * 7 + n * 13) % 900, year)]
                        yield (ind, commune.pk, period, year, year, kind, value, "", "", now)


def _copy_lines(rows: Iterator[tuple]) -> Iterator[str]:
    """COPY text format: tab-separated, one row a line (no value here needs escaping)."""
    stamp = None
    for row in rows:
        if stamp is None:
            stamp = row[-1].isoformat()
        yield "\t".join(map(str, row[:-1])) + "\t" + stamp + "\n"


def _copy(cursor, rows: Iterator[tuple]) -> int:
    count = 0
    sql = f"COPY values_value ({', '.join(VALUE_COLUMNS)}) FROM STDIN"
    with cursor.cursor.copy(sql) as copy:
        buffer: list[str] = []
        for line in _copy_lines(rows):
            buffer.append(line)
            if len(buffer) == COPY_CHUNK:
                copy.write("".join(buffer))
                count += len(buffer)
                buffer = []
        if buffer:
            copy.write("".join(buffer))
            count += len(buffer)
    return count


def _insert(rows: Iterator[tuple]) -> int:
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Check the foreign keys row by row now rather than queueing millions of deferred
            # checks until COMMIT (much slower, and memory-hungry). Synthetic data that can be
            # generated again need not wait for its WAL to reach the disk at COMMIT.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL synchronous_commit = off")
            return _copy(cursor, rows)
        sql = (f"INSERT INTO values_value ({', '.join(VALUE_COLUMNS)}) VALUES "
               f"({', '.join(['%s'] * len(VALUE_COLUMNS))})")
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) == CHUNK:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _plan(province: Unit, indicators: list[Indicator]) -> Plan:
    plan = Plan.objects.create(code=f"{PLAN_PREFIX}{province.code[len(UNIT_PREFIX):]}",
                               name=f"Kế hoạch thử {province.name}", kind="five_year",
                               start_year=LAST_YEAR - 3, end_year=LAST_YEAR + 1, unit=province,
                               status="approved")
    Target.objects.bulk_create([
        Target(plan=plan, indicator=ind, unit=province, period=str(year), start_year=year,
               end_year=year, comparator="at_least", value=Decimal(1000), position=n)
        for n, ind in enumerate(i for i in indicators if i.aggregation != "none")
        for year in [LAST_YEAR if n % 2 == 0 else LAST_YEAR + 1]
    ])
    return plan


@transaction.atomic
def _structure(provinces: int, communes: int, indicators: int
               ) -> tuple[dict[Unit, list[Unit]], list[Indicator]]:
    made = _indicators(indicators)
    tree = _units(provinces, communes)
    for province in tree:
        _plan(province, made)
    return tree, made


def scale_generate(
    *, provinces: int, communes: int, indicators: int, years: int, kinds: list[str],
    actor: Any = None,
) -> ScaleResult:
    """Generate the synthetic dataset (after removing any previous one).

    The import rate is measured over the values' insert *and* its commit (foreign keys and
    indexes included).
    """
    scale_delete(actor=actor)
    tree, made = _structure(provinces, communes, indicators)
    start = time.perf_counter()
    with transaction.atomic():
        count = _insert(_rows(tree, made, years, kinds))
    seconds = time.perf_counter() - start
    _maintain(["values_value"])  # fresh statistics (and visibility map) after a bulk load
    audit_record(actor=actor, action="scale_generate", object_type="evaluation.scale",
                 summary=f"{count} values", data={"provinces": provinces, "communes": communes,
                                                  "indicators": indicators, "years": years})
    return ScaleResult(provinces, communes * provinces, indicators, years, count, seconds)


def _maintain(tables: list[str] | tuple[str, ...]) -> None:
    """``VACUUM ANALYZE`` on PostgreSQL (not possible inside a transaction: ``ANALYZE`` then),
    ``ANALYZE`` on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")
            return
        verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        for table in tables:
            cursor.execute(f"{verb} {table}")


def scale_delete(*, actor: Any = None) -> int:
    """Remove every GEN unit, indicator, plan and value (raw deletes: millions of rows), then
    vacuum the tables on PostgreSQL."""
    deleted = _delete(actor=actor)
    if deleted and connection.vendor == "postgresql":
        _maintain(TABLES)
    return deleted


@transaction.atomic
def _delete(*, actor: Any) -> int:
    like = [f"{UNIT_PREFIX}%"]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM values_value WHERE unit_id IN "
                       "(SELECT id FROM units_unit WHERE code LIKE %s)", like)
        deleted = cursor.rowcount
    Target.objects.filter(plan__code__startswith=PLAN_PREFIX).delete()
    Plan.objects.filter(code__startswith=PLAN_PREFIX).delete()
    Unit.objects.filter(code__startswith=UNIT_PREFIX, parent__isnull=False).delete()
    Unit.objects.filter(code__startswith=UNIT_PREFIX).delete()
    gen = Indicator.objects.filter(code__startswith=INDICATOR_PREFIX)
    gen.filter(aggregation__in=["derived", "ratio", "weighted_mean"]).delete()
    gen.delete()
    if deleted:
        audit_record(actor=actor, action="scale_delete", object_type="evaluation.scale",
                     summary=f"{deleted} values")
    return deleted
