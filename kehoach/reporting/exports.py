"""The completeness table of a round as CSV or .xlsx, in the language of the one who asks
(a working table, not an official document: headers and dates follow the interface)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from kehoach.core.templatetags.kh import vdate, vdatetime
from kehoach.reporting.models import Round

FIELDS = ("unit", "unit_name", "form", "status", "submitted_at", "deadline", "filled_percent",
          "late")
HEADERS = (_("Mã đơn vị"), _("Đơn vị"), _("Biểu"), _("Trạng thái"), _("Gửi lúc"), _("Hạn gửi"),
           _("Đã nhập (% ô bắt buộc)"), _("Trễ hạn"))


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    submitted = row["submitted_at"]
    return {**row, "submitted_at": vdatetime(timezone.localtime(submitted)) if submitted else "",
            "deadline": vdate(row["deadline"]),
            "filled_percent": row["filled_percent"], "late": str(_("có") if row["late"] else _("không"))}


def completeness_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for row in data["rows"]:
        plain = _plain(row)
        writer.writerow([plain[f] for f in FIELDS])
    return out.getvalue()


def completeness_xlsx(round: Round, data: dict[str, Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tien do"
    ws.append([round.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append([str(h) for h in HEADERS])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in data["rows"]:
        plain = _plain(row)
        plain["filled_percent"] = float(row["filled_percent"])
        ws.append([plain[f] for f in FIELDS])
    ws.append([])
    rate = data["on_time_rate"]
    ws.append([str(_("Tỷ lệ gửi đúng hạn (%)")), None if rate is None else float(rate)])
    for letter, width in zip("ABCDEFGH", (12, 40, 12, 14, 18, 12, 14, 10), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
