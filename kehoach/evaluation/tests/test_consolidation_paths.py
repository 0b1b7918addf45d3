"""The two consolidation paths (PostgreSQL: one statement a level; SQLite: temporary tables)
give the same numbers; the value filter; the planner settings are put back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.evaluation.consolidation.dispatch import compute
from kehoach.evaluation.consolidation.job import consolidation_job
from kehoach.evaluation.consolidation.postgresql import SETTINGS, compute_postgresql
from kehoach.evaluation.consolidation.sqlite import compute_tables
from kehoach.evaluation.tests.conftest import put
from kehoach.values.models import Value

D = Decimal
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the one-statement path is PostgreSQL's"
)

PERIODS = ["2023", "2025-H1", "2025"]
KINDS = ["actual", "estimate"]
#: The units that report, per period (the old tree until 30/6/2025, the new one after).
REPORTERS = {"2023": ("X1", "X2", "X3", "X4", "D1"), "2025-H1": ("X1", "X2", "X3", "X4"),
             "2025": ("N1", "N2")}
REPORTED = ("GRDP", "POP", "POOR", "HH", "LIFE", "SCORE", "LOW", "HIGH", "GROWTH")


def rows_of(path, job) -> list[tuple]:
    """The rows of a path, sorted, values as exact Decimals."""
    return sorted((p, k, u, i, D(str(v)), n) for p, k, u, i, v, n in path(job) if v is not None)


@postgresql_only
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_both_paths_give_the_same_rows(geo, inds, data):
    Value.objects.all().delete()
    number = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)
    for period, units in REPORTERS.items():
        for code in units:
            for name in REPORTED:
                kinds = data.draw(st.sets(st.sampled_from(KINDS)))
                for kind in sorted(kinds):
                    put(inds[name], geo[code], period, data.draw(number), kind)
    scoped = data.draw(st.booleans())
    job = consolidation_job(
        periods=PERIODS, kinds=KINDS,
        roots=[geo["19"].pk] if scoped else None,
        indicators=[inds["GRDP_PC"].pk, inds["POOR_RATE"].pk, inds["LIFE"].pk] if scoped else None,
    )
    tables, one_statement = rows_of(compute_tables, job), rows_of(compute_postgresql, job)
    assert one_statement == tables
    assert {row[0] for row in tables} <= set(PERIODS)
    if scoped:  # the closure: the ratio's and the formula's parts and the weight, nothing else
        assert {row[3] for row in tables} <= {inds[n].pk for n in (
            "GRDP_PC", "GRDP", "POP", "POOR_RATE", "POOR", "HH", "LIFE")}


def test_multi_level_path_with_a_reported_district(geo, inds):
    """Level 2 takes D1 as reported and D2 as consolidated; level 3 (the merged province) takes
    the old provinces' consolidated values, ratios and formulas recomputed at each level."""
    for code, grdp, pop, poor, hh in (("X1", 10, 1000, 10, 100), ("X2", 20, 2000, 30, 200),
                                      ("X3", 30, 3000, 20, 400), ("X4", 40, 4000, 60, 300)):
        for name, value in (("GRDP", grdp), ("POP", pop), ("POOR", poor), ("HH", hh)):
            put(inds[name], geo[code], "2023", value)
    put(inds["GRDP"], geo["D1"], "2023", 35)
    rows = {(r.unit_id, r.indicator_id): r for r in compute(periods=["2023"], kinds=["actual"])}
    assert rows[(geo["19-cu"].pk, inds["GRDP"].pk)].value == D(65)  # 35 + 30
    assert rows[(geo["19"].pk, inds["GRDP"].pk)].value == D(105)  # 65 + 40
    assert rows[(geo["19"].pk, inds["GRDP"].pk)].inputs == 2
    assert rows[(geo["19"].pk, inds["POOR_RATE"].pk)].value == D(12)  # 120 / 1000 × 100
    assert rows[(geo["19"].pk, inds["GRDP_PC"].pk)].value == D("10.5")  # 105 × 1000 / 10000
    assert (geo["19"].pk, inds["GROWTH"].pk) not in rows


def test_values_of_other_periods_in_the_same_years_are_left_out(geo, inds):
    put(inds["GRDP"], geo["X1"], "2023", 5)
    put(inds["GRDP"], geo["X1"], "2024-H1", 999)
    put(inds["GRDP"], geo["X1"], "2024", 7)
    put(inds["GRDP"], geo["X1"], "2022", 888)
    put(inds["GRDP"], geo["X2"], "2024", 1, "preliminary")
    rows = compute(periods=["2023", "2024"], kinds=["actual"], roots=[geo["D1"].pk],
                   indicators=[inds["GRDP"].pk])
    assert [(r.period, r.kind, r.value, r.inputs) for r in rows] == [
        ("2023", "actual", D(5), 1), ("2024", "actual", D(7), 1)]


@postgresql_only
def test_planner_settings_are_put_back_inside_a_transaction(geo, inds):
    put(inds["GRDP"], geo["X1"], "2023", 5)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = on")
        names = list(SETTINGS)
        show = f"SELECT {', '.join(['current_setting(%s)'] * len(names))}"
        cursor.execute(show, names)
        before = cursor.fetchone()
        assert compute(periods=["2023"], kinds=["actual"])  # the test runs in a transaction
        cursor.execute(show, names)
        assert cursor.fetchone() == before
    assert before[names.index("enable_sort")] == "on"
