"""Read DHIS2 data values as they come: dataValueSet JSON, XML (DXF2), CSV and ADX.

Everything streams (memory does not grow with the file). XML goes through expat with any DTD
refused, so no entity is ever expanded (no "billion laughs", no external entity). A file that
cannot be read raises ``ExchangeError``; the caller has stored nothing by then that it cannot roll
back.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from kehoach.core.exchange.reader import ExchangeError, RowError
from kehoach.values.dhis2.compressed import unpack

CHUNK = 1 << 20
MAX_OBJECT = 1 << 20  #: one JSON data value larger than this is not a data value


@dataclass(slots=True)
class DataValue:
    position: int  #: line (CSV) or order in the file (JSON, XML, ADX), from 1
    data_element: str
    period: str
    org_unit: str
    combo: str = ""
    attribute_combo: str = ""
    value: str = ""
    comment: str = ""


def _fail(message: str) -> ExchangeError:
    return ExchangeError([RowError(0, "", message)])


def detect(head: bytes, filename: str) -> str:
    """``json``, ``xml``, ``adx`` or ``csv``."""
    name = filename.lower()
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if name.endswith(".json") or text.startswith((b"{", b"[")):
        return "json"
    if name.endswith(".xml") or text.startswith(b"<"):
        return "adx" if name.endswith(".adx.xml") or b"<adx" in head[:4096] else "xml"
    return "csv"


def read_values(stream: IO[bytes], filename: str) -> tuple[str, Iterator[DataValue]]:
    """The format and the data values of the file (gzip or zip unpacked as it is read)."""
    head = stream.read(4096)
    unpacked = unpack(head, stream, filename)
    if unpacked is not None:
        stream, filename = unpacked
        head = stream.read(4096)
    if not head.strip():
        raise _fail(_("Tệp rỗng."))
    fmt = detect(head, filename)
    readers = {"json": _json, "xml": _xml, "adx": _xml, "csv": _csv}
    return fmt, readers[fmt](head, stream)


# --- JSON -------------------------------------------------------------------------------------

_TOP = re.compile(r'"(period|orgUnit|attributeOptionCombo)"\s*:\s*"([^"]*)"')
_KEYS = {"dataElement": "data_element", "period": "period", "orgUnit": "org_unit",
         "categoryOptionCombo": "combo", "attributeOptionCombo": "attribute_combo",
         "value": "value", "comment": "comment"}


def _text_chunks(head: bytes, stream: IO[bytes]) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        yield decoder.decode(head)
        while chunk := stream.read(CHUNK):
            yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise _fail(_("Tệp không phải UTF-8 (byte lỗi ở vị trí %(p)s).") % {"p": exc.start})


def _json(head: bytes, stream: IO[bytes]) -> Iterator[DataValue]:
    chunks = _text_chunks(head, stream)
    buffer = ""
    for chunk in chunks:
        buffer += chunk
        start = buffer.find('"dataValues"')
        if start >= 0 and "[" in buffer[start:]:
            break
        if len(buffer) > MAX_OBJECT:
            break
    start = buffer.find('"dataValues"')
    if start < 0 or "[" not in buffer[start:]:
        raise _fail(_("Tệp JSON không phải là dataValueSet của DHIS2 (không có “dataValues”)."))
    defaults = {**_defaults_after(stream), **dict(_TOP.findall(buffer[:start]))}
    position = buffer.index("[", start) + 1
    yield from _json_array(buffer[position:], chunks, defaults)


def _defaults_after(stream: IO[bytes]) -> dict[str, str]:
    """The set's own ``period`` / ``orgUnit`` / ``attributeOptionCombo`` written after its
    ``dataValues`` (JSON keys have no order): read from the end of a file that can seek."""
    try:
        if not stream.seekable():
            return {}
        here = stream.tell()
        stream.seek(0, 2)
        stream.seek(max(0, stream.tell() - 65536))
        tail = stream.read().decode("utf-8", "replace")
        stream.seek(here)
    except (OSError, ValueError):
        return {}
    return dict(_TOP.findall(tail[tail.rfind("]") + 1:])) if "]" in tail else {}


def _json_array(buffer: str, chunks: Iterator[str], defaults: dict[str, str]
                ) -> Iterator[DataValue]:
    # numbers kept as written: a float would round 12345678901234567.89 without a word
    decoder = json.JSONDecoder(parse_float=str, parse_int=str, parse_constant=str)
    pos, count = 0, 0
    while True:
        while pos < len(buffer) and buffer[pos] in " \t\r\n,":
            pos += 1
        if pos < len(buffer) and buffer[pos] == "]":
            return
        try:
            item, end = decoder.raw_decode(buffer, pos)
        except json.JSONDecodeError:
            more = _more(chunks)
            if not more or len(buffer) - pos > MAX_OBJECT:
                raise _fail(_("Tệp JSON bị cắt cụt hoặc sai cú pháp (sau giá trị thứ %(n)s).")
                            % {"n": count})
            buffer, pos = buffer[pos:] + more, 0
            continue
        if not isinstance(item, dict):
            raise _fail(_("Tệp JSON: phần tử thứ %(n)s của dataValues không phải là đối tượng.")
                        % {"n": count + 1})
        count += 1
        pos = end
        yield _json_value(count, item, defaults)


def _more(chunks: Iterator[str]) -> str:
    for text in chunks:
        if text:
            return text
    return ""


def _json_value(position: int, item: dict, defaults: dict[str, str]) -> DataValue:
    fields = {"period": defaults.get("period", ""), "org_unit": defaults.get("orgUnit", ""),
              "attribute_combo": defaults.get("attributeOptionCombo", "")}
    for key, name in _KEYS.items():
        if item.get(key) is not None:
            fields[name] = str(item[key]).strip()
    fields.setdefault("data_element", "")
    return DataValue(position=position, **fields)


# --- XML and ADX ------------------------------------------------------------------------------

def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


class _Collector:
    """The expat handlers: data values collected until the caller takes them."""

    def __init__(self) -> None:
        self.found: list[DataValue] = []
        self.defaults: dict[str, str] = {}
        self.group: dict[str, str] = {}
        self.count = 0
        self.root = ""
        self.pending: DataValue | None = None  #: an ADX value waiting for its annotation
        self.text: list[str] | None = None

    def refuse_dtd(self, *args: object) -> None:
        raise _fail(_("Tệp XML có khai báo DTD hoặc thực thể: không được chấp nhận."))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        attrs = {_local(k): v for k, v in attrs.items()}
        if not self.root:
            self.root = tag
            if tag not in ("dataValueSet", "adx"):
                raise _fail(_("Tệp XML không phải dataValueSet (DXF2) hay ADX (gốc là “%(t)s”).")
                            % {"t": tag})
            self.defaults = attrs
        elif tag == "group":
            self.group = attrs
        elif tag == "dataValue":
            self.count += 1
            if self.root == "adx":
                self.pending = self._value(attrs)
            else:
                self.found.append(self._value(attrs))
        elif tag == "annotation" and self.pending is not None:
            self.text = []

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        """ADX: a ``dataValue``'s ``annotation`` is its comment (DHIS2 reads it so)."""
        tag = _local(name)
        if tag == "annotation" and self.pending is not None and self.text is not None:
            self.pending.comment, self.text = "".join(self.text).strip(), None
        elif tag == "dataValue" and self.pending is not None:
            self.found.append(self.pending)
            self.pending = None

    def _value(self, attrs: dict[str, str]) -> DataValue:
        if self.root == "adx":
            extra = sorted((k, v) for k, v in attrs.items() if k not in ("dataElement", "value"))
            return DataValue(
                position=self.count, data_element=attrs.get("dataElement", ""),
                period=self.group.get("period", ""), org_unit=self.group.get("orgUnit", ""),
                combo=";".join(f"{k}={v}" for k, v in extra), value=attrs.get("value", "").strip())
        base = {**{k: v for k, v in self.defaults.items()}, **attrs}
        return DataValue(
            position=self.count, data_element=base.get("dataElement", ""),
            period=base.get("period", ""), org_unit=base.get("orgUnit", ""),
            combo=base.get("categoryOptionCombo", ""),
            attribute_combo=base.get("attributeOptionCombo", ""),
            value=base.get("value", "").strip(), comment=base.get("comment", ""))


def _xml(head: bytes, stream: IO[bytes]) -> Iterator[DataValue]:
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    collector = _Collector()
    parser.StartDoctypeDeclHandler = collector.refuse_dtd
    parser.EntityDeclHandler = collector.refuse_dtd
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.characters
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    chunk, final = head, False
    while True:
        try:
            parser.Parse(chunk, final)
        except xml.parsers.expat.ExpatError as exc:
            raise _fail(_("Tệp XML hỏng hoặc bị cắt cụt (dòng %(l)s, cột %(c)s: %(m)s).") % {
                "l": exc.lineno, "c": exc.offset, "m": xml.parsers.expat.ErrorString(exc.code)})
        yield from collector.found
        collector.found = []
        if final:
            return
        chunk = stream.read(CHUNK)
        final = not chunk


# --- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = ("dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo",
               "value", "storedby", "lastupdated", "comment", "followup")
_CSV_ALIASES = {"catoptcombo": "categoryoptioncombo", "attroptcombo": "attributeoptioncombo",
                "created": "lastupdated", "timestamp": "lastupdated", "lastupd": "lastupdated",
                "de": "dataelement", "pe": "period", "ou": "orgunit", "coc": "categoryoptioncombo",
                "aoc": "attributeoptioncombo"}


def _lines(head: bytes, stream: IO[bytes]) -> Iterator[str]:
    """Lines cut at ``\n`` only (``\r\n`` stays whole even across chunks; a comment's U+2028 or
    form feed is text, not a line end)."""
    pending = ""
    for text in _text_chunks(head, stream):
        pending += text
        lines = pending.split("\n")
        pending = lines.pop()
        for line in lines:
            yield line + "\n"
    if pending:
        yield pending


def _is_header(row: list[str]) -> bool:
    """A first row naming columns (``dataelement`` first, or a ``period`` / ``value`` column)
    rather than holding a data value."""
    names = {c.strip().lower().replace("_", "") for c in row}
    return row[0].strip().lower().replace("_", "") in ("dataelement", "de") or bool(
        names & {"period", "value"})


def _header(row: list[str]) -> list[str]:
    """The columns a header names; a header that is not DHIS2's (kehoach's own values file, a
    mapping file) refuses the file instead of making every row a conflict."""
    names = [c.strip().lower().replace("_", "").replace(" ", "") for c in row]
    columns = [_CSV_ALIASES.get(c, c) for c in names]
    unknown = [c for c in columns if c and c not in CSV_COLUMNS]
    if unknown or not {"dataelement", "period", "orgunit", "value"} <= set(columns):
        raise _fail(_("Dòng tiêu đề không phải của tệp CSV DHIS2 (cột lạ: %(u)s). Cần các cột "
                      "dataelement, period, orgunit, categoryoptioncombo, attributeoptioncombo, "
                      "value, storedby, lastupdated, comment, followup (hoặc không có dòng tiêu "
                      "đề).") % {"u": ", ".join(unknown) or "-"})
    return columns


def _csv(head: bytes, stream: IO[bytes]) -> Iterator[DataValue]:
    reader = csv.reader(_lines(head, stream))
    try:
        yield from _csv_rows(reader)
    except csv.Error as exc:
        raise _fail(_("Tệp CSV hỏng ở dòng %(l)s: %(m)s.") % {"l": reader.line_num, "m": exc})


def _csv_rows(reader: Any) -> Iterator[DataValue]:
    columns: list[str] = list(CSV_COLUMNS)
    for row in reader:
        line = reader.line_num
        if not any(c.strip() for c in row):
            continue
        if line == 1 and _is_header(row):
            columns = _header(row)
            continue
        cells = dict(zip(columns, (c.strip() for c in row), strict=False))
        yield DataValue(
            position=line, data_element=cells.get("dataelement", ""),
            period=cells.get("period", ""), org_unit=cells.get("orgunit", ""),
            combo=cells.get("categoryoptioncombo", ""),
            attribute_combo=cells.get("attributeoptioncombo", ""), value=cells.get("value", ""),
            comment=cells.get("comment", ""))
