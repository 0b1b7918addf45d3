"""Read a big exchange file row by row, with memory that does not grow with the file.

``read_table`` (reader.py) holds the whole file; this module gives the same canonical rows one at a
time, from a CSV (decoded as it is read) or an .xlsx (openpyxl's read-only mode). The header is
checked first with the reader's rules; every later problem is the caller's row error.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from kehoach.core import files
from kehoach.core.exchange.reader import (
    ExchangeError,
    FileSpec,
    NativeNumber,
    RowError,
    _map_header,
    csv_error,
    nfc,
    xlsx_rows,
)

_SNIFF = 64 * 1024
_TEXT_ONLY: frozenset[str] = frozenset()


class StreamRows:
    """``for line, cells, native in StreamRows(stream, filename, spec)``: canonical cells by key.

    ``native`` is the set of keys whose cell a spreadsheet stored as a number. Raises
    ``ExchangeError`` for the file-level problems (binary, encoding, header) when iterated.
    """

    def __init__(self, stream: IO[bytes], filename: str, spec: FileSpec) -> None:
        self.stream, self.filename, self.spec = stream, filename, spec
        self.rows_read = 0

    def __iter__(self) -> Iterator[tuple[int, dict[str, str], frozenset[str]]]:
        head = self.stream.read(_SNIFF)
        if not head or not head.strip():
            raise ExchangeError([RowError(0, "", _("Tệp rỗng."))])
        is_zip = head[:4] == b"PK\x03\x04"
        spreadsheet = self.filename.lower().endswith((".xlsx", ".xlsm")) or is_zip
        grid = self._xlsx(head) if spreadsheet else self._csv(head)
        yield from self._rows(grid, natives=spreadsheet)

    def _rows(self, grid: Iterator[list[str]], *, natives: bool,
              ) -> Iterator[tuple[int, dict[str, str], frozenset[str]]]:
        """``natives``: the grid may hold spreadsheet numbers (.xlsx); a CSV holds only text."""
        line = 0
        header: list[str] | None = None
        keyed: list[tuple[int, str]] = []
        for raw in grid:
            line += 1
            if header is None:
                if not any(nfc(c) for c in raw):
                    continue
                header = raw
                mapped, errors = _map_header(raw, self.spec)
                if errors:
                    raise ExchangeError([RowError(line, e.column, e.message) for e in errors])
                keyed = [(i, k) for i, k in enumerate(mapped) if k is not None]
                continue
            width = len(raw)
            cells = {k: (v.strip() if v.isascii() else nfc(v))
                     for i, k in keyed if i < width for v in (raw[i],)}
            if not any(cells.values()):
                continue
            self.rows_read += 1
            native = _TEXT_ONLY if not natives else frozenset(
                k for i, k in keyed if i < width and isinstance(raw[i], NativeNumber))
            yield line, cells, native
        if header is None:
            raise ExchangeError([RowError(0, "", _("Tệp rỗng."))])

    def _csv(self, head: bytes) -> Iterator[list[str]]:
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            encoding = "utf-16"
        elif b"\x00" in head[:4096]:
            raise ExchangeError([RowError(0, "", _("Tệp không phải tệp văn bản CSV (có byte nhị phân)."))])
        else:
            encoding = "utf-8-sig"
        try:
            text = _Rejoined(head, self.stream, encoding)
        except UnicodeDecodeError as exc:
            raise _not_utf8(exc)
        sample = text.peek()
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
                sample[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return _decoded_rows(csv.reader(text, dialect))

    def _xlsx(self, head: bytes) -> Iterator[list[str]]:
        data = head + self.stream.read(files.upload_limit() + 1 - len(head))
        try:
            files.check_size(len(data))
        except files.FileRefused as exc:
            raise ExchangeError([RowError(0, "", str(exc))])
        return xlsx_rows(data)  # the shared guards: zip bombs, declared sizes, row limits


def _decoded_rows(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    try:
        for row in reader:
            if len(row) > files.MAX_COLUMNS:
                raise ExchangeError([RowError(0, "", files.too_many_rows_message())])
            yield row
    except UnicodeDecodeError as exc:
        raise _not_utf8(exc)
    except csv.Error as exc:  # a NUL byte further on, a field past csv's size limit
        raise csv_error(exc)


def _not_utf8(exc: UnicodeDecodeError) -> ExchangeError:
    return ExchangeError([RowError(0, "", _("Tệp không phải UTF-8 (byte lỗi ở vị trí %(p)s): hãy "
                                            "lưu lại dưới dạng CSV UTF-8.") % {"p": exc.start})])


class _Rejoined:
    """The decoded text of ``head`` + the rest of ``stream``, line by line (for ``csv.reader``)."""

    def __init__(self, head: bytes, stream: IO[bytes], encoding: str) -> None:
        self.decoder = codecs.getincrementaldecoder(encoding)()
        self.stream = stream
        self.pending = self.decoder.decode(head)
        self.done = False

    def peek(self) -> str:
        return self.pending

    def __iter__(self) -> Iterator[str]:
        while True:
            lines = self.pending.splitlines(keepends=True)
            if not self.done:
                chunk = self.stream.read(1 << 20)
                if not chunk:
                    self.done = True
                    self.pending = self.decoder.decode(b"", final=True)
                else:
                    self.pending = self.decoder.decode(chunk)
                if lines and not lines[-1].endswith(("\n", "\r")):
                    self.pending = lines.pop() + self.pending
            else:
                self.pending = ""
            yield from lines
            if self.done and not self.pending:
                return
