"""``import_values``: all or nothing, every kind of bad input, re-imports, revisions."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from kehoach.core.exchange.importer import run_import
from kehoach.values.importing import VALUES_SPEC, value_row_handler
from kehoach.values.models import Value, ValueRevision
from kehoach.values.streaming import values_import

HEADER = "unit,indicator,period,kind,value,note\n"


def run(path: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_values", path, *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code)
    except CommandError as exc:
        code, err = exc.returncode, io.StringIO(str(exc))
    return code, out.getvalue(), err.getvalue()


def test_import_creates_values_with_revisions(unit_a, growth, revenue, csv_file):
    path = csv_file(HEADER + "SO-A,GRDP_GROWTH,2024,actual,\"7,5\",nguồn A\n"
                    "SO-A,BUDGET_REVENUE,2024,TH,1.791.857,\n"
                    "SO-A,BUDGET_REVENUE,2025,kế hoạch,2.000,\n")
    code, out, _err = run(path)
    assert code == 0
    assert "created 3, updated 0, unchanged 0" in out
    assert Value.objects.get(indicator=growth, period="2024").value == Decimal("7.5")
    assert Value.objects.get(indicator=revenue, period="2024", kind="actual").value == Decimal("1791857")
    assert Value.objects.get(indicator=revenue, period="2025", kind="plan").value == Decimal("2000")
    assert ValueRevision.objects.filter(action="create").count() == 3


def test_reimport_says_unchanged_and_update_keeps_revision(unit_a, growth, csv_file):
    path = csv_file(HEADER + "SO-A,GRDP_GROWTH,2024,actual,7.5,\n")
    assert run(path)[0] == 0
    code, out, _err = run(path)
    assert code == 0 and "created 0, updated 0, unchanged 1" in out and "nothing changed" in out
    assert run(csv_file(HEADER + "SO-A,GRDP_GROWTH,2024,actual,8.1,sửa\n", "v2.csv"))[0] == 0
    value = Value.objects.get()
    assert value.value == Decimal("8.1") and value.note == "sửa"
    revisions = list(value.revisions.order_by("id").values_list("action", "old_value", "new_value"))
    assert revisions == [("create", None, Decimal("7.5")), ("update", Decimal("7.5"), Decimal("8.1"))]


def test_vietnamese_headers_and_kinds(unit_a, growth, csv_file):
    path = csv_file("Mã đơn vị;Chỉ tiêu;Kỳ;Loại số liệu;Giá trị;Ghi chú\n"
                    "SO-A;GRDP_GROWTH;2024-H1;Ước thực hiện;3,2;\n"
                    "SO-A;GRDP_GROWTH;2024-Q3;sơ bộ;1,1;\n"
                    "SO-A;GRDP_GROWTH;2024-09;ƯTH;0,5;\n"
                    "SO-A;GRDP_GROWTH;2021-2025;KH;7;\n")
    code, out, err = run(path)
    assert code == 0, err
    kinds = dict(Value.objects.values_list("period", "kind"))
    assert kinds == {"2024-H1": "estimate", "2024-Q3": "preliminary", "2024-09": "estimate",
                     "2021-2025": "plan"}


def test_nfd_text_is_normalised(unit_a, growth, csv_file):
    text = unicodedata.normalize("NFD", "Mã đơn vị,chỉ tiêu,kỳ,loại số liệu,giá trị,ghi chú\n"
                                 "SO-A,GRDP_GROWTH,2024,thực hiện,\"7,5\",Ước tính\n")
    code, _out, err = run(csv_file(text))
    assert code == 0, err
    assert Value.objects.get().note == unicodedata.normalize("NFC", "Ước tính")


@pytest.mark.parametrize("body, column, fragment", [
    ("SO-X,GRDP_GROWTH,2024,actual,7.5,\n", "unit", "không tìm thấy đơn vị"),
    ("SO-A,NOPE,2024,actual,7.5,\n", "indicator", "không có chỉ tiêu"),
    ("SO-A,GRDP_GROWTH,2024-H3,actual,7.5,\n", "period", "không hợp lệ"),
    ("SO-A,GRDP_GROWTH,2024,guess,7.5,\n", "kind", "loại số liệu"),
    ("SO-A,GRDP_GROWTH,2024,actual,bảy,\n", "value", "không phải là số"),
    ("SO-A,GRDP_GROWTH,2024,actual,,\n", "value", "bắt buộc"),
])
def test_bad_row_stores_nothing(unit_a, growth, csv_file, body, column, fragment):
    good = "SO-A,GRDP_GROWTH,2023,actual,6.3,\n"
    code, _out, err = run(csv_file(HEADER + good + body))
    assert code == 1
    assert f"line 3, column {column}: " in err and fragment in err
    assert "không có dữ liệu nào được lưu" in err
    assert Value.objects.count() == 0 and ValueRevision.objects.count() == 0


def test_duplicate_rows_are_an_error(unit_a, growth, csv_file):
    code, _out, err = run(csv_file(HEADER + "SO-A,GRDP_GROWTH,2024,actual,7.5,\n"
                                   "SO-A,GRDP_GROWTH,2024,TH,7.6,\n"))
    assert code == 1 and "line 3" in err and "trùng với dòng 2" in err
    assert Value.objects.count() == 0


@pytest.mark.parametrize("text, message", [
    ("unit,indicator,period,kind\nSO-A,GRDP_GROWTH,2024,actual\n", "column value: thiếu cột"),
    (HEADER.strip() + ",extra\nSO-A,GRDP_GROWTH,2024,actual,1,,x\n", "column extra: cột không được hỗ trợ"),
    ("", "Tệp rỗng"),
    (HEADER, "không có dòng dữ liệu"),
])
def test_file_level_errors(unit_a, growth, csv_file, text, message):
    code, _out, err = run(csv_file(text))
    assert code == 1 and message in err
    assert Value.objects.count() == 0


def test_binary_file_named_csv(unit_a, growth, csv_file):
    code, _out, err = run(csv_file("", raw=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))
    assert code == 1 and "nhị phân" in err
    assert Value.objects.count() == 0


def test_ambiguous_numbers_under_auto(unit_a, growth, revenue, csv_file):
    text = HEADER + "SO-A,GRDP_GROWTH,2024,actual,1.791.857,\nSO-A,BUDGET_REVENUE,2024,actual,7.5,\n"
    code, _out, err = run(csv_file(text))
    assert code == 1 and "--locale" in err and "column value" in err
    assert Value.objects.count() == 0
    code, _out, err = run(csv_file(text, "again.csv"), "--locale", "vi")
    assert code == 0, err
    assert Value.objects.get(indicator=growth).value == Decimal("1791857")
    assert Value.objects.get(indicator=revenue).value == Decimal("7.5")


def test_two_thousand_follows_the_column(unit_a, growth, revenue, csv_file):
    only_vi = HEADER + "SO-A,GRDP_GROWTH,2024,actual,2.000,\nSO-A,BUDGET_REVENUE,2024,actual,\"7,5\",\n"
    assert run(csv_file(only_vi))[0] == 0
    assert Value.objects.get(indicator=growth).value == Decimal("2000")
    code, _out, err = run(csv_file(only_vi.replace("2.000", "2.000").replace('"7,5"', "7.5"), "en.csv"),
                          "--locale", "en")
    assert code == 0, err
    assert Value.objects.get(indicator=growth).value == Decimal("2")


def test_dry_run_and_usage_errors(unit_a, growth, csv_file):
    code, out, _err = run(csv_file(HEADER + "SO-A,GRDP_GROWTH,2024,actual,7.5,\n"), "--dry-run")
    assert code == 0 and "created 1" in out and "dry run" in out
    assert Value.objects.count() == 0
    assert run("/nonexistent/values.csv")[0] == 2


def test_exit_code_of_bad_usage_on_the_command_line(tmp_path):
    process = subprocess.run(
        [sys.executable, "manage.py", "import_values", str(tmp_path / "x.csv"), "--locale", "fr"],
        capture_output=True, text=True, cwd=settings.BASE_DIR.parent, check=False,
    )
    assert process.returncode == 2 and "--locale" in process.stderr


def test_unit_resolved_by_gso_code_and_name(province, growth, csv_file):
    from kehoach.core.tests.factories import UnitFactory

    UnitFactory(code="06-cu", gso_code="06", name="Tỉnh Bắc Kạn", type="province",
                valid_to="2025-06-30")
    path = csv_file(HEADER + "06,GRDP_GROWTH,2024,actual,7.4,\nTỉnh Bắc Kạn,GRDP_GROWTH,2023,actual,6.33,\n")
    code, _out, err = run(path)
    assert code == 0, err
    assert set(Value.objects.values_list("unit__code", flat=True)) == {"06-cu"}


def test_bulk_path_matches_row_by_row_path(unit_a, unit_b, growth, revenue):
    first = (HEADER + "SO-A,GRDP_GROWTH,2023,actual,6.3,a\nSO-B,BUDGET_REVENUE,2024,TH,855,\n"
             "SO-A,BUDGET_REVENUE,2024,ước,900,\n").encode()
    second = (HEADER + "SO-A,GRDP_GROWTH,2023,actual,6.33,sửa\nSO-B,BUDGET_REVENUE,2024,TH,855,\n"
              "SO-B,GRDP_GROWTH,2024,plan,7,\n").encode()

    def snapshot():
        values = sorted(Value.objects.values_list("indicator__code", "unit__code", "period", "kind",
                                                  "value", "note", "source", "year", "end_year"))
        revisions = sorted(ValueRevision.objects.values_list(
            "indicator_code", "unit_code", "period", "kind", "action", "old_value", "new_value",
            "old_note", "new_note", "source"))
        return values, revisions

    results = []
    for data in (first, second):
        result = run_import(data=data, filename="v.csv", spec=VALUES_SPEC, handler=value_row_handler,
                            context={"source": "v.csv"})
        results.append((result.created, result.updated, result.unchanged))
    slow = snapshot()
    Value.objects.all().delete()
    ValueRevision.objects.all().delete()
    fast = [values_import(data=d, filename="v.csv", source="v.csv") for d in (first, second)]
    assert [(r.created, r.updated, r.unchanged) for r in fast] == results == [(3, 0, 0), (1, 1, 1)]
    assert snapshot() == slow


def test_page_actor_may_only_import_its_units(unit_a, unit_b, reporter_b, growth):
    data = (HEADER + "SO-B,GRDP_GROWTH,2024,actual,1,\nSO-A,GRDP_GROWTH,2024,actual,2,\n").encode()
    result = values_import(data=data, filename="v.csv", actor=reporter_b)
    assert not result.ok
    assert [(e.line, e.column) for e in result.errors] == [(3, "unit")]
    assert Value.objects.count() == 0
