"""import_indicators / export_indicators: columns, aliases, forward references, bad files,
number conventions, exit codes, round trip."""

from __future__ import annotations

import io
import unicodedata
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from kehoach.core.models import AuditEntry
from kehoach.indicators.importing import indicators_import
from kehoach.indicators.models import Indicator

pytestmark = pytest.mark.django_db

HEADER = "code,name_vi,name_en,group,unit,kind,direction,aggregation,weight,numerator,denominator,formula,decimals,tolerance\n"
GOOD = HEADER + (
    "POOR_RATE,Tỷ lệ hộ nghèo,Poverty rate,society,%,rate,down,ratio,,POOR_HH,HH,,2,0.5\n"
    "POOR_HH,Số hộ nghèo,,society,hộ,count,down,sum,,,,,0,\n"
    "HH,Tổng số hộ,,society,hộ,count,up,sum,,,,,0,\n"
    "GRDP_PC,GRDP bình quân đầu người,,economy,triệu đồng/người,per_capita,up,derived,,,,GRDP_CUR * 1000 / POP,1,\n"
    "GRDP_CUR,GRDP giá hiện hành,,economy,tỷ đồng,flow,up,sum,,,,,0,\n"
    "POP,Dân số,,society,người,level,up,sum,,,,,0,\n"
    "LIFE,Tuổi thọ,,society,năm,level,up,weighted_mean,POP,,,,1,\n"
)


def load(text: str, name: str = "chi-tieu.csv", **kw):
    return indicators_import(data=text.encode("utf-8"), filename=name, **kw)


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_indicators", str(path), *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_import_with_forward_references_and_reimport(planner):
    result = load(GOOD, actor=planner)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (7, 0, 0)
    rate = Indicator.objects.get(code="POOR_RATE")
    assert rate.numerator.code == "POOR_HH" and rate.denominator.code == "HH"
    assert rate.tolerance == Decimal("0.5") and rate.name_en == "Poverty rate"
    assert Indicator.objects.get(code="LIFE").weight.code == "POP"
    assert AuditEntry.objects.filter(action="indicator_create", actor=planner).count() == 7
    again = load(GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 7)
    assert "không thay đổi" in again.summary()


def test_vietnamese_headers_and_labels():
    text = ("mã chỉ tiêu,tên chỉ tiêu,tên tiếng Anh,nhóm,đơn vị tính,loại,chiều,cách tổng hợp,"
            "công thức,số thập phân,sai số\n"
            "A,Chỉ tiêu A,Indicator A,Kinh tế,tỷ đồng,flow,up,Cộng,,1,\"7,5\"\n")
    result = load(text)
    assert result.ok, result.errors
    a = Indicator.objects.get(code="A")
    assert (a.group, a.aggregation, a.tolerance, a.decimals) == ("economy", "sum", Decimal("7.5"), 1)


def test_dry_run_stores_nothing():
    result = load(GOOD, dry_run=True)
    assert result.ok and result.created == 7
    assert Indicator.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        (HEADER.replace(",aggregation", ""), 1, "aggregation", "thiếu cột"),
        (HEADER.replace("tolerance", "tolerance,colour"), 1, "colour", "không được hỗ trợ"),
        (HEADER + "A,A,,economy,%,rate,up,ratio,,NOPE,B,,2,\nB,B,,economy,%,rate,up,sum,,,,,2,\n",
         2, "numerator", "NOPE"),
        (HEADER + "A,A,,economy,%,rate,up,sum,,,,,2,\nA,A,,economy,%,rate,up,sum,,,,,2,\n",
         3, "", "trùng"),
        (HEADER + "A,A,,economie,%,rate,up,sum,,,,,2,\n", 2, "group", "economie"),
        (HEADER + "A,A,,economy,%,rate,up,derived,,,,A +,2,\n", 2, "formula", "ký tự thứ"),
        (HEADER + "A,A,,economy,%,rate,up,derived,,,,B * 2,2,\nB,B,,economy,%,rate,up,derived,,,,A + 1,2,\n",
         3, "formula", "vòng tròn: A → B → A"),
        (HEADER + "A,A,,economy,%,rate,up,sum,,,,,2.5,\n", 2, "decimals", "số nguyên"),
        (HEADER + "A,A,,economy,%,rate,up,sum,,,,,2,abc\n", 2, "tolerance", "không phải là số"),
    ],
)
def test_bad_rows_store_nothing(text, line, column, words):
    result = load(text)
    assert not result.ok
    assert any(e.line == line and e.column == column and words in e.message for e in result.errors), result.errors
    assert Indicator.objects.count() == 0


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("7,5", "7.5"), ("7.5", "7.5"), ("2.000", "2000"), ("1.791.857", "1791857"), ("12.800,5", "12800.5")],
)
def test_number_conventions(cell, expected):
    result = load(HEADER + f'A,A,,economy,%,rate,up,sum,,,,,2,"{cell}"\n')
    assert result.ok, result.errors
    assert Indicator.objects.get(code="A").tolerance == Decimal(expected)


def test_ambiguous_numbers_refused_with_cells_named():
    # a column with only 2.000-like numbers next to one with 7.5-like numbers
    text = ("code,name_vi,group,unit,kind,direction,aggregation,decimals,tolerance\n"
            "A,A,economy,%,rate,up,sum,2.000,0.5\nB,B,economy,%,rate,up,sum,1.000,7.5\n")
    result = load(text)
    assert not result.ok
    assert result.errors[0].column == "decimals" and "2, 3" in result.errors[0].message
    assert Indicator.objects.count() == 0


def test_ambiguous_resolved_by_locale():
    text = ("code,name_vi,group,unit,kind,direction,aggregation,decimals,tolerance\n"
            "A,A,economy,%,rate,up,sum,2.000,0.5\n")
    assert not load(text).ok
    result = load(text, locale="en")
    assert result.ok, result.errors
    assert Indicator.objects.get(code="A").decimals == 2


def test_nfd_text_is_normalised():
    nfd = unicodedata.normalize("NFD", "mã chỉ tiêu,tên chỉ tiêu,nhóm,đơn vị tính,loại,chiều,cách tổng hợp\n"
                                       "A,Tỷ lệ hộ nghèo,Xã hội,%,rate,down,none\n")
    result = load(nfd)
    assert result.ok, result.errors
    assert Indicator.objects.get(code="A").name_vi == unicodedata.normalize("NFC", "Tỷ lệ hộ nghèo")


@pytest.mark.parametrize(("data", "words"), [(b"", "rỗng"), (b"\x00\x01\x02PNG\x00" * 20, "nhị phân"),
                                            (HEADER.encode(), "không có dòng")])
def test_bad_files(data, words):
    result = indicators_import(data=data, filename="x.csv")
    assert not result.ok and words in result.errors[0].message
    assert Indicator.objects.count() == 0


def test_command_exit_codes(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    code, out, _err = run(good, "--dry-run")
    assert code == 0 and "dry run" in out and Indicator.objects.count() == 0
    code, out, _err = run(good)
    assert code == 0 and "created 7" in out
    code, out, _err = run(good)
    assert code == 0 and "nothing changed" in out
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "Z,Z,,economy,%,rate,up,ratio,,,,,2,\n", encoding="utf-8")
    code, _out, err = run(bad)
    assert code == 1 and "line 2, column numerator" in err
    assert not Indicator.objects.filter(code="Z").exists()
    with pytest.raises(CommandError) as info:
        call_command("import_indicators", str(tmp_path / "missing.csv"))
    assert info.value.returncode == 2


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_round_trip(tmp_path, suffix):
    assert load(GOOD).ok
    Indicator.objects.filter(code="HH").update(tolerance=Decimal("1000"))
    before = list(Indicator.objects.order_by("code").values())
    path = tmp_path / f"out.{suffix}"
    call_command("export_indicators", "--out", str(path), stdout=io.StringIO())
    Indicator.objects.update(name_en="")  # change something the file will restore
    Indicator.objects.filter(code="POOR_RATE").update(name_en="x")
    code, out, err = run(path)
    assert code == 0, err
    assert "updated 1" in out
    assert list(Indicator.objects.order_by("code").values()) == before
    code, out, _ = run(path)
    assert "unchanged 7" in out


def test_export_bad_usage(tmp_path):
    with pytest.raises(CommandError) as info:
        call_command("export_indicators", "--out", str(tmp_path / "x.pdf"))
    assert info.value.returncode == 2
