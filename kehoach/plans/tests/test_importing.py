"""import_plans, import_targets and ``kehoach plans``: columns, Vietnamese comparators, units,
bad files, number conventions, parent cycles, reversed bounds, exit codes."""

from __future__ import annotations

import io
import json
import unicodedata
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from kehoach.core.tests.factories import IndicatorFactory, PlanFactory
from kehoach.plans.importing import comparator_value, plans_import, targets_import
from kehoach.plans.models import Plan, Target

pytestmark = pytest.mark.django_db

PLANS = (
    "code,name,kind,start_year,end_year,unit,parent,document,document_date,status\n"
    "KH-2021-2025,Kế hoạch 5 năm,five_year,2021,2025,TINH,QH-2030,12/NQ-HĐND,2020-12-10,approved\n"
    "QH-2030,Kế hoạch thực hiện quy hoạch,master,2021,2030,Tỉnh Thử Nghiệm,,269/KH-UBND,2023-06-01,approved\n"
)
T_HEADER = "plan,indicator,unit,period,comparator,value,value_max,target_type,tolerance,note\n"


@pytest.fixture
def setup(province, unit_a):
    IndicatorFactory(code="GRDP", unit="%")
    IndicatorFactory(code="INVEST", unit="tỷ đồng")
    IndicatorFactory(code="BEDS", unit="giường")
    return PlanFactory(code="QH", unit=province, start_year=2021, end_year=2030)


def load_plans(text, **kw):
    return plans_import(data=text.encode(), filename="kh.csv", **kw)


def load_targets(text, **kw):
    return targets_import(data=text.encode(), filename="ct.csv", **kw)


def run(command, path, *args):
    out, err, code = io.StringIO(), io.StringIO(), 0
    try:
        call_command(command, str(path), *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_plans_with_forward_parent_and_unit_by_name(province):
    result = load_plans(PLANS)
    assert result.ok, result.errors
    assert (result.created, result.unchanged) == (2, 0)
    child = Plan.objects.get(code="KH-2021-2025")
    assert child.parent.code == "QH-2030" and child.unit == province
    assert str(child.document_date) == "2020-12-10" and child.status == "approved"
    again = load_plans(PLANS)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_plan_parent_cycle_in_file(province):
    text = ("code,name,kind,start_year,end_year,unit,parent\n"
            "A,A,annual,2025,2025,TINH,B\nB,B,annual,2025,2025,TINH,A\n")
    result = load_plans(text)
    assert not result.ok
    assert any("vòng tròn: A → B → A" in e.message and e.column == "parent" for e in result.errors)
    assert not Plan.objects.exists()


def test_plan_parent_cycle_with_stored_plans(province):
    PlanFactory(code="B", unit=province, parent=PlanFactory(code="A", unit=province))
    result = load_plans("code,name,kind,start_year,end_year,unit,parent\nA,A,annual,2025,2025,TINH,B\n")
    assert not result.ok and "vòng lặp" in result.errors[0].message
    assert Plan.objects.get(code="A").parent is None


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ("X,X,annual,2025,2025,NOWHERE,,,,", "unit", "NOWHERE"),
        ("X,X,yearly,2025,2025,TINH,,,,", "kind", "yearly"),
        ("X,X,annual,2026,2025,TINH,,,,", "end_year", "không sau"),
        ("X,X,annual,2025.5,2025,TINH,,,,", "start_year", "số nguyên"),
        ("X,X,annual,2025,2025,TINH,,,10/12/2020,", "document_date", "năm-tháng-ngày"),
        ("X,X,annual,2025,2025,TINH,NOPE,,,", "parent", "NOPE"),
        ("X,X,annual,2025,2025,TINH,,,,published", "status", "published"),
    ],
)
def test_bad_plan_rows(province, row, column, words):
    result = load_plans(PLANS.splitlines()[0] + "\n" + row + "\n")
    assert not result.ok
    assert any(e.line == 2 and e.column == column and words in e.message for e in result.errors), result.errors
    assert not Plan.objects.exists()


def test_targets_with_vietnamese_words(setup, province):
    text = ("kế hoạch,chỉ tiêu,đơn vị,kỳ,so sánh,giá trị,giá trị tối đa,loại chỉ tiêu,ghi chú\n"
            "QH,GRDP,TINH,2021-2030,trên,\"7,5\",,average_growth,\n"
            "QH,INVEST,Tỉnh Thử Nghiệm,2021-2030,không dưới,105.000,,cumulative,\n"
            "QH,BEDS,SO-A,2030,từ…đến,30,35,,ghi chú\n")
    result = load_targets(text)
    assert result.ok, result.errors
    grdp = Target.objects.get(indicator__code="GRDP")
    assert (grdp.value, grdp.comparator, grdp.start_year, grdp.end_year) == (Decimal("7.5"), "above", 2021, 2030)
    invest = Target.objects.get(indicator__code="INVEST")
    assert (invest.value, invest.comparator, invest.unit) == (Decimal(105000), "at_least", province)
    beds = Target.objects.get(indicator__code="BEDS")
    assert (beds.comparator, beds.value_max, beds.note, beds.unit.code) == ("between", 35, "ghi chú", "SO-A")
    again = load_targets(text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = load_targets(text.replace("\"7,5\"", "8"))
    assert (changed.updated, changed.unchanged) == (1, 2)


@pytest.mark.parametrize(
    ("words", "expected"),
    [("trên", "above"), ("hơn", "above"), ("vượt", "above"), ("dưới", "below"), ("khoảng", "about"),
     ("xấp xỉ", "about"), ("đạt", "exactly"), ("là", "exactly"), ("duy trì", "exactly"),
     ("tối thiểu", "at_least"), ("ít nhất", "at_least"), ("trở lên", "at_least"),
     ("không dưới", "at_least"), ("tối đa", "at_most"), ("không quá", "at_most"),
     ("trở xuống", "at_most"), ("từ…đến", "between"), ("từ ... đến", "between"), ("Trên", "above"),
     ("at_least", "at_least"), ("between", "between"), ("giảm", None), ("", None)],
)
def test_comparator_words(words, expected):
    assert comparator_value(unicodedata.normalize("NFD", words)) == expected


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ("QH,NOPE,TINH,2030,above,1,,,,", "indicator", "NOPE"),
        ("QH,GRDP,NOWHERE,2030,above,1,,,,", "unit", "NOWHERE"),
        ("NOPE,GRDP,TINH,2030,above,1,,,,", "plan", "NOPE"),
        ("QH,GRDP,TINH,2035,above,1,,,,", "period", "ngoài các năm"),
        ("QH,GRDP,TINH,2030,giảm,1,,,,", "comparator", "giảm"),
        ("QH,GRDP,TINH,2030,between,7,5,,,", "value_max", "bị ngược"),
        ("QH,GRDP,TINH,2030,above,abc,,,,", "value", "không phải là số"),
        ("QH,GRDP,TINH,2030,above,,,,,", "value", "thiếu"),
        ("QH,GRDP,TINH,2030,above,1,,yearly,,", "target_type", "yearly"),
    ],
)
def test_bad_target_rows(setup, row, column, words):
    result = load_targets(T_HEADER + "QH,BEDS,TINH,2030,above,1,,,,\n" + row + "\n")
    assert not result.ok
    assert any(e.line == 3 and e.column == column and words in e.message for e in result.errors), result.errors
    assert not Target.objects.exists()


def test_duplicate_target_rows(setup):
    text = T_HEADER + "QH,GRDP,TINH,2030,above,1,,,,\nQH,GRDP,TINH,2030,below,2,,,,\n"
    result = load_targets(text)
    assert not result.ok and result.errors[0].line == 3 and "trùng" in result.errors[0].message
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("7,5", "7.5"), ("7.5", "7.5"), ("2.000", "2000"), ("1.791.857", "1791857")],
)
def test_target_numbers(setup, cell, expected):
    result = load_targets(T_HEADER + f'QH,GRDP,TINH,2030,above,"{cell}",,,,\n')
    assert result.ok, result.errors
    assert Target.objects.get().value == Decimal(expected)


def test_ambiguous_target_file_refused(setup):
    text = T_HEADER + "QH,GRDP,TINH,2030,above,2.000,,,7.5,\nQH,BEDS,TINH,2030,above,1.500,,,0.5,\n"
    result = load_targets(text)
    assert not result.ok
    assert result.errors[0].column == "value" and "2, 3" in result.errors[0].message
    assert not Target.objects.exists()


def test_page_import_restricted_to_its_plan(setup, province):
    other = PlanFactory(code="OTHER", unit=province, start_year=2021, end_year=2030)
    result = load_targets(T_HEADER + "QH,GRDP,TINH,2030,above,1,,,,\n", plan=other)
    assert not result.ok and result.errors[0].column == "plan"
    assert not Target.objects.exists()


@pytest.mark.parametrize("data", [b"", b"\x00\xff\x00binary" * 50, T_HEADER.encode()])
def test_bad_target_files(setup, data):
    result = targets_import(data=data, filename="x.csv")
    assert not result.ok and result.errors[0].line == 0
    assert not Target.objects.exists()


def test_missing_and_unknown_columns(setup):
    result = load_targets("plan,indicator,unit,period,comparator,colour\nQH,GRDP,TINH,2030,above,red\n")
    columns = {e.column for e in result.errors}
    assert {"value", "colour"} <= columns
    assert not Target.objects.exists()


def test_nfd_target_file(setup):
    text = unicodedata.normalize("NFD", "kế hoạch,chỉ tiêu,đơn vị,kỳ,so sánh,giá trị,ghi chú\n"
                                        "QH,GRDP,Tỉnh Thử Nghiệm,2030,tối thiểu,5,Ghi chú có dấu\n")
    result = load_targets(text)
    assert result.ok, result.errors
    target = Target.objects.get()
    assert target.comparator == "at_least"
    assert target.note == unicodedata.normalize("NFC", "Ghi chú có dấu")


def test_commands_and_exit_codes(tmp_path, setup):
    plans = tmp_path / "plans.csv"
    plans.write_text(PLANS, encoding="utf-8")
    assert run("import_plans", plans, "--dry-run")[0] == 0
    assert not Plan.objects.filter(code="QH-2030").exists()
    code, out, _ = run("import_plans", plans)
    assert code == 0 and "created 2" in out
    targets = tmp_path / "targets.csv"
    targets.write_text(T_HEADER + "QH-2030,GRDP,TINH,2030,between,7,5,,,\n", encoding="utf-8")
    code, _, err = run("import_targets", targets)
    assert code == 1 and "line 2, column value_max" in err
    assert not Target.objects.exists()
    targets.write_text(T_HEADER + "QH-2030,GRDP,TINH,2030,between,5,7,,,\n", encoding="utf-8")
    code, out, _ = run("import_targets", targets)
    assert code == 0 and "created 1" in out
    code, out, _ = run("import_targets", targets)
    assert code == 0 and "nothing changed" in out
    with pytest.raises(CommandError) as info:
        call_command("import_targets", str(tmp_path / "none.csv"))
    assert info.value.returncode == 2


def test_plans_listing(province):
    PlanFactory(code="KH-A", name="Kế hoạch A", unit=province, document="1/NQ", status="draft")
    for fmt in ("json", "csv", "table"):
        out = io.StringIO()
        call_command("plans", "--format", fmt, stdout=out)
        text = out.getvalue()
        if fmt == "json":
            assert json.loads(text) == [{"code": "KH-A", "name": "Kế hoạch A", "kind": "five_year",
                                         "start_year": 2021, "end_year": 2025, "unit": "TINH",
                                         "document": "1/NQ", "status": "draft"}]
        else:
            assert "KH-A" in text and "Kế hoạch A" in text and "draft" in text
    with pytest.raises(CommandError):
        call_command("plans", "--format", "xml", stdout=io.StringIO(), stderr=io.StringIO())
