"""Fuzzing the exchange readers (CSV and .xlsx, whole-file and streamed) and the values import with
random, cut-off, damaged and oversized files: the only exception is the reader's own
``ExchangeError``, memory stays bounded, nothing is stored (issue 14)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from openpyxl import Workbook

from kehoach.core.exchange.reader import ExchangeError, FileSpec, read_table
from kehoach.core.exchange.stream import StreamRows
from kehoach.core.tests.fuzz import FUZZ, MB, hostile, peak

SPEC = FileSpec(name="values", required=("unit", "indicator", "period", "kind", "value"),
                optional=("note",), number_columns=("value",))
CSV = ("unit,indicator,period,kind,value,note\nSO-A,GRDP,2024,TH,\"7,5\",ghi chú\n"
       "SO-B,GRDP,2024,KH,2.000,\n").encode()


def _xlsx() -> bytes:
    wb = Workbook()
    for line in (["unit", "indicator", "period", "kind", "value", "note"],
                 ["SO-A", "GRDP", "2024", "TH", 7.5, "ghi chú"], ["SO-B", "GRDP", 2024, "KH", 2000]):
        wb.active.append(line)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


XLSX = _xlsx()


def _read_both(data: bytes, name: str) -> None:
    try:
        read_table(data, name, spec=SPEC)
    except ExchangeError as exc:
        assert exc.errors and all(str(e) for e in exc.errors)
    try:
        for _row in StreamRows(io.BytesIO(data), name, SPEC):
            pass
    except ExchangeError as exc:
        assert exc.errors


@FUZZ
@given(data=hostile(CSV, text=True))
def test_csv_reader(data):
    with peak() as measured:
        _read_both(data, "v.csv")
    assert measured() < 20 * MB


@FUZZ
@given(data=hostile(XLSX))
def test_xlsx_reader(data):
    with peak() as measured:
        _read_both(data, "v.xlsx")
    assert measured() < 40 * MB


@pytest.mark.django_db
@FUZZ
@given(data=hostile(XLSX) | hostile(CSV, text=True))
def test_values_import_stores_nothing_on_rejection(data):
    from kehoach.values.models import Value
    from kehoach.values.streaming import values_import

    with peak() as measured:
        result = values_import(data=data, filename="v.xlsx" if data[:2] == b"PK" else "v.csv")
    assert not result.ok and result.errors
    assert measured() < 40 * MB
    assert not Value.objects.exists()
