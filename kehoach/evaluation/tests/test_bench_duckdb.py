"""DuckDB, given the same rows, tree and rules, gives exactly the rows of ``consolidate``: the
like-for-like comparison of ``make bench`` (``evaluation/bench_duckdb.py``). Runs on SQLite and
PostgreSQL; skipped when duckdb (a dev dependency) is not installed."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from kehoach.evaluation.consolidation import compute, consolidate
from kehoach.evaluation.tests.conftest import put
from kehoach.values.models import Value

pytest.importorskip("duckdb")

from kehoach.evaluation.bench_duckdb import (  # noqa: E402
    duckdb_consolidate,
    duckdb_load,
    duckdb_same_job,
)

#: Who reports what, per period: communes, a district (D1) and the old provinces themselves.
REPORTERS = {"2023": ("X1", "X2", "X3", "X4", "D1", "19-cu"), "2025-H1": ("X1", "X2", "X3", "X4"),
             "2025": ("N1", "N2", "19")}
REPORTED = ("GRDP", "POP", "POOR", "HH", "LIFE", "SCORE", "LOW", "HIGH", "GROWTH", "GRDP_PC")


def kehoach_rows(period: str, kind: str) -> list[tuple]:
    expected = {(r.unit_id, r.indicator_id): r.expected
                for r in compute(periods=[period], kinds=[kind])}
    return sorted(
        (it.unit.pk, it.indicator.pk, it.period, it.kind, it.value, it.inputs,
         expected[(it.unit.pk, it.indicator.pk)], it.reported)
        for it in consolidate(period=period, kind=kind).items
    )


def duckdb_rows(period: str, kind: str, folder) -> list[tuple]:
    loaded = duckdb_load(period=period, kind=kind, folder=folder)
    try:
        return duckdb_consolidate(loaded)
    finally:
        loaded.db.close()


def fill(geo, inds, seed: int) -> None:
    rng = random.Random(seed)
    for period, units in REPORTERS.items():
        for code in units:
            for name in REPORTED:
                for kind in ("actual", "estimate"):
                    if rng.random() < 0.8:
                        value = Decimal(rng.randint(0, 10**8)) / 100
                        put(inds[name], geo[code], period, value, kind)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_duckdb_gives_the_rows_of_consolidate(geo, inds, tmp_path, seed):
    fill(geo, inds, seed)
    for period in REPORTERS:
        for kind in ("actual", "estimate"):
            expected = kehoach_rows(period, kind)
            assert expected, (period, kind)
            assert duckdb_rows(period, kind, tmp_path) == expected, (period, kind)


def test_every_level_and_rule_is_in_the_comparison(geo, inds, tmp_path):
    """2023: communes → districts → old provinces → the merged province (three levels): the
    district D1 counted as reported, ratios and formulas recomputed at each level."""
    for code, grdp, pop, poor, hh in (("X1", 10, 1000, 10, 100), ("X2", 20, 2000, 30, 200),
                                      ("X3", 30, 3000, 20, 400), ("X4", 40, 4000, 60, 300)):
        for name, value in (("GRDP", grdp), ("POP", pop), ("POOR", poor), ("HH", hh),
                            ("LIFE", 70 + grdp / 10), ("SCORE", grdp), ("LOW", grdp),
                            ("HIGH", grdp)):
            put(inds[name], geo[code], "2023", value)
    put(inds["GRDP"], geo["D1"], "2023", 35)
    put(inds["GRDP_PC"], geo["19"], "2023", "10.4")
    rows = {(u, i): (value, n, parts, own)
            for u, i, _p, _k, value, n, parts, own in duckdb_rows("2023", "actual", tmp_path)}
    province, old = geo["19"].pk, geo["19-cu"].pk
    assert rows[(province, inds["GRDP"].pk)] == (Decimal(105), 2, 2, None)  # 35 + 30 + 40
    assert rows[(province, inds["POOR_RATE"].pk)][0] == Decimal(12)  # 120 / 1000 × 100
    assert rows[(province, inds["GRDP_PC"].pk)] == (Decimal("10.5"), 2, 2, Decimal("10.4"))
    assert rows[(old, inds["LIFE"].pk)][0] == Decimal("72.333333")  # (71·1000+72·2000+73·3000)/6000
    assert rows[(province, inds["HIGH"].pk)][0] == Decimal(40)
    assert (province, inds["GROWTH"].pk) not in rows
    assert duckdb_rows("2023", "actual", tmp_path) == kehoach_rows("2023", "actual")


def test_nothing_to_consolidate_gives_no_rows(geo, inds, tmp_path):
    assert Value.objects.count() == 0
    assert duckdb_rows("2024", "actual", tmp_path) == [] == kehoach_rows("2024", "actual")


def test_the_bench_figures_on_synthetic_data(db, tmp_path):
    from kehoach.evaluation.synthetic import LAST_YEAR, scale_generate

    scale_generate(provinces=2, communes=4, indicators=20, years=1, kinds=["actual"])
    year = str(LAST_YEAR)
    assert duckdb_rows(year, "actual", tmp_path) == kehoach_rows(year, "actual")
    figures = duckdb_same_job(year=LAST_YEAR, kind="actual", runs=2, folder=tmp_path)
    # 2 provinces × (10 sums, 2 ratios, 2 weighted means, 2 means, a max, a min, 2 derived)
    assert figures["duckdb_same_job_rows"] == len(kehoach_rows(year, "actual")) == 2 * 20
    assert figures["duckdb_same_job_values"] == 2 * 4 * 18  # derived ones are not reported
    assert figures["duckdb_same_job_levels"] == 1
    assert figures["duckdb_same_job_seconds"] <= figures["duckdb_same_job_median_seconds"]
