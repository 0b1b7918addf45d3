"""The import benchmark of ``make bench`` (docs/performance.md): a national-shaped values file
imported through ``import_values`` (full checks, revisions, all or nothing) beside a bare bulk
load of the same rows and beside the DHIS2 import of the same values.

The bare load reads the same CSV, maps codes to ids with two dictionaries and sends the rows to
``values_value`` with ``COPY`` (PostgreSQL) or ``executemany`` (SQLite): no checks, no revisions,
no duplicates test. Every measure starts from an empty GEN value table and includes the commit.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from kehoach.evaluation.synthetic import (
    LAST_YEAR,
    TABLES,
    _maintain,
    _structure,
    scale_delete,
)
from kehoach.indicators.models import Indicator
from kehoach.units.models import Unit
from kehoach.values.streaming import values_import


def _write_values(path: Path, tree: dict[Unit, list[Unit]], indicators: list[Indicator],
                  years: int) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["unit", "indicator", "period", "kind", "value", "note"])
        for year in range(LAST_YEAR - years + 1, LAST_YEAR + 1):
            for communes in tree.values():
                for c, commune in enumerate(communes):
                    for n, ind in enumerate(indicators):
                        value = f"{100 + (c * 7 + n * 13 + year) % 900}.{(c + n) % 100:02d}"
                        writer.writerow([commune.code, ind.code, year, "actual", value, ""])
                        count += 1
    return count


def _write_dhis2(values: Path, dhis2: Path, mapping: Path) -> None:
    """The same values as a DHIS2 CSV (codes as identifiers) and the mapping that names them."""
    units: set[str] = set()
    indicators: set[str] = set()
    with values.open(encoding="utf-8") as src, dhis2.open("w", encoding="utf-8", newline="") as out:
        reader = csv.reader(src)
        next(reader)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["dataelement", "period", "orgunit", "categoryoptioncombo",
                         "attributeoptioncombo", "value"])
        for unit, indicator, period, _kind, value, _note in reader:
            units.add(unit)
            indicators.add(indicator)
            writer.writerow([indicator, period, unit, "", "", value])
    with mapping.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["dhis2_kind", "dhis2_id", "kehoach_code"])
        writer.writerows(["data_element", code, code] for code in sorted(indicators))
        writer.writerows(["org_unit", code, code] for code in sorted(units))


def _bare_rows(path: Path) -> list[tuple]:
    unit_ids = dict(Unit.objects.values_list("code", "pk"))
    indicator_ids = dict(Indicator.objects.values_list("code", "pk"))
    now = timezone.now().isoformat()
    rows = []
    with path.open(encoding="utf-8") as src:
        reader = csv.reader(src)
        next(reader)
        for unit, indicator, period, kind, value, note in reader:
            rows.append((indicator_ids[indicator], unit_ids[unit], period, period, period, kind,
                         value, note, "", now))
    return rows


_BARE_COLUMNS = ("indicator_id", "unit_id", "period", "year", "end_year", "kind", "value", "note",
                 "source", "updated_at")


def bare_load(path: Path) -> int:
    """Read the CSV and bulk-load it into ``values_value``, checking nothing."""
    with transaction.atomic(), connection.cursor() as cursor:
        rows = _bare_rows(path)
        if connection.vendor == "postgresql":
            text = "".join("\t".join(map(str, row)) + "\n" for row in rows)
            with cursor.cursor.copy(f"COPY values_value ({', '.join(_BARE_COLUMNS)}) FROM STDIN") as copy:
                copy.write(text)
        else:
            marks = ", ".join(["%s"] * len(_BARE_COLUMNS))
            cursor.executemany(f"INSERT INTO values_value ({', '.join(_BARE_COLUMNS)}) VALUES "
                               f"({marks})", rows)
    return len(rows)


def _clear_values() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM values_valuerevision WHERE unit_code LIKE 'GEN-%%'")
        cursor.execute("DELETE FROM values_value WHERE unit_id IN "
                       "(SELECT id FROM units_unit WHERE code LIKE 'GEN-%%')")
    _maintain(list(TABLES) + ["values_valuerevision"])


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def import_bench(*, folder: Path, provinces: int = 34, communes: int = 30, indicators: int = 40,
                 years: int = 5) -> dict[str, Any]:
    """Generate the file, then time the bare load, import_values (new, then unchanged) and the
    DHIS2 import of the same values; remove the GEN data at the end."""
    from kehoach.values.dhis2.importing import dhis2_import

    scale_delete()
    try:
        tree, made = _structure(provinces, communes, indicators)
        path, dhis2, mapping = folder / "values.csv", folder / "dhis2.csv", folder / "map.csv"
        count = _write_values(path, tree, made, years)
        _write_dhis2(path, dhis2, mapping)
        _maintain(list(TABLES))
        bare, _ = _timed(lambda: bare_load(path))
        _clear_values()

        def full() -> Any:
            with path.open("rb") as stream:
                return values_import(stream=stream, filename=path.name, source="bench")

        first, result = _timed(full)
        assert result.ok and result.created == count, result.errors[:3]
        again, result = _timed(full)
        assert result.ok and result.unchanged == count
        _clear_values()
        dhis2_seconds, summary = _timed(lambda: dhis2_import(
            path=dhis2, mapping_path=mapping, kind="actual"))
        assert summary.imported == count, summary.as_dict()
        return {
            "exchange_file_values": count,
            "bare_load_seconds": round(bare, 2),
            "bare_load_values_per_second": round(count / bare),
            "exchange_import_seconds": round(first, 2),
            "exchange_import_values_per_second": round(count / first),
            "exchange_import_vs_bare_load": round(first / bare, 2),
            "exchange_reimport_unchanged_values_per_second": round(count / again),
            "dhis2_import_seconds": round(dhis2_seconds, 2),
            "dhis2_import_values_per_second": round(count / dhis2_seconds),
        }
    finally:
        _clear_values()
        scale_delete()


def duckdb_consolidation(*, year: int, kind: str, runs: int, folder: Path) -> dict[str, Any]:
    """DuckDB doing the same sums as the national consolidation of ``year``: every value of a
    unit that has a parent, summed per (parent, indicator) — one level, plain sums for every
    indicator, over the rows already loaded into DuckDB's memory (the load is timed apart).
    kehoach's consolidation also applies each indicator's rule (ratio, weighted mean, mean,
    min/max, derived formulas) and compares with the parents' own values."""
    import duckdb

    path = folder / "consolidation.csv"
    start = time.perf_counter()
    with connection.cursor() as cursor, path.open("w", encoding="utf-8", newline="") as out:
        cursor.execute(
            "SELECT u.parent_id, v.indicator_id, v.value FROM values_value v JOIN units_unit u ON "
            "u.id = v.unit_id WHERE v.year = %s AND v.end_year = %s AND v.kind = %s AND "
            "u.parent_id IS NOT NULL AND v.period = %s", [year, year, kind, str(year)])
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["parent_id", "indicator_id", "value"])
        rows = 0
        while chunk := cursor.fetchmany(50_000):
            writer.writerows(chunk)
            rows += len(chunk)
    db = duckdb.connect()
    db.execute(f"CREATE TABLE v AS SELECT * FROM read_csv('{path}', header = true, columns = "
               "{'parent_id': 'INTEGER', 'indicator_id': 'INTEGER', 'value': 'DECIMAL(24,6)'})")
    load = time.perf_counter() - start
    times = []
    result: list[Any] = []
    for _ in range(max(runs, 1)):
        begin = time.perf_counter()
        result = db.execute("SELECT parent_id, indicator_id, SUM(value), COUNT(*) FROM v "
                            "GROUP BY parent_id, indicator_id").fetchall()
        times.append(time.perf_counter() - begin)
    db.close()
    path.unlink()
    return {"duckdb_rows": rows, "duckdb_load_seconds": round(load, 2),
            "duckdb_sums_seconds": round(min(times), 4), "duckdb_groups": len(result)}
