"""Everything exportable: export every exchange file of the demo, import them into an empty
database, and the data compares equal (interfaces.md §1, issue 12)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from kehoach.indicators.models import Indicator
from kehoach.plans.models import Plan, Target
from kehoach.projects.models import Project
from kehoach.tasks.models import Task
from kehoach.testing.factories import IndicatorFactory
from kehoach.units.models import Succession, Unit
from kehoach.values.models import Value
from kehoach.values.services import value_set

FILES = ("units", "indicators", "plans", "targets", "values")


def _snapshot() -> dict[str, set]:
    return {
        "units": set(Unit.objects.values_list("code", "name", "type", "parent__code",
                                              "valid_from", "valid_to")),
        "successions": set(Succession.objects.values_list("predecessor__code", "successor__code",
                                                          "share")),
        "indicators": set(Indicator.objects.values_list(
            "code", "name_vi", "name_en", "group", "unit", "kind", "direction", "aggregation",
            "weight__code", "numerator__code", "denominator__code", "formula", "decimals",
            "tolerance")),
        "plans": set(Plan.objects.values_list("code", "name", "kind", "start_year", "end_year",
                                              "unit__code", "parent__code", "document",
                                              "document_date", "status")),
        "targets": set(Target.objects.values_list(
            "plan__code", "indicator__code", "unit__code", "period", "comparator", "value",
            "value_max", "target_type", "tolerance", "note", "responsible_unit__code")),
        "values": set(Value.objects.values_list("unit__code", "indicator__code", "period", "kind",
                                                "value", "note")),
        "tasks": set(Task.objects.values_list("plan__code", "number", "text", "group",
                                              "lead_unit__code", "deadline_text", "product",
                                              "status")),
        "projects": set(Project.objects.values_list("plan__code", "name", "funding_source",
                                                    "total_investment", "status",
                                                    "location__code")),
    }


def _export_all(folder: Path, suffix: str) -> None:
    for name in FILES:
        call_command(f"export_{name}", "--out", str(folder / f"{name}.{suffix}"),
                     stdout=io.StringIO())


def _empty_database() -> None:
    call_command("flush", "--no-input", stdout=io.StringIO())


def _import_all(folder: Path, suffix: str) -> None:
    for name in FILES:
        out = io.StringIO()
        call_command(f"import_{name}", str(folder / f"{name}.{suffix}"), stdout=out,
                     stderr=io.StringIO())
        assert "created" in out.getvalue()
    for path in sorted(folder.glob("programme-*.xlsx")):  # tasks and projects, plan by plan
        kind, plan = path.stem.split("-", 2)[1:]
        call_command(f"import_{kind}", str(path), "--plan", plan, stdout=io.StringIO())


def _export_programmes(folder: Path) -> None:
    for kind, model in (("tasks", Task), ("projects", Project)):
        for plan in set(model.objects.values_list("plan__code", flat=True)):
            call_command(f"export_{kind}", "--plan", plan,
                         "--out", str(folder / f"programme-{kind}-{plan}.xlsx"), stdout=io.StringIO())


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_everything_then_import_into_an_empty_database_gives_the_same_data(
    tmp_path: Path, suffix: str
) -> None:
    call_command("load_demo", stdout=io.StringIO())
    before = _snapshot()
    assert all(before[k] for k in ("units", "successions", "indicators", "plans", "targets", "values",
                                       "tasks", "projects"))
    _export_all(tmp_path, suffix)
    _export_programmes(tmp_path)
    _empty_database()
    assert not Unit.objects.exists() and not Value.objects.exists()
    _import_all(tmp_path, suffix)
    after = _snapshot()
    for key in before:
        assert after[key] == before[key], key


@pytest.mark.django_db
def test_export_values_writes_csv_to_standard_output(reporter_a) -> None:
    unit = reporter_a.unit
    indicator = IndicatorFactory(code="GRDP_GROWTH", unit="%", kind="growth", aggregation="none")
    value_set(indicator=indicator, unit=unit, period="2024", kind="actual", value=Decimal("7.5"),
              note="ước")
    out = io.StringIO()
    call_command("export_values", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "unit,indicator,period,kind,value,note"
    assert f"{unit.code},{indicator.code},2024,actual,7.5,ước" in lines
