"""Read an exchange file (UTF-8 CSV or .xlsx, first sheet) into rows of canonical columns.

File-level problems (empty, binary, wrong encoding, unknown or missing columns, numbers whose
convention cannot be told) raise ``ExchangeError`` listing every problem; row-level problems are
found later by the importer, which reports them with the same ``RowError``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kehoach.core import files
from kehoach.core.exchange import numbers
from kehoach.core.text import clean_text


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
    """A cell's text as stored: cleaned at the boundary (``kehoach.core.text.clean_text``), trimmed."""
    return clean_text(text).strip()


def header_key(text: str) -> str:
    """Normalise a header for matching: NFC, lower case, single spaces, ``_`` for spaces."""
    return "_".join(nfc(text).lower().replace("_", " ").split())


def _refused(message: str) -> ExchangeError:
    return ExchangeError([RowError(0, "", message)])


def _decode(data: bytes) -> str:
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        if b"\x00" in data:
            raise _refused(_("Tệp không phải tệp văn bản CSV (có byte nhị phân)."))
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refused(_("Tệp không phải UTF-8 (byte lỗi ở vị trí %(p)s): hãy lưu lại dưới "
                         "dạng CSV UTF-8.") % {"p": exc.start})


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if number > files.MAX_ROWS or len(row) > files.MAX_COLUMNS:
                raise _refused(files.too_many_rows_message())
            yield row
    except csv.Error as exc:
        raise csv_error(exc)


def csv_error(exc: csv.Error) -> ExchangeError:
    return _refused(_("Tệp CSV không đọc được (%(e)s): hãy lưu lại dưới dạng CSV UTF-8.")
                    % {"e": exc})


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
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return NativeNumber(format(Decimal(repr(value)).normalize(), "f"))
    if isinstance(value, int):
        return NativeNumber(str(value))
    return str(value)


def xlsx_sheet_count(data: bytes) -> int:
    """How many sheets an .xlsx holds (0 when it is not one that can be read)."""
    from openpyxl import load_workbook

    try:
        files.check_ooxml(data, kind=".xlsx")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - the first sheet's reading reports the damage
        return 0
    count = len(book.worksheets)
    book.close()
    return count


def xlsx_rows(data: bytes, sheet_index: int = 0) -> Iterator[list[str]]:
    """A sheet's rows (the first by default), read from the cells that exist (the declared size
    is ignored)."""
    from openpyxl import load_workbook

    damaged = _("Tệp .xlsx bị hỏng hoặc không đọc được.")
    try:
        files.check_ooxml(data, kind=".xlsx")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[sheet_index]
    except files.FileRefused as exc:
        raise _refused(str(exc))
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise _refused(damaged)
    try:
        yield from _sheet_rows(sheet)
    except ExchangeError:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet fails while it is read
        raise _refused(damaged)
    finally:
        book.close()


def _sheet_rows(sheet: Any) -> Iterator[list[str]]:
    """The rows of a read-only sheet from the cells that exist: the declared dimension is never
    trusted (openpyxl pads to it), a missing row is an empty list, and data past ``MAX_ROWS`` or
    ``MAX_COLUMNS`` is refused."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats,
                                 timedelta_formats=book._timedelta_formats)
        expected = 1
        for number, cells in parser.parse():
            present = [c for c in cells if c["value"] is not None]
            if present and (number > files.MAX_ROWS
                            or max(c["column"] for c in present) > files.MAX_COLUMNS):
                raise _refused(files.too_many_rows_message())
            if number > files.MAX_ROWS:
                continue
            for _gap in range(expected, number):
                yield []
            expected = number + 1
            row = [""] * max((c["column"] for c in present), default=0)
            for cell in present:
                row[cell["column"] - 1] = _cell_text(cell["value"])
            yield row


def raw_rows(data: bytes, filename: str, sheet: int = 0) -> Iterator[list[str]]:
    """The rows of a CSV or .xlsx file (``sheet``: which sheet of an .xlsx), after the shared size
    guards; ``ExchangeError`` if unusable."""
    if not data or not data.strip():
        raise _refused(_("Tệp rỗng."))
    try:
        files.check_size(len(data))
    except files.FileRefused as exc:
        raise _refused(str(exc))
    if filename.lower().endswith((".xlsx", ".xlsm")) or files.is_zip(data):
        return xlsx_rows(data, sheet)
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


def read_table(data: bytes, filename: str, *, spec: FileSpec, locale: str = "auto",
               sheet: int = 0) -> list[Row]:
    """Rows of the file with canonical keys, NFC text, and each number column's convention."""
    if locale not in ("auto", numbers.VI, numbers.EN):
        raise ExchangeError([RowError(0, "", _("--locale phải là vi, en hoặc auto."))])
    grid = raw_rows(data, filename, sheet)
    header = next((r for r in grid if any(nfc(c) for c in r)), None)
    if header is None:
        raise ExchangeError([RowError(0, "", _("Tệp rỗng."))])
    mapped, errors = _map_header(header, spec)
    if errors:
        raise ExchangeError(errors)
    rows = []
    for line, raw in enumerate(grid, start=2):
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
