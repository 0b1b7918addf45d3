"""``dhis2_export``: kehoach values as a DHIS2 data value set (JSON, XML/DXF2, CSV, ADX).

Only values whose indicator and unit the mapping names are written, with the first DHIS2 id the
mapping gives each (a category option combo mapped as ``dataElement.combo`` is written as that
pair). A range of years has no DHIS2 period: it is written in ADX (``2021-01-01/P5Y``) and left
out of the other formats (counted in ``skipped``). Streamed: memory does not grow with the values.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any, cast
from xml.sax.saxutils import escape, quoteattr

from django.db.models import QuerySet
from django.utils import timezone

from kehoach.values.dhis2.mapping import Mapping
from kehoach.values.dhis2.periods import to_dhis2, to_iso
from kehoach.values.dhis2.reading import CSV_COLUMNS
from kehoach.values.models import Value

FORMATS = ("json", "xml", "csv", "adx")
CONTENT_TYPES = {"json": "application/json", "xml": "application/xml", "csv": "text/csv",
                 "adx": "application/adx+xml"}


@dataclass
class ExportCount:
    written: int = 0
    skipped: int = 0


def format_of(filename: str) -> str | None:
    name = filename.lower()
    if name.endswith(".adx.xml") or name.endswith(".adx"):
        return "adx"
    for fmt in ("json", "xml", "csv"):
        if name.endswith(f".{fmt}"):
            return fmt
    return None


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _items(values: QuerySet[Value], mapping: Mapping, adx: bool, count: ExportCount
           ) -> Iterator[dict[str, str]]:
    indicators, units = mapping.reverse()
    qs = values.filter(indicator_id__in=list(indicators), unit_id__in=list(units)).order_by(
        "unit_id", "period", "indicator_id").values_list("indicator_id", "unit_id", "period",
                                                          "value", "note")
    for indicator_id, unit_id, period, value, note in qs.iterator(chunk_size=5000):
        dhis2_period = to_iso(period) if adx else to_dhis2(period)
        if dhis2_period is None:
            count.skipped += 1
            continue
        de, coc = indicators[indicator_id]
        count.written += 1
        yield {"dataElement": de, "period": dhis2_period, "orgUnit": units[unit_id],
               "categoryOptionCombo": coc, "value": _number(value), "comment": note}


def dhis2_export(*, values: QuerySet[Value], mapping: Mapping, fmt: str, out: IO[str],
                 data_set: str = "") -> ExportCount:
    count = ExportCount()
    items = _items(values, mapping, fmt == "adx", count)
    {"json": _json, "xml": _xml, "csv": _csv, "adx": _adx}[fmt](items, out, data_set)
    return count


def dhis2_export_file(*, values: QuerySet[Value], mapping: Mapping, fmt: str,
                      data_set: str = "") -> IO[bytes]:
    """The data value set as a binary file at position 0, kept in memory up to 8 MB and on disk
    beyond (a download of millions of values does not sit in the server's memory)."""
    raw: Any = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115 (the response closes it)
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    dhis2_export(values=values, mapping=mapping, fmt=fmt, out=text, data_set=data_set)
    text.flush()
    text.detach()
    raw.seek(0)
    return cast(IO[bytes], raw)


def _json(items: Iterator[dict[str, str]], out: IO[str], data_set: str) -> None:
    out.write("{" + (f'"dataSet": {json.dumps(data_set)}, ' if data_set else "") + '"dataValues": [')
    for n, item in enumerate(items):
        fields = {k: v for k, v in item.items() if v != ""}
        out.write(("," if n else "") + "\n " + json.dumps(fields, ensure_ascii=False))
    out.write("\n]}\n")


def _attrs(item: dict[str, Any]) -> str:
    return " ".join(f"{k}={quoteattr(v)}" for k, v in item.items() if v != "")


def _xml(items: Iterator[dict[str, str]], out: IO[str], data_set: str) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<dataValueSet '
              'xmlns="http://dhis2.org/schema/dxf/2.0"'
              + (f" dataSet={quoteattr(data_set)}" if data_set else "") + ">\n")
    for item in items:
        out.write(f"  <dataValue {_attrs(item)}/>\n")
    out.write("</dataValueSet>\n")


def _csv(items: Iterator[dict[str, str]], out: IO[str], data_set: str) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow([item["dataElement"], item["period"], item["orgUnit"],
                         item["categoryOptionCombo"], "", item["value"], "kehoach", "",
                         item["comment"], "false"])


def _adx(items: Iterator[dict[str, str]], out: IO[str], data_set: str) -> None:
    """ADX groups values by org unit and period; a combo id of the form ``CAT=OPTION;…`` is
    written back as the dataValue's disaggregation attributes, a note as its ``annotation``."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<adx xmlns="urn:ihe:qrph:adx:2015" '
              f'exported="{timezone.now().isoformat(timespec="seconds")}">\n')
    group: tuple[str, str] | None = None
    for item in items:
        key = (item["orgUnit"], item["period"])
        if key != group:
            if group is not None:
                out.write("  </group>\n")
            attrs = {"orgUnit": key[0], "period": key[1], "dataSet": data_set}
            out.write(f"  <group {_attrs(attrs)}>\n")
            group = key
        extra = dict(p.split("=", 1) for p in item["categoryOptionCombo"].split(";") if "=" in p)
        value = _attrs({"dataElement": item["dataElement"], **extra, "value": item["value"]})
        if item["comment"]:
            out.write(f"    <dataValue {value}><annotation>{escape(item['comment'])}"
                      "</annotation></dataValue>\n")
        else:
            out.write(f"    <dataValue {value}/>\n")
    if group is not None:
        out.write("  </group>\n")
    out.write("</adx>\n")
