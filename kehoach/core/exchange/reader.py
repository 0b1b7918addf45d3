"""Read an exchange file (UTF-8 CSV or .xlsx, first sheet) into rows of canonical columns.

File-level problems (empty, binary, wrong encoding, unknown or missing columns, numbers whose
convention cannot be told) raise ``ExchangeError`` listing every problem; row-level problems are
found later by the importer, which reports them with the same ``RowError``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from kehoach.core.exchange import numbers


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.line and self.column:
            return f"line {self.line}, column {self.column}: {self.message}"
        if self.line:
            return f"line {self.line}: {self.message}"
        if self.column:
            return f"column {self.column}: {self.message}"
        return self.message


class RowProblem(Exception):
    """A bad cell in one row: the importer reports it as ``line N, column C: message``."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


class ExchangeError(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class FileSpec:
    """The columns of one kind of exchange file (interfaces.md §1)."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    number_columns: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


class NativeNumber(str):
    """The text of a cell that a spreadsheet stored as a number: no locale to guess."""


@dataclass
class Row:
    line: int
    cells: dict[str, str]
    numbers_locale: dict[str, str] = field(default_factory=dict)
    native: frozenset[str] = frozenset()

    def get(self, key: str) -> str:
        return self.cells.get(key, "")

    def number(self, key: str) -> Decimal | None:
        text = self.get(key)
        if text == "":
            return None
        if key in self.native:
            return Decimal(text)
        try:
            return numbers.parse_number(text, locale=self.numbers_locale.get(key, numbers.VI))
        except ValueError as exc:
            raise RowProblem(key, str(exc))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def header_key(text: str) -> str:
    """Normalise a header for matching: NFC, lower case, single spaces, ``_`` for spaces."""
    return "_".join(nfc(text).lower().replace("_", " ").split())


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ExchangeError([RowError(0, "", _("Tệp không phải tệp văn bản CSV (có byte nhị phân)."))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeError(
            [RowError(0, "", _("Tệp không phải UTF-8 (byte lỗi ở vị trí %(p)s): hãy lưu lại dưới "
                               "dạng CSV UTF-8.") % {"p": exc.start})]
        )


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Decimal):
        return NativeNumber(format(value.normalize(), "f"))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return NativeNumber(format(Decimal(repr(value)).normalize(), "f"))
    if isinstance(value, int):
        return NativeNumber(str(value))
    return str(value)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise ExchangeError([RowError(0, "", _("Tệp .xlsx bị hỏng hoặc không đọc được."))])
    sheet = book.worksheets[0]
    rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def raw_rows(data: bytes, filename: str) -> list[list[str]]:
    if not data or not data.strip():
        raise ExchangeError([RowError(0, "", _("Tệp rỗng."))])
    is_zip = data[:4] == b"PK\x03\x04" and zipfile.is_zipfile(io.BytesIO(data))
    if filename.lower().endswith((".xlsx", ".xlsm")) or is_zip:
        if not is_zip:
            raise ExchangeError([RowError(0, "", _("Tệp .xlsx bị hỏng hoặc không đọc được."))])
        return _xlsx_rows(data)
    return _csv_rows(data)


def _map_header(header: list[str], spec: FileSpec) -> tuple[list[str | None], list[RowError]]:
    known = {header_key(c): c for c in spec.columns}
    known.update({header_key(alias): key for alias, key in spec.aliases.items()})
    mapped: list[str | None] = []
    errors: list[RowError] = []
    for position, name in enumerate(header, start=1):
        if not nfc(name):
            mapped.append(None)
            continue
        key = known.get(header_key(name))
        if key is None:
            errors.append(RowError(1, nfc(name), _("cột không được hỗ trợ (cột số %(n)s).") % {"n": position}))
        elif key in mapped:
            errors.append(RowError(1, nfc(name), _("cột bị lặp lại.")))
        mapped.append(key)
    for key in spec.required:
        if key not in mapped:
            errors.append(RowError(1, key, _("thiếu cột bắt buộc.")))
    return mapped, errors


def read_table(data: bytes, filename: str, *, spec: FileSpec, locale: str = "auto") -> list[Row]:
    """Rows of the file with canonical keys, NFC text, and each number column's convention."""
    if locale not in ("auto", numbers.VI, numbers.EN):
        raise ExchangeError([RowError(0, "", _("--locale phải là vi, en hoặc auto."))])
    grid = [r for r in raw_rows(data, filename)]
    while grid and not any(nfc(c) for c in grid[0]):
        grid.pop(0)
    if not grid:
        raise ExchangeError([RowError(0, "", _("Tệp rỗng."))])
    mapped, errors = _map_header(grid[0], spec)
    if errors:
        raise ExchangeError(errors)
    rows = []
    for line, raw in enumerate(grid[1:], start=2):
        pairs = [(k, v) for k, v in zip(mapped, raw, strict=False) if k is not None]
        cells = {k: nfc(v) for k, v in pairs}
        if any(cells.values()):
            native = frozenset(k for k, v in pairs if isinstance(v, NativeNumber))
            rows.append(Row(line=line, cells=cells, native=native))
    if not rows:
        raise ExchangeError([RowError(0, "", _("Tệp không có dòng dữ liệu nào."))])
    _decide_numbers(rows, spec, locale)
    return rows


def _decide_numbers(rows: list[Row], spec: FileSpec, locale: str) -> None:
    columns = {
        c: [r.get(c) for r in rows if r.get(c) and c not in r.native] for c in spec.number_columns
    }
    decided, problems = numbers.decide_locales(columns, locale=locale)
    if problems:
        raise ExchangeError([_ambiguity_error(rows, c) for c in problems])
    for row in rows:
        row.numbers_locale = decided


def _ambiguity_error(rows: list[Row], column: str) -> RowError:
    cells = [f"{r.line}" for r in rows if numbers.classify(r.get(column)) == numbers.AMBIGUOUS]
    return RowError(
        0,
        column,
        _("không xác định được cách viết số của cột “%(c)s” (dòng %(l)s: ví dụ “2.000” là hai nghìn "
          "hay hai?); chạy lại với --locale vi hoặc --locale en.")
        % {"c": column, "l": ", ".join(cells[:10])},
    )
