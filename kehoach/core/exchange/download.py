"""The download of an exchange file from a list page: CSV streamed, .xlsx written at once."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from kehoach.core.exchange.writer import CONTENT_TYPES, csv_chunks, write_xlsx
from kehoach.core.http import content_disposition


def requested_format(request: HttpRequest) -> str:
    return "xlsx" if request.GET.get("format") == "xlsx" else "csv"


def exchange_download(
    *, columns: tuple[str, ...], rows: Iterable[dict[str, Any]], fmt: str, name: str
) -> HttpResponse | StreamingHttpResponse:
    """``name`` without extension; the file is ``name.csv`` or ``name.xlsx``."""
    response: HttpResponse | StreamingHttpResponse
    if fmt == "xlsx":
        binary = io.BytesIO()
        write_xlsx(columns, rows, binary)
        response = HttpResponse(binary.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    else:
        response = StreamingHttpResponse(csv_chunks(columns, rows), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = content_disposition(f"{name}.{fmt}")
    return response
