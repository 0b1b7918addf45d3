"""Consolidation over units: every aggregation by hand, merged units, discrepancies, queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.evaluation.services import consolidate
from kehoach.evaluation.tests.conftest import put
from kehoach.values.models import Value

D = Decimal


def by(result, unit, indicator):
    found = [i for i in result.items if i.unit.code == unit and i.indicator.code == indicator]
    return found[0] if found else None


def commune_values(inds, geo, period="2023", kind="actual"):
    data = {  # GRDP, POP, POOR, HH, LIFE, SCORE
        "X1": (10, 1000, 10, 100, 70, 4),
        "X2": (20, 2000, 30, 200, 73, 6),
        "X3": (30, 3000, 20, 400, 74, 8),
        "X4": (40, 4000, 60, 300, 68, 2),
    }
    for code, (grdp, pop, poor, hh, life, score) in data.items():
        for name, v in (("GRDP", grdp), ("POP", pop), ("POOR", poor), ("HH", hh), ("LIFE", life),
                        ("SCORE", score), ("LOW", score), ("HIGH", score), ("GROWTH", 7)):
            put(inds[name], geo[code], period, v, kind)


def test_every_aggregation_by_hand(geo, inds):
    commune_values(inds, geo)
    result = consolidate(year=2023, kind="actual")
    # D1 = X1 + X2
    assert by(result, "D1", "GRDP").value == D(30)
    assert by(result, "D1", "GRDP").inputs == 2
    assert by(result, "D1", "POOR_RATE").value == D("13.333333")  # (10+30)/(100+200)*100
    assert by(result, "D1", "LIFE").value == D(72)  # (70*1000 + 73*2000)/3000
    assert by(result, "D1", "SCORE").value == D(5)
    assert by(result, "D1", "LOW").value == D(4)
    assert by(result, "D1", "HIGH").value == D(6)
    assert by(result, "D1", "GRDP_PC").value == D(10)  # 30*1000/3000
    assert by(result, "D1", "GROWTH") is None  # none: never consolidated
    # 19-cu = D1 + D2 (districts before 2025)
    assert by(result, "19-cu", "GRDP").value == D(60)
    assert abs(by(result, "19-cu", "POOR_RATE").value - D("8.571429")) <= D("0.000001")
    assert by(result, "19-cu", "SCORE").value == D("6.5")  # mean of the districts: D1 5, D2 8
    assert by(result, "19-cu", "LOW").value == D(4)
    assert by(result, "19-cu", "HIGH").value == D(8)


def test_merged_unit_before_its_creation_is_the_sum_of_its_predecessors(geo, inds):
    commune_values(inds, geo)
    result = consolidate(year=2023, kind="actual")
    assert by(result, "19", "GRDP").value == D(100)  # 19-cu 60 + 06-cu 40
    assert by(result, "19", "POP").value == D(10000)
    assert abs(by(result, "19", "POOR_RATE").value - D(12)) <= D("0.000001")  # 120/1000*100
    assert by(result, "19", "GRDP_PC").value == D(10)  # recomputed: 100*1000/10000
    # old units keep their own figures, nothing is rewritten
    assert Value.objects.filter(unit=geo["19"]).count() == 0


def test_after_reorganisation_province_sums_the_new_communes(geo, inds):
    put(inds["GRDP"], geo["N1"], "2025", 111)
    put(inds["GRDP"], geo["N2"], "2025", 222)
    put(inds["GRDP"], geo["X1"], "2025", 5)  # an old commune: not valid at the end of 2025
    put(inds["GRDP"], geo["SO-TC"], "2025", 1000)  # a department is never summed
    result = consolidate(year=2025, kind="actual")
    assert by(result, "19", "GRDP").value == D(333)
    assert by(result, "19", "GRDP").inputs == 2
    assert by(result, "D1", "GRDP") is None


def test_first_half_of_2025_uses_the_old_tree(geo, inds):
    put(inds["GRDP"], geo["X1"], "2025-H1", 5)
    put(inds["GRDP"], geo["X4"], "2025-H1", 7)
    result = consolidate(period="2025-H1", kind="actual")
    assert by(result, "D1", "GRDP").value == D(5)
    assert by(result, "19-cu", "GRDP").value == D(5)
    assert by(result, "19", "GRDP").value == D(12)  # from its predecessors (valid 1/7/2025)


def test_successor_share_weights_a_split(geo, inds):
    from kehoach.units.models import Succession

    Succession.objects.filter(predecessor=geo["X4"]).update(share=D("0.5"))
    put(inds["GRDP"], geo["X3"], "2023", 30)
    put(inds["GRDP"], geo["X4"], "2023", 40)
    result = consolidate(year=2023, kind="actual")
    assert by(result, "N2", "GRDP").value == D(50)  # 30 + 0.5 × 40


def test_reported_district_is_taken_as_reported(geo, inds):
    commune_values(inds, geo)
    put(inds["GRDP"], geo["D1"], "2023", 35)  # the district's own figure, not 30
    result = consolidate(year=2023, kind="actual")
    assert by(result, "D1", "GRDP").value == D(30)
    assert by(result, "D1", "GRDP").reported == D(35)
    assert by(result, "19-cu", "GRDP").value == D(65)  # 35 + 30


def test_discrepancies_use_the_indicator_tolerance_else_the_default(geo, inds):
    commune_values(inds, geo)
    put(inds["GRDP"], geo["19-cu"], "2023", "60.05")  # within the default (0.1)
    put(inds["POP"], geo["19-cu"], "2023", 6100)  # 100 > 0.1% of 6000
    inds["HH"].tolerance = D(200)
    inds["HH"].save()
    put(inds["HH"], geo["19-cu"], "2023", 850)  # 150 ≤ 200
    result = consolidate(year=2023, kind="actual")
    listed = {(i.unit.code, i.indicator.code) for i in result.discrepancies}
    assert listed == {("19-cu", "POP")}
    assert by(result, "19-cu", "POP").difference == D(100)


def test_kinds_are_consolidated_separately(geo, inds):
    put(inds["GRDP"], geo["X1"], "2023", 10, "actual")
    put(inds["GRDP"], geo["X2"], "2023", 99, "estimate")
    assert by(consolidate(year=2023, kind="actual"), "D1", "GRDP").value == D(10)
    assert by(consolidate(year=2023, kind="estimate"), "D1", "GRDP").value == D(99)


def test_unit_restricts_to_its_subtree(geo, inds):
    commune_values(inds, geo)
    result = consolidate(year=2023, kind="actual", unit=geo["06-cu"])
    assert {i.unit.code for i in result.items} == {"06-cu", "D3"}


def test_bad_arguments_are_refused(geo):
    with pytest.raises(ValueError, match="năm"):
        consolidate(kind="actual")
    with pytest.raises(ValueError, match="6 tháng"):
        consolidate(period="2024-Q1")
    with pytest.raises(ValueError, match="Loại số liệu"):
        consolidate(year=2024, kind="bogus")


def test_query_count_does_not_grow_with_the_tree(geo, inds, django_assert_max_num_queries):
    commune_values(inds, geo)
    with django_assert_max_num_queries(70):  # constant: it must not grow with the tree
        small = consolidate(year=2023, kind="actual")
    from kehoach.testing.factories import UnitFactory

    for n in range(30):
        unit = UnitFactory(code=f"XX{n}", type="commune", parent=geo["D2"],
                           valid_to=geo["D2"].valid_to)
        put(inds["GRDP"], unit, "2023", 1)
    with django_assert_max_num_queries(70):  # constant: it must not grow with the tree
        big = consolidate(year=2023, kind="actual")
    assert by(big, "D2", "GRDP").value == by(small, "D2", "GRDP").value + 30


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 10**6)), min_size=4,
                       max_size=4))
def test_merged_unit_equals_its_parts(geo, inds, values):
    Value.objects.all().delete()
    for code, (poor, hh) in zip(("X1", "X2", "X3", "X4"), values, strict=True):
        put(inds["GRDP"], geo[code], "2023", poor)
        put(inds["POOR"], geo[code], "2023", poor)
        put(inds["HH"], geo[code], "2023", hh)
    result = consolidate(year=2023, kind="actual")
    parts = ("19-cu", "06-cu")
    assert by(result, "19", "GRDP").value == sum(by(result, p, "GRDP").value for p in parts)
    poor = sum(by(result, p, "POOR").value for p in parts)
    hh = sum(by(result, p, "HH").value for p in parts)
    assert abs(by(result, "19", "POOR_RATE").value - poor / hh * 100) <= D("0.000001")
    # and the same numbers as consolidating the new communes' predecessors
    assert by(result, "19", "GRDP").value == sum(by(result, n, "GRDP").value for n in ("N1", "N2"))


def test_a_sum_of_some_parts_is_not_the_units_figure(geo, inds):
    """Thái Nguyên (new) in 2024 from its predecessors: with only Bắc Kạn's figure the sum is
    partial, shown as such by the consolidation, and the evaluation's series takes no figure."""
    from kehoach.evaluation.consolidation.dispatch import compute
    from kehoach.evaluation.services.series import load_series

    put(inds["GRDP"], geo["06-cu"], "2024", 910)
    pair = (inds["GRDP"].pk, geo["19"].pk)
    rows = [r for r in compute(periods=["2024"], kinds=["actual"], roots=[geo["19"].pk])
            if (r.indicator_id, r.unit_id) == pair]
    assert [(r.value, r.inputs, r.expected, r.complete) for r in rows] == [(D(910), 1, 2, False)]
    assert 2024 not in load_series(pairs=[pair], first_year=2024, last_year=2024)[pair].observations
    put(inds["GRDP"], geo["19-cu"], "2024", 2090)
    series = load_series(pairs=[pair], first_year=2024, last_year=2024)[pair]
    assert series.observations[2024].value == D(3000)
