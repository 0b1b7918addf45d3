"""Everything exportable: export every exchange file of the demo, import them into an empty
database, and the data compares equal (interfaces.md §1, issue 12)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from kehoach.projects.models import Project
from kehoach.tasks.models import Task
from kehoach.testing.factories import IndicatorFactory
from kehoach.units.models import Unit
from kehoach.values.models import Value
from kehoach.values.services import value_set

FILES = ("units", "indicators", "plans", "targets", "values")
#: Every model of the seven exchange files, compared field by field: a field added to one of
#: them is compared too, and fails here until the files carry it (or it is listed below).
MODELS = ("units.Unit", "units.Succession", "indicators.Indicator", "plans.Plan", "plans.Target",
          "values.Value", "tasks.Task", "projects.Project", "projects.CapitalPlan",
          "projects.Disbursement")
#: What a database writes for itself and no file carries: keys, clocks, edit counters, who typed
#: it, derived search text; a value's ``source`` is the provenance the importing database records
#: ("import_values values.csv"), not data of the file.
NOT_COMPARED = {"id", "name_ascii", "updated_at", "created_at", "version", "entered_by",
                "reported_by", "source"}


def _natural(obj: models.Model) -> str:
    """An object as a file names it (code, or plan/number, plan/name for tasks and projects)."""
    if hasattr(obj, "code"):
        return obj.code
    if isinstance(obj, Task):
        return f"{obj.plan.code}/{obj.number}"
    if isinstance(obj, Project):
        return f"{obj.plan.code}/{obj.name}"
    return f"{obj.plan.code}/{obj.indicator.code}/{obj.unit.code}/{obj.period}"  # a target


def _fields(model: type[models.Model]) -> list:
    return [f for f in model._meta.get_fields()
            if (f.concrete or f.many_to_many) and not f.auto_created
            and f.name not in NOT_COMPARED]


def _row(obj: models.Model, fields: list) -> tuple:
    cells = []
    for f in fields:
        if f.many_to_many:
            cells.append((f.name, tuple(sorted(_natural(o) for o in getattr(obj, f.name).all()))))
        elif f.is_relation:
            other = getattr(obj, f.name)
            cells.append((f.name, None if other is None else _natural(other)))
        else:
            cells.append((f.name, getattr(obj, f.name)))
    return tuple(cells)


def _snapshot() -> dict[str, list[tuple]]:
    snapshot = {}
    for label in MODELS:
        model = apps.get_model(label)
        fields = _fields(model)
        snapshot[label] = sorted((_row(o, fields) for o in model.objects.all()), key=repr)
    return snapshot


def _differences(before: list[tuple], after: list[tuple]) -> list[str]:
    """The fields that changed, with an example: what the test prints when it fails."""
    lost = [r for r in before if r not in after]
    got = [r for r in after if r not in before]
    found = []
    for old, new in zip(lost, got, strict=False):
        found += [f"{a[0]}: {a[1]!r} → {b[1]!r}" for a, b in zip(old, new, strict=True)
                  if a != b]
    return sorted(set(found))[:20] or [f"{len(before)} rows before, {len(after)} after"]


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
    for kind in ("tasks", "projects"):  # plan by plan; a project names its tasks
        for path in sorted(folder.glob(f"programme-{kind}-*.xlsx")):
            out = io.StringIO()
            call_command(f"import_{kind}", str(path), "--plan", path.stem.split("-", 2)[2],
                         stdout=out, stderr=io.StringIO())
            assert "created" in out.getvalue(), out.getvalue()


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
    assert all(before[label] for label in MODELS)
    _export_all(tmp_path, suffix)
    _export_programmes(tmp_path)
    _empty_database()
    assert not Unit.objects.exists() and not Value.objects.exists()
    _import_all(tmp_path, suffix)
    after = _snapshot()
    for label in MODELS:
        assert after[label] == before[label], (label, _differences(before[label], after[label]))


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
