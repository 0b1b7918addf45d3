import io
import unicodedata

import pytest
from openpyxl import Workbook

from kehoach.core.exchange.reader import ExchangeError, FileSpec, read_table

SPEC = FileSpec(
    name="values",
    required=("unit", "indicator", "value"),
    optional=("note",),
    aliases={"mã đơn vị": "unit", "chỉ tiêu": "indicator", "giá trị": "value"},
    number_columns=("value",),
)


def _errors(data: bytes, name="f.csv", locale="auto"):
    with pytest.raises(ExchangeError) as info:
        read_table(data, name, spec=SPEC, locale=locale)
    return [str(e) for e in info.value.errors]


def test_csv_with_vietnamese_headers_and_semicolons():
    rows = read_table("Mã đơn vị;Chỉ tiêu;Giá trị\nBK;GRDP;7,5\n".encode(), "f.csv", spec=SPEC)
    assert rows[0].cells == {"unit": "BK", "indicator": "GRDP", "value": "7,5"}
    assert str(rows[0].number("value")) == "7.5"
    assert rows[0].line == 2


def test_nfd_text_is_normalised():
    text = unicodedata.normalize("NFD", "unit,indicator,value\nBắc Kạn,GRDP,1\n")
    rows = read_table(text.encode(), "f.csv", spec=SPEC)
    assert rows[0].get("unit") == unicodedata.normalize("NFC", "Bắc Kạn")


def test_missing_and_unknown_columns():
    errors = _errors(b"unit,value,colour\nBK,1,red\n")
    assert "line 1, column colour: c\u1ed9t kh\u00f4ng \u0111\u01b0\u1ee3c h\u1ed7 tr\u1ee3 (c\u1ed9t s\u1ed1 3)." in errors
    assert any("column indicator" in e and "thiếu cột" in e for e in errors)


def test_empty_binary_and_bad_encoding():
    assert "Tệp rỗng." in _errors(b"")
    assert any("nhị phân" in e for e in _errors(b"\x00\x01\x02binary"))
    assert any("UTF-8" in e for e in _errors(b"unit,indicator,value\nB\xe9c,G,1\n"))
    assert any("không có dòng dữ liệu" in e for e in _errors(b"unit,indicator,value\n"))


def test_ambiguous_numbers_are_refused_naming_the_cells():
    spec = FileSpec(name="t", required=("a", "b"), number_columns=("a", "b"))
    with pytest.raises(ExchangeError) as info:
        read_table(b"a,b\n2.000,7.5\n1.500,3.25\n", "f.csv", spec=spec)
    message = str(info.value.errors[0])
    assert "column a" in message and "2, 3" in message
    rows = read_table(b"a,b\n2.000,7.5\n", "f.csv", spec=spec, locale="vi")
    assert str(rows[0].number("a")) == "2000"


def test_xlsx_first_sheet():
    book = Workbook()
    sheet = book.active
    sheet.append(["unit", "indicator", "value", "note"])
    sheet.append(["BK", "GRDP", 7.5, None])
    sheet.append(["BK", "POP", "2.000", "text"])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = read_table(buffer.getvalue(), "f.xlsx", spec=SPEC)
    assert [r.get("value") for r in rows] == ["7.5", "2.000"]


def test_corrupt_xlsx():
    assert any(".xlsx" in e for e in _errors(b"PK\x03\x04garbage", name="f.xlsx"))
