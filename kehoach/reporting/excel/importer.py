"""Reading a filled form back: every problem is listed (sheet, row, column, reason) and nothing is
stored unless the whole file is right."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kehoach.core import files
from kehoach.core.text import clean_text
from kehoach.reporting.errors import CellProblems
from kehoach.reporting.excel.layout import (
    FIRST_ROW,
    FORMAT,
    META_SHEET,
    SHEET,
    layout_checksum,
    layout_for,
)
from kehoach.reporting.models import Submission, SubmissionStatus
from kehoach.reporting.selectors import submission_grid
from kehoach.reporting.services.cells import cell_save, parse_value


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        where = [f"sheet {self.sheet}"] if self.sheet else []
        if self.row:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return ", ".join(where) + f": {self.reason}" if where else self.reason

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason}


class FormRejected(Exception):
    def __init__(self, errors: list[CellError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


# A form is a few hundred rows: its sheets unpack to about 1 MB. The whole workbook is loaded
# (merged cells, cell types), so the bound is lower than for exchange files.
FORM_MAX_UNPACKED = 20 * 1024 * 1024


def _file_error(reason: str) -> FormRejected:
    return FormRejected([CellError("", None, "", reason)])


def _open(data: bytes):
    """The workbook, after the shared guards (size, zip bomb); any damage is one clear message."""
    if not data:
        raise _file_error(_("Tệp rỗng."))
    unreadable = _("Tệp không đọc được: không phải tệp .xlsx hoặc tệp bị hỏng.")
    try:
        files.check_size(len(data))
        if not files.is_zip(data):
            raise files.FileRefused(unreadable)
        files.check_ooxml(data, kind=".xlsx", max_unpacked=FORM_MAX_UNPACKED)
    except files.FileRefused as exc:
        raise _file_error(str(exc))
    try:
        return load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # noqa: BLE001 - openpyxl and the XML parsers raise many kinds
        raise _file_error(unreadable)


def _meta(wb) -> tuple[dict[str, str], dict[tuple[int, str], int]]:
    if META_SHEET not in wb.sheetnames or SHEET not in wb.sheetnames:
        raise _file_error(_("Tệp không phải biểu xuất từ hệ thống (thiếu trang %(s)s). "
                            "Hãy tải biểu mẫu của đơn vị rồi nhập số liệu vào đó.") % {"s": SHEET})
    meta, versions, in_cells = {}, {}, False
    try:
        for a, b, *rest in wb[META_SHEET].iter_rows(min_col=1, max_col=3, values_only=True):
            if in_cells and a is not None:
                versions[(int(a), str(b))] = int(rest[0] or 0)
            elif a == "cells":
                in_cells = True
            elif a is not None:
                meta[str(a)] = "" if b is None else str(b)
    except (TypeError, ValueError):
        raise _file_error(_("Tệp không phải biểu xuất từ hệ thống (trang %(s)s bị sửa).") % {
            "s": META_SHEET})
    if meta.get("format") != FORMAT:
        raise _file_error(_("Tệp không phải biểu xuất từ hệ thống (định dạng không đúng)."))
    return meta, versions


def _find_submission(meta: dict[str, str], expected: Submission | None) -> Submission:
    found = Submission.objects.select_related("round", "unit", "template", "subject_unit").filter(
        round__code=meta.get("round_code"), unit__code=meta.get("unit_code"),
        template__code=meta.get("template_code")).first()
    if found is None:
        raise _file_error(_("Không có biểu %(t)s của đơn vị %(u)s trong đợt %(r)s.") % {
            "t": meta.get("template_code"), "u": meta.get("unit_code"), "r": meta.get("round_code")})
    if expected is not None and found.pk != expected.pk:
        raise _file_error(_("Tệp là biểu %(t)s của đơn vị %(u)s, đợt %(r)s: không phải biểu đang "
                            "nhập (%(et)s, %(eu)s, %(er)s).") % {
            "t": found.template.code, "u": found.unit.code, "r": found.round.code,
            "et": expected.template.code, "eu": expected.unit.code, "er": expected.round.code})
    if str(found.template.version) != meta.get("template_version"):
        raise _file_error(_("Tệp dùng phiên bản %(v)s của biểu, hệ thống đang dùng phiên bản "
                            "%(w)s: hãy tải biểu mới.") % {"v": meta.get("template_version"),
                                                          "w": found.template.version})
    return found


def _check_structure(ws, submission: Submission, meta: dict[str, str], grid) -> list[CellError]:
    if ws.max_row > files.MAX_ROWS or ws.max_column > files.MAX_COLUMNS:
        return [CellError(SHEET, None, "", files.too_many_rows_message())]
    errors = []
    if meta.get("layout_checksum") != layout_checksum(submission):
        errors.append(CellError(SHEET, None, "", _("Cấu trúc biểu đã thay đổi so với hệ thống: "
                                                   "hãy tải biểu mới.")))
    merged = sorted(str(r) for r in ws.merged_cells.ranges)
    if " ".join(merged) != meta.get("merged", ""):
        errors.append(CellError(SHEET, None, "", _("Các ô gộp đã bị thay đổi: không gộp hoặc tách "
                                                   "ô trong biểu.")))
    for offset, row in enumerate(grid.rows):
        r = FIRST_ROW + offset
        number = ws.cell(row=r, column=1).value
        label = ws.cell(row=r, column=2).value
        if str(number or "").strip() != row.number or str(label or "").strip() != row.label:
            errors.append(CellError(SHEET, r, "A", _("Dòng “%(n)s %(l)s” đã bị di chuyển hoặc xoá "
                                                     "(ô đang có: “%(x)s %(y)s”).") % {
                "n": row.number, "l": row.label, "x": number or "", "y": label or ""}))
    after = FIRST_ROW + len(grid.rows)
    if any(ws.cell(row=after, column=c).value not in (None, "") for c in (1, 2)):
        errors.append(CellError(SHEET, after, "A", _("Có dòng thêm vào cuối biểu.")))
    return errors


def _read_value(cell) -> tuple[Any, str | None]:
    """(value, error) of one entry cell."""
    raw = cell.value
    if cell.data_type == "f" or (isinstance(raw, str) and raw.startswith("=")):
        return None, _("Ô nhập liệu không được chứa công thức; hãy nhập số.")
    if isinstance(raw, int | float | Decimal):
        return parse_value(Decimal(str(raw))), None
    try:
        return parse_value(raw if raw is None else str(raw)), None
    except ValueError as exc:
        return None, str(exc)


def _changes(ws, grid, layout, versions) -> tuple[list[dict], list[CellError], dict]:
    changes, errors, where = [], [], {}
    for offset, row in enumerate(grid.rows):
        if row.is_heading:
            continue
        r = FIRST_ROW + offset
        for key, note_letter in layout.note_letters.items():
            letter = layout.letters[key]
            value, error = _read_value(ws[f"{letter}{r}"])
            if error:
                errors.append(CellError(SHEET, r, letter, error))
                continue
            note = clean_text(str(ws[f"{note_letter}{r}"].value or "")).strip()
            current = grid.get(row, key)
            if current.value == value and current.note == note:
                continue
            where[(row.pk, key)] = (r, letter)
            changes.append({"row": row.pk, "column": key, "value": value, "note": note,
                            "version": versions.get((row.pk, key), 0)})
    return changes, errors, where


@transaction.atomic
def import_form(*, data: bytes, actor: Any, submission: Submission | None = None) -> dict:
    """Store the entry cells of a filled form; raises ``FormRejected`` listing every problem.

    ``submission``, when given (an upload on a submission's page), must be the file's one.
    """
    wb = _open(data)
    meta, versions = _meta(wb)
    found = _find_submission(meta, submission)
    from kehoach.reporting.selectors import can_fill_submission

    if not can_fill_submission(actor, found):
        raise PermissionDenied
    if found.status == SubmissionStatus.ACCEPTED:
        raise _file_error(_("Biểu đã được tiếp nhận và khoá: không nhập lại được."))
    ws = wb[SHEET]
    grid = submission_grid(submission=found)
    errors = _check_structure(ws, found, meta, grid)
    if errors:
        raise FormRejected(errors)
    changes, errors, where = _changes(ws, grid, layout_for(found), versions)
    if errors:
        raise FormRejected(errors)
    try:
        saved = cell_save(submission=found, changes=changes, actor=actor, source="xlsx")
    except CellProblems as exc:
        errors = []
        for problem in exc.problems:
            excel_row, letter = where.get((problem["row"], problem["column"]), (None, ""))
            errors.append(CellError(SHEET, excel_row, letter, problem["message"]))
        raise FormRejected(errors)
    except ValidationError as exc:
        raise _file_error("; ".join(exc.messages))
    return {"submission": found, "changed": len(saved)}
