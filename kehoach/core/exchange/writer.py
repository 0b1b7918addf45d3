"""Writing an exchange file (UTF-8 CSV or .xlsx) that the importers read back unchanged.

Rows are streamed: a CSV is written row by row to any text stream, an .xlsx through openpyxl's
write-only workbook, so exporting millions of values does not hold them in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from kehoach.core.constants import XLSX_CONTENT_TYPE

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_CONTENT_TYPE,
}


def text_cell(value: Any) -> str:
    """A cell as the CSV writes it: ``.`` decimals, no thousands separator, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        number = value.normalize()
        return int(number) if number == number.to_integral_value() else float(number)
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def write_csv(columns: tuple[str, ...], rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write the header and the rows to ``out``; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([text_cell(row.get(c)) for c in columns])
        count += 1
    return count


def write_xlsx(columns: tuple[str, ...], rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(columns))
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(row.get(c)) for c in columns])
        count += 1
    book.save(out)
    return count


def table_bytes(columns: tuple[str, ...], rows: Iterable[dict[str, Any]], fmt: str) -> bytes:
    """The rows as a CSV or an .xlsx workbook, in memory (for small tables)."""
    if fmt == "xlsx":
        binary = io.BytesIO()
        write_xlsx(columns, rows, binary)
        return binary.getvalue()
    text = io.StringIO()
    write_csv(columns, rows, text)
    return text.getvalue().encode("utf-8")


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """The CSV as a stream of byte chunks (for a ``StreamingHttpResponse``)."""
    writer = csv.writer(_Echo(), lineterminator="\n")
    buffer: list[str] = [writer.writerow(columns)]
    for row in rows:
        buffer.append(writer.writerow([text_cell(row.get(c)) for c in columns]))
        if len(buffer) >= 2000:
            yield "".join(buffer).encode("utf-8")
            buffer = []
    yield "".join(buffer).encode("utf-8")
