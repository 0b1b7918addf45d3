"""``kehoach import_units``: the exchange file, all or nothing, with its errors on the console."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from kehoach.core.models import AuditEntry
from kehoach.units.importing import units_import
from kehoach.units.models import Succession, Unit

pytestmark = pytest.mark.django_db

GOOD = (
    "code,name,type,parent,valid_from,valid_to,successor,successor_share\n"
    "BK,Tỉnh Bắc Kạn,province,,,2025-06-30,TN,1\n"
    "BK-CD,Huyện Chợ Đồn,district,BK,,30/06/2025,,\n"
    "TN,Tỉnh Thái Nguyên,province,,2025-07-01,,,\n"
    "TN-TC,Sở Tài chính,department,TN,01/07/2025,,,\n"
)


def run(tmp_path: Path, text: str | bytes, *args: str, name: str = "units.csv") -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_units", str(path), *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_import_creates_units_forward_references_and_links(tmp_path, planner):
    code, out, err = run(tmp_path, GOOD)
    assert code == 0, err
    assert "created 4, updated 0, unchanged 0" in out
    bk, tn = Unit.objects.get(code="BK"), Unit.objects.get(code="TN")
    assert bk.valid_to == dt.date(2025, 6, 30) and bk.name_ascii == "tinh bac kan"
    assert Unit.objects.get(code="BK-CD").valid_to == dt.date(2025, 6, 30)
    assert Unit.objects.get(code="TN-TC").parent == tn
    link = Succession.objects.get()
    assert (link.predecessor, link.successor, link.share) == (bk, tn, Decimal(1))
    assert link.effective == dt.date(2025, 7, 1)
    assert AuditEntry.objects.filter(action="unit_create").count() == 4


def test_reimport_changes_nothing(tmp_path):
    run(tmp_path, GOOD)
    audits = AuditEntry.objects.count()
    code, out, _err = run(tmp_path, GOOD)
    assert code == 0
    assert "created 0, updated 0, unchanged 4" in out and "nothing changed" in out
    assert AuditEntry.objects.count() == audits


def test_changed_row_is_updated(tmp_path):
    run(tmp_path, GOOD)
    code, out, _err = run(tmp_path, GOOD.replace("Sở Tài chính", "Sở Tài chính tỉnh"))
    assert code == 0 and "created 0, updated 1, unchanged 3" in out
    assert Unit.objects.get(code="TN-TC").name == "Sở Tài chính tỉnh"


def test_dry_run_stores_nothing(tmp_path):
    code, out, _err = run(tmp_path, GOOD, "--dry-run")
    assert code == 0 and "created 4" in out and "dry run" in out
    assert not Unit.objects.exists()


def test_vietnamese_headers_types_and_dates(tmp_path, province):
    text = ("Mã đơn vị,Tên đơn vị,Loại,Đơn vị cấp trên,Hiệu lực từ\n"
            "SO-TC,Sở Tài chính,Sở,TINH,01/07/2025\n"
            "XA-2,Xã Hai,xã,TINH,\n"
            "PH-3,Phường Ba,Phuong,TINH,\n")
    code, _out, err = run(tmp_path, text)
    assert code == 0, err
    assert Unit.objects.get(code="SO-TC").type == "department"
    assert Unit.objects.get(code="SO-TC").valid_from == dt.date(2025, 7, 1)
    assert Unit.objects.get(code="XA-2").type == "commune"
    assert Unit.objects.get(code="PH-3").type == "commune"


def test_nfd_text_is_stored_nfc(tmp_path):
    text = unicodedata.normalize("NFD", "code,name,type\nBK,Tỉnh Bắc Kạn,tỉnh\n")
    code, _out, err = run(tmp_path, text)
    assert code == 0, err
    unit = Unit.objects.get(code="BK")
    assert unit.name == unicodedata.normalize("NFC", "Tỉnh Bắc Kạn") and unit.type == "province"


def test_xlsx_file(tmp_path, province):
    book = Workbook()
    sheet = book.active
    sheet.append(["mã", "tên", "loại", "cấp trên", "hiệu lực từ"])
    sheet.append(["SO-XD", "Sở Xây dựng", "department", "TINH", dt.datetime(2025, 7, 1)])
    buffer = io.BytesIO()
    book.save(buffer)
    code, out, err = run(tmp_path, buffer.getvalue(), name="don-vi.xlsx")
    assert code == 0, err
    unit = Unit.objects.get(code="SO-XD")
    assert unit.parent == province and unit.valid_from == dt.date(2025, 7, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("code,type\nX,province\n", "line 1, column name: thiếu cột bắt buộc."),
        ("code,name,type,colour\nX,X,province,red\n", "line 1, column colour: cột không được hỗ trợ"),
        ("code,name,type,parent\nX,X,department,NOPE\n",
         "line 2, column parent: không có đơn vị mã “NOPE”"),
        ("code,name,type\nX,X,province\nY,Y,province\nX,X2,province\n", "line 4: trùng với dòng 2."),
        ("", "Tệp rỗng."),
        ("code,name,type\n", "Tệp không có dòng dữ liệu nào."),
        ("code,name,type\nX,X,planet\n", "line 2, column type: loại “planet” không hợp lệ"),
        ("code,name,type,valid_from\nX,X,province,31/02/2025\n",
         "line 2, column valid_from: “31/02/2025” không phải là ngày"),
        ("code,name,type,valid_from,valid_to\nX,X,province,2025-07-01,2025-01-01\n",
         "line 2, column valid_to: Ngày hết hiệu lực (01/01/2025) phải sau"),
        ("code,name,type,successor,successor_share\nX,X,province,Y,1.5\nY,Y,province,,\n",
         "line 2, column successor_share: tỷ lệ kế thừa phải lớn hơn 0"),
        ("code,name,type,successor\nX,X,province,X\n",
         "line 2, column successor: một đơn vị không thể kế thừa chính nó."),
        ("code,name,type,parent\nA,A,department,B\nB,B,department,A\n",
         "line 2, column parent: các đơn vị cấp trên hoặc kế thừa tạo thành vòng lặp"),
        ("code,name,type,successor,successor_share\nD,Huyện D,district,X,0.5\n"
         "D,Huyện Đ,district,Y,0.5\nX,X,commune,,\nY,Y,commune,,\n",
         "line 3, column name: đơn vị “D” đã có ở dòng 2 với giá trị khác"),
        ("code,name,type,successor\nD,D,district,X\nX,X,commune,\nD,D,district,X\n",
         "line 4: trùng với dòng 2."),
    ],
)
def test_bad_files_exit_1_store_nothing(tmp_path, text, expected):
    code, _out, err = run(tmp_path, text)
    assert code == 1
    assert expected in err, err
    assert "không có dữ liệu nào được lưu" in err
    assert not Unit.objects.exists()
    assert not AuditEntry.objects.exists()


def test_binary_file_named_csv(tmp_path):
    code, _out, err = run(tmp_path, bytes(range(256)) * 4, name="units.csv")
    assert code == 1 and "nhị phân" in err
    assert not Unit.objects.exists()


def test_cycle_with_existing_units_refused(tmp_path, province, unit_a):
    code, _out, err = run(tmp_path, "code,name,type,parent\nTINH,Tỉnh Thử Nghiệm,province,SO-A\n")
    assert code == 1 and "line 2, column parent:" in err and "vòng lặp" in err
    province.refresh_from_db()
    assert province.parent_id is None


def test_one_bad_row_stores_nothing_of_the_good_rows(tmp_path):
    code, _out, err = run(tmp_path, GOOD + "BAD,Bad,department,NOPE,,,,\n")
    assert code == 1 and "line 6, column parent:" in err
    assert not Unit.objects.exists() and not Succession.objects.exists()


def test_usage_errors_exit_2(tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("import_units", str(tmp_path / "missing.csv"))
    assert exc.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("import_units", str(tmp_path / "x.csv"), "--locale", "fr")


def test_forward_references_through_the_shared_importer(tmp_path):
    """Rows refer ahead through core.exchange.forward: a cycle is named on every row of it, in
    the units' words; a row referring to a row with an error says which row."""
    text = ("code,name,type,parent,successor\n"
            "A,A,department,B,\n"          # line 2: cycle A → B → A
            "B,B,department,A,\n"          # line 3
            "C,C,department,D,\n"          # line 4: D (line 5) has an error
            "D,D,planet,,\n"
            "E,E,province,,C\n")           # line 6: C failed above
    code, _out, err = run(tmp_path, text)
    assert code == 1
    assert "line 2, column parent: các đơn vị cấp trên hoặc kế thừa tạo thành vòng lặp (qua “A”, dòng 2)" in err
    assert "line 3, column parent: các đơn vị cấp trên hoặc kế thừa tạo thành vòng lặp" in err
    assert "line 4, column parent: đơn vị “D” (dòng 5) có lỗi." in err
    assert "line 5, column type: loại “planet” không hợp lệ" in err
    assert "line 6, column successor: đơn vị “C” (dòng 4) có lỗi." in err
    assert not Unit.objects.exists()


SPLIT = (
    "code,name,type,parent,valid_from,valid_to,successor,successor_share\n"
    "058-cu,Huyện Chợ Đồn,district,,,2025-06-30,01864,0.6\n"
    "058-cu,Huyện Chợ Đồn,district,,,2025-06-30,01870,0.4\n"
    "01864,Xã Chợ Đồn,commune,,2025-07-01,,,\n"
    "01870,Xã Nam Cường,commune,,2025-07-01,,,\n"
)


def test_a_unit_split_between_successors_has_a_row_per_successor_and_reads_back(tmp_path):
    code, out, err = run(tmp_path, SPLIT)
    assert code == 0, err
    assert "created 4, updated 0, unchanged 0" in out  # three units and the second link
    links = {(s.successor.code, s.share, s.effective)
             for s in Succession.objects.filter(predecessor__code="058-cu")}
    assert links == {("01864", Decimal("0.6"), dt.date(2025, 7, 1)),
                     ("01870", Decimal("0.4"), dt.date(2025, 7, 1))}
    exported = io.StringIO()
    call_command("export_units", stdout=exported)
    lines = exported.getvalue().splitlines()
    assert [line for line in lines if line.startswith("058-cu,")] == [
        "058-cu,Huyện Chợ Đồn,district,,,2025-06-30,01864,0.6,,",
        "058-cu,Huyện Chợ Đồn,district,,,2025-06-30,01870,0.4,,",
    ]
    Succession.objects.all().delete()
    Unit.objects.all().delete()
    code, out, err = run(tmp_path, exported.getvalue())
    assert code == 0, err
    assert {(s.successor.code, s.share) for s in Succession.objects.all()} == {
        ("01864", Decimal("0.6")), ("01870", Decimal("0.4"))}
    code, out, _err = run(tmp_path, exported.getvalue())
    assert "created 0, updated 0, unchanged 4" in out


def test_units_read_once_are_read_again_after_a_failed_row(tmp_path):
    """The import reads the units and links once, not per row; a row that fails is rolled back
    with the rows it imported ahead (here B, the parent it names further down), so B is created
    again at its own turn instead of being taken from what the failed row left behind; likewise
    the stored unit a failed row changed (A's name)."""
    Unit.objects.create(code="A", name="Sở A", type="department")
    text = ("code,name,type,parent,successor,successor_share\n"
            "C,Sở C,department,B,,2\n"  # a share without a successor: the row fails after B
            "B,Sở B,department,,,\n"
            "A,Sở A mới,department,,Z,\n")  # A renamed, then its successor is unknown
    code, _out, err = run(tmp_path, text)
    assert code == 1 and "Traceback" not in err
    assert err.count("line ") == 2, err
    assert "line 2, column successor_share: tỷ lệ kế thừa phải lớn hơn 0 và không quá 1." in err
    assert "line 4, column successor: không có đơn vị mã “Z”" in err
    assert list(Unit.objects.values_list("code", "name")) == [("A", "Sở A")]
    result = units_import(data=text.encode(), filename="units.csv")
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)  # B, made again
    rows = "".join(f"U{n},Đơn vị {n},department,{'A' if n % 2 else ''},{f'U{n + 1}' if n < 59 else ''},\n"
                   for n in range(60))
    with CaptureQueriesContext(connection) as queries:
        code, out, err = run(tmp_path, "code,name,type,parent,successor,successor_share\n" + rows)
    assert code == 0 and "created 60" in out, err
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(reads) <= 60 + 10, len(reads)  # a code's uniqueness check each; was 300
    assert Succession.objects.count() == 59 and Unit.objects.filter(parent__code="A").count() == 30
