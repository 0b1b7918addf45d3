"""The shared guards of every reader (issue 14, points 1–3): declared sheet sizes, zip bombs,
upload size, damaged XML inside a valid zip — each refused with a message, memory bounded."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from kehoach.core import files
from kehoach.core.exchange.reader import ExchangeError, FileSpec, read_table
from kehoach.core.tests import bombs

SPEC = FileSpec(name="values", required=("unit", "indicator", "value"), number_columns=("value",))
MB = 1024 * 1024


def values_xlsx(rows: int = 1) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["unit", "indicator", "value"])
    for i in range(rows):
        ws.append(["SO-A", f"I{i}", 7.5])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _refusal(data: bytes, name: str = "v.xlsx") -> tuple[str, int]:
    """The reader's message for ``data`` and the peak memory (bytes) it took to give it."""
    tracemalloc.start()
    try:
        with pytest.raises(ExchangeError) as info:
            read_table(data, name, spec=SPEC)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return "; ".join(str(e) for e in info.value.errors), peak


def test_declared_dimension_is_ignored_and_rows_are_limited():
    bomb = bombs.dimension_bomb(values_xlsx())
    assert len(bomb) < 10_000
    message, peak = _refusal(bomb)
    assert "quá dòng 100.000 hoặc quá cột 200" in message
    assert peak < 20 * MB


def test_a_declared_dimension_alone_does_not_pad_the_rows():
    data = values_xlsx(3)
    content = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    start = content.index("<dimension")
    content = content[:start] + '<dimension ref="A1:XFD1048576"/>' + content[
        content.index("/>", start) + 2:]
    tracemalloc.start()
    rows = read_table(bombs.replace_member(data, "xl/worksheets/sheet1.xml", content.encode()),
                      "v.xlsx", spec=SPEC)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [r.cells["indicator"] for r in rows] == ["I0", "I1", "I2"]
    assert peak < 20 * MB


def test_zip_bomb_is_refused_before_parsing():
    bomb = bombs.inflate(values_xlsx(), "xl/worksheets/sheet1.xml", 300)
    assert len(bomb) < 1 * MB
    assert zipfile.ZipFile(io.BytesIO(bomb)).getinfo("xl/worksheets/sheet1.xml").file_size > 300 * MB
    message, peak = _refusal(bomb)
    assert "khi giải nén quá lớn" in message and "tối đa 50 MB" in message
    assert peak < 5 * MB


def test_a_padded_sheet_under_the_limit_is_still_read():
    rows = read_table(bombs.inflate(values_xlsx(), "xl/worksheets/sheet1.xml", 2), "v.xlsx",
                      spec=SPEC)
    assert rows[0].cells == {"unit": "SO-A", "indicator": "I0", "value": "7.5"}


def test_too_many_members():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i in range(files.MAX_MEMBERS + 1):
            z.writestr(f"x/{i}", b"")
    message, _peak = _refusal(out.getvalue())
    assert "quá nhiều thành phần" in message


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                    "[Content_Types].xml", "xl/styles.xml"])
def test_cut_off_xml_is_a_clear_message(member):
    data = values_xlsx(2)
    content = zipfile.ZipFile(io.BytesIO(data)).read(member)
    message, _peak = _refusal(bombs.replace_member(data, member, content[: len(content) // 2]))
    assert message == "Tệp .xlsx bị hỏng hoặc không đọc được."


def test_upload_size_limit(settings):
    settings.KEHOACH_MAX_UPLOAD_BYTES = MB
    message, _peak = _refusal(b"unit,indicator,value\n" + b"SO-A,I,1\n" * 120_000, "v.csv")
    assert message == "Tệp quá lớn: tối đa 1 MB."


@pytest.mark.parametrize("data", [
    b"unit,indicator,value\nSO-A,I,\"" + b"x" * 200_000 + b"\"\n",  # a field past csv's limit
    b"unit,indicator,value\n" + b"SO-A,I,1\n" * 10 + b"\x00",  # a NUL after the first 4 KB
    b"\xff\xfeu\x00n",  # UTF-16 with an odd byte
])
def test_csv_errors_are_messages(data):
    message, _peak = _refusal(data, "v.csv")
    assert message


def test_csv_row_and_column_limits(monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 5)
    message, _peak = _refusal(b"unit,indicator,value\n" + b"SO-A,I,1\n" * 6, "v.csv")
    assert "quá dòng" in message
    wide = b"unit,indicator,value" + b",x" * files.MAX_COLUMNS + b"\nSO-A,I,1\n"
    message, _peak = _refusal(wide, "v.csv")
    assert "quá cột" in message


def test_read_upload_reads_no_more_than_the_limit(settings):
    settings.KEHOACH_MAX_UPLOAD_BYTES = 10
    with pytest.raises(files.FileRefused):
        files.read_upload(io.BytesIO(b"x" * 11))
    assert files.read_upload(io.BytesIO(b"x" * 10)) == b"x" * 10
