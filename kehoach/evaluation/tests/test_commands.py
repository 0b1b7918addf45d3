"""``kehoach evaluate``, ``consolidate``, ``gen_scale`` and ``bench``."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kehoach.evaluation.services import consolidate
from kehoach.units.models import Unit
from kehoach.values.models import Value

KEYS = ["plan", "indicator", "unit", "period", "responsible_unit", "comparator", "target", "target_type", "value",
        "value_kind", "value_period", "status", "percent_of_target", "previous_value",
        "change_vs_previous", "progress"]
PROGRESS_KEYS = ["base_year", "base_value", "latest_year", "latest_value", "average_to_date",
                 "required_rate", "projected_value", "progress_class"]


def run(*args, **kwargs) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_evaluate_json_has_exactly_the_interface_shape(cast_plan, planner):
    items = json.loads(run("evaluate", "--plan", "KH-THU", "--year", "2024", "--format", "json"))
    assert len(items) == 2
    for item in items:
        assert list(item) == KEYS
        assert list(item["progress"]) == PROGRESS_KEYS
    prov = next(i for i in items if i["unit"] == "TINH")
    assert (prov["value"], prov["status"], prov["value_kind"]) == (120.0, "exceeded", "actual")
    assert prov["previous_value"] == 90.0
    from kehoach.evaluation.services import override_set

    override_set(target=cast_plan["t_a"], year=2024, status="met", reason="Xác minh",
                 actor=planner)
    items = json.loads(run("evaluate", "--plan", "KH-THU", "--year", "2024", "--format", "json"))
    own = next(i for i in items if i["unit"] == "SO-A")
    assert list(own) == [*KEYS, "override"] and own["status"] == "not_met"
    assert own["override"]["status"] == "met"


def test_evaluate_csv_and_table(cast_plan):
    rows = list(csv.DictReader(StringIO(run("evaluate", "--plan", "KH-THU", "--year", "2024",
                                            "--format", "csv"))))
    assert {r["indicator"]: r["status"] for r in rows} == {"GRDP_T": "exceeded",
                                                           "SO_A_IND": "not_met"}
    table = run("evaluate", "--plan", "KH-THU", "--year", "2024", "--unit", "SO-A")
    assert "SO_A_IND" in table and "GRDP_T" not in table


def test_evaluate_bad_usage_exits_2(cast_plan):
    for args in (["--plan", "NOPE"], ["--plan", "KH-THU", "--unit", "NOPE"]):
        with pytest.raises(CommandError) as info:
            call_command("evaluate", *args)
        assert info.value.returncode == 2


def test_consolidate_command(cast_plan, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        out = run("consolidate", "--year", "2024", "--format", "json")
    rows = json.loads(out)
    assert [(r["unit"], r["indicator"], r["value"], r["inputs"]) for r in rows] == [
        ("TINH", "GRDP_T", 120.0, 1)]
    rows = list(csv.DictReader(StringIO(run("consolidate", "--year", "2023"))))
    assert rows[0]["value"] == "90.0" and rows[0]["discrepancy"] == "False"
    assert run("consolidate", "--year", "2024", "--kind", "estimate", "--format", "json").strip() == "[]"
    with pytest.raises(CommandError) as info:
        call_command("consolidate", "--unit", "NOPE", "--year", "2024")
    assert info.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("consolidate")  # neither year nor period


@pytest.mark.django_db(transaction=True)
def test_gen_scale_and_bench_small():
    out = run("gen_scale", "--provinces", "2", "--communes", "3", "--indicators", "12",
              "--years", "2", "--kinds", "actual,estimate")
    assert "values/s" in out
    # 11 reported indicators (one derived) × 6 communes × 2 years × 2 kinds
    assert Value.objects.filter(unit__code__startswith="GEN-").count() == 11 * 6 * 2 * 2
    result = consolidate(year=2024, kind="actual")
    province = Unit.objects.get(code="GEN-P01")
    got = {i.indicator.code: i.value for i in result.items if i.unit == province}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT SUM(v.value) FROM values_value v JOIN units_unit u ON u.id = v.unit_id "
            "JOIN indicators_indicator i ON i.id = v.indicator_id WHERE u.parent_id = %s "
            "AND i.code = 'GEN_001' AND v.period = '2024' AND v.kind = 'actual'", [province.pk])
        expected = Decimal(str(cursor.fetchone()[0]))
    assert got["GEN_001"] == expected.quantize(Decimal("0.000001"))
    assert got["GEN_010"] == (got["GEN_001"] * 1000 / got["GEN_002"]).quantize(
        Decimal("0.000001"))
    figures = json.loads(run("bench", "--provinces", "2", "--communes", "3", "--indicators", "10",
                             "--years", "2", "--json", "--no-migrate"))
    assert figures["values"] == 9 * 6 * 2
    assert figures["import_values_per_second"] > 0
    assert figures["consolidation_rows"] == 2 * 10
    assert figures["evaluation_targets"] == 10
    # DuckDB beside: the same job (the same rows as the consolidation) and one level of sums
    assert figures["duckdb_same_job_rows"] == 2 * 10 and figures["duckdb_same_job_levels"] == 1
    assert figures["duckdb_same_job_values"] == figures["duckdb_rows"] == 9 * 6
    assert figures["consolidation_vs_duckdb_same_job"] > 0
    assert figures["consolidation_vs_duckdb_same_job_median"] > 0
    assert 0 < figures["duckdb_same_job_seconds"] <= figures["duckdb_same_job_median_seconds"]
    assert figures["consolidation_vs_duckdb_one_level_sums"] > 0
    assert figures["consolidation_seconds"] >= 0 and figures["evaluation_peak_mb"] >= 0
    assert not Unit.objects.filter(code__startswith="GEN-").exists()  # removed after
    assert figures["runs"] == 5
    assert 0 <= figures["consolidation_seconds"] <= figures["consolidation_median_seconds"]
    assert 0 <= figures["evaluation_seconds"] <= figures["evaluation_median_seconds"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="VACUUM is PostgreSQL's")
def test_gen_scale_delete_vacuums_the_values_table():
    run("gen_scale", "--provinces", "1", "--communes", "2", "--indicators", "3", "--years", "1")
    with connection.cursor() as cursor:  # the generation vacuums too: look after it
        cursor.execute("SELECT clock_timestamp()")
        started = cursor.fetchone()[0]
    assert run("gen_scale", "--delete").strip() == f"deleted {3 * 2} values"
    assert not Value.objects.filter(unit__code__startswith="GEN-").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum >= %s FROM pg_stat_user_tables "
                       "WHERE relname = 'values_value'", [started])
        assert cursor.fetchone() == (True,)


def test_bench_bad_runs(db):
    with pytest.raises(CommandError) as info:
        call_command("bench", "--runs", "0", "--no-migrate")
    assert info.value.returncode == 2
    assert not Unit.objects.filter(code__startswith="GEN-").exists()


def test_gen_scale_bad_usage(db):
    with pytest.raises(CommandError) as info:
        call_command("gen_scale", "--kinds", "actual,bogus")
    assert info.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("gen_scale", "--provinces", "0")
