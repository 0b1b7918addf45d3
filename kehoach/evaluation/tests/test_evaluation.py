"""plan_evaluate: statuses, values reported or consolidated, estimates, gaps, progress, counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.evaluation.services import override_set, plan_evaluate
from kehoach.evaluation.tests.conftest import put
from kehoach.testing.factories import IndicatorFactory, PlanFactory, TargetFactory
from kehoach.values.models import Value

D = Decimal


@pytest.fixture
def bk(geo, inds):
    """Bắc Kạn's plan: GRDP growth above 7.5% on average 2021-2030; GRDP 2024 at least 95."""
    growth = IndicatorFactory(code="GRDP_GROWTH", aggregation="none", unit="%", kind="growth",
                              decimals=2)
    plan = PlanFactory(code="KH-BK", unit=geo["06-cu"], start_year=2021, end_year=2025)
    t_growth = TargetFactory(plan=plan, indicator=growth, unit=geo["06-cu"], period="2021-2030",
                             start_year=2021, end_year=2030, comparator="above", value=D("7.5"),
                             target_type="average_growth")
    t_grdp = TargetFactory(plan=plan, indicator=inds["GRDP"], unit=geo["06-cu"], period="2024",
                           start_year=2024, end_year=2024, comparator="at_least", value=D(95))
    for year, g in ((2021, "6.0"), (2022, "7.0"), (2023, "8.0"), (2024, "5.5")):
        put(growth, geo["06-cu"], str(year), g)
    return {"plan": plan, "t_growth": t_growth, "t_grdp": t_grdp, "growth": growth}


def item(evaluation, indicator):
    return next(r.item for r in evaluation.results if r.item["indicator"] == indicator)


def result(evaluation, indicator):
    return next(r for r in evaluation.results if r.item["indicator"] == indicator)


def test_average_growth_target_with_required_rate(bk):
    ev = plan_evaluate(plan=bk["plan"], year=2024, user=None)
    got = item(ev, "GRDP_GROWTH")
    assert got["status"] == "not_due"
    assert got["value_period"] == "2021-2024"
    # (1.06 × 1.07 × 1.08 × 1.055)^(1/4) − 1
    avg = ((D("1.06") * D("1.07") * D("1.08") * D("1.055")) ** (D(1) / 4) - 1) * 100
    assert got["value"] == pytest.approx(float(avg), abs=0.01)
    product = D("1.06") * D("1.07") * D("1.08") * D("1.055")
    required = ((D("1.075") ** 10 / product) ** (D(1) / 6) - 1) * 100
    assert got["progress"]["required_rate"] == pytest.approx(float(required), abs=0.01)
    assert got["progress"]["progress_class"] == "limited_progress"  # r above the best year 8%


def test_value_comes_from_consolidation_when_not_reported(bk, geo, inds):
    put(inds["GRDP"], geo["X4"], "2024", 100)
    ev = plan_evaluate(plan=bk["plan"], year=2024, user=None)
    got = result(ev, "GRDP")
    assert got.item["value"] == 100.0 and got.item["status"] == "exceeded"
    assert got.series.sources == {2024: "consolidated"}
    put(inds["GRDP"], geo["06-cu"], "2024", 90)  # the unit's own figure wins
    got = result(plan_evaluate(plan=bk["plan"], year=2024, user=None), "GRDP")
    assert got.item["value"] == 90.0 and got.item["status"] == "not_met"
    assert got.series.sources == {2024: "reported"}


def test_estimate_is_marked_then_replaced_by_the_actual(bk, geo, inds):
    put(inds["GRDP"], geo["06-cu"], "2024", 96, "estimate")
    got = result(plan_evaluate(plan=bk["plan"], year=2024, user=None), "GRDP")
    assert (got.item["value"], got.item["value_kind"], got.item["status"]) == (96.0, "estimate",
                                                                                "exceeded")
    assert got.evaluation.from_estimate
    put(inds["GRDP"], geo["06-cu"], "2024", 94, "actual")
    got = result(plan_evaluate(plan=bk["plan"], year=2024, user=None), "GRDP")
    assert (got.item["value"], got.item["value_kind"], got.item["status"]) == (94.0, "actual",
                                                                                "not_met")
    assert not got.evaluation.from_estimate


def test_missing_year_makes_the_average_not_computable(bk, geo):
    Value.objects.filter(indicator=bk["growth"], period="2022").delete()
    got = item(plan_evaluate(plan=bk["plan"], year=2024, user=None), "GRDP_GROWTH")
    assert got["value"] is None
    assert got["status"] == "not_due"


def test_no_value_after_the_end_year_is_no_data(bk):
    got = item(plan_evaluate(plan=bk["plan"], year=2024, user=None), "GRDP")
    assert got["status"] == "no_data"  # 2024 has passed and nothing was reported


def test_previous_year_comparison(bk, geo, inds):
    put(inds["GRDP"], geo["06-cu"], "2023", 80)
    put(inds["GRDP"], geo["06-cu"], "2024", 100)
    got = item(plan_evaluate(plan=bk["plan"], year=2024, user=None), "GRDP")
    assert got["previous_value"] == 80.0
    assert got["change_vs_previous"] == 125.0
    assert got["percent_of_target"] == pytest.approx(105.26, abs=0.01)


def test_counts_and_override_beside_the_computed_status(bk, geo, inds, planner):
    put(inds["GRDP"], geo["06-cu"], "2024", 90)
    ev = plan_evaluate(plan=bk["plan"], year=2024, user=None)
    assert (ev.counts["met_or_exceeded"], ev.counts["judged"], ev.counts["not_met"]) == (0, 1, 1)
    assert ev.counts["by_group"]["economy"]["total"] == 2
    override_set(target=bk["t_grdp"], year=2024, status="met", reason="Số liệu sơ bộ của Cục TK",
                 actor=planner)
    ev = plan_evaluate(plan=bk["plan"], year=2024, user=None)
    got = item(ev, "GRDP")
    assert got["status"] == "not_met"  # computed status untouched
    assert got["override"]["status"] == "met"
    assert got["override"]["reason"] == "Số liệu sơ bộ của Cục TK"
    assert ev.counts["not_met"] == 1 and ev.counts_with_overrides["met"] == 1
    assert "override" not in item(plan_evaluate(plan=bk["plan"], year=2023, user=None), "GRDP")


def test_drilldown_applies_non_additive_targets_to_a_unit(bk, geo):
    put(bk["growth"], geo["D3"], "2021", "6.0")
    ev = plan_evaluate(plan=bk["plan"], year=2024, unit=geo["D3"], user=None)
    assert [r.item["indicator"] for r in ev.results] == ["GRDP_GROWTH"]  # GRDP is a sum
    assert ev.results[0].applied and ev.results[0].item["unit"] == "D3"


def test_reporter_sees_only_targets_in_scope(cast_plan, reporter_a, reporter_b, planner):
    plan = cast_plan["plan"]
    assert {r.item["unit"] for r in plan_evaluate(plan=plan, year=2024, user=planner).results} == {
        "TINH", "SO-A"}
    assert [r.item["unit"] for r in plan_evaluate(plan=plan, year=2024, user=reporter_a).results
            ] == ["SO-A"]
    assert plan_evaluate(plan=plan, year=2024, user=reporter_b).results == []


def test_query_budget_does_not_grow_with_targets(bk, geo, inds, django_assert_max_num_queries):
    for n in range(20):
        ind = IndicatorFactory(code=f"EXTRA{n}", aggregation="sum")
        TargetFactory(plan=bk["plan"], indicator=ind, unit=geo["06-cu"], period="2024",
                      start_year=2024, end_year=2024, comparator="at_least", value=D(1))
        put(ind, geo["X4"], "2024", n)
    with django_assert_max_num_queries(50):  # constant: it must not grow with the tree
        ev = plan_evaluate(plan=bk["plan"], year=2024, user=None)
    assert len(ev.results) == 22
