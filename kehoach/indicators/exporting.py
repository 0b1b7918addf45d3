"""Writing an exchange file (UTF-8 CSV or .xlsx) that the importers read back unchanged."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

FORMATS = ("csv", "xlsx")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        number = value.normalize()
        return int(number) if number == number.to_integral_value() else float(number)
    return "" if value is None else value


def table_bytes(columns: tuple[str, ...], rows: list[dict[str, Any]], fmt: str) -> bytes:
    """The rows as a CSV (``.`` decimals, no thousands separator) or an .xlsx workbook."""
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(list(columns))
        for row in rows:
            sheet.append([_cell(row.get(c)) for c in columns])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(row.get(c)) for c in columns])
    return text.getvalue().encode("utf-8")
