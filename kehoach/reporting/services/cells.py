"""Saving cells: one or many at once, all or nothing, with optimistic concurrency.

Each change names a row (its id, or the indicator code), a column key, and optionally ``value``
(a number, or text typed the Vietnamese way: ``7,5``, ``2.000``; empty clears it), ``note`` and the
``version`` of the cell the caller saw (0 for a cell that did not exist). When the cell has changed
since, the change is refused with the current value and who changed it: nothing is lost.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core.exchange import numbers
from kehoach.core.services import audit_record
from kehoach.core.templatetags.kh import format_number
from kehoach.reporting import workflow
from kehoach.reporting.errors import CellProblems
from kehoach.reporting.models import (
    Cell,
    CellRevision,
    ColumnSource,
    RoundStatus,
    Submission,
    SubmissionEvent,
)
from kehoach.reporting.responsibility import row_duty, row_references

MAX_ABS = Decimal("1e17")


def parse_value(raw: Any) -> Decimal | None:
    """A cell's value from what was typed; ValueError with a Vietnamese message."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    if isinstance(raw, bool):
        raise ValueError(_("“%(t)s” không phải là số.") % {"t": raw})
    if isinstance(raw, int | float | Decimal):
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise ValueError(_("“%(t)s” không phải là số.") % {"t": raw})
    else:
        value = numbers.parse_number(str(raw), locale=numbers.VI)
    if not value.is_finite() or abs(value) >= MAX_ABS:
        raise ValueError(_("Số quá lớn."))
    return value.quantize(Decimal("0.000001"))


def check_editable(submission: Submission, actor: Any) -> None:
    """May ``actor`` type cells of ``submission`` now (the ``edit`` rows of the workflow)?"""
    if not workflow.has_role(actor, submission, workflow.Action.EDIT):
        raise PermissionDenied
    if submission.round.status != RoundStatus.OPEN:
        raise ValidationError(_("Đợt báo cáo không mở: không nhập được số liệu."), code="closed")
    if workflow.transition_for(submission.status, workflow.Action.EDIT) is None:
        raise ValidationError(
            _("Biểu đang ở trạng thái “%(s)s”: không sửa được.") % {
                "s": submission.get_status_display()}, code="locked")


def _resolve(template_rows: dict, columns: dict, change: dict) -> tuple[Any, Any, str]:
    ref, key = change.get("row"), str(change.get("column") or "")
    row = template_rows.get(str(ref)) if ref is not None else None
    column = columns.get(key)
    if row is None:
        return None, None, _("Không có dòng “%(r)s” trong biểu.") % {"r": ref}
    if column is None:
        return None, None, _("Không có cột “%(c)s” trong biểu.") % {"c": key}
    if row.is_heading or column.source != ColumnSource.ENTERED:
        return None, None, _("Ô này không nhập được (dòng tiêu đề, cột lấy từ số liệu chính thức "
                             "hoặc cột tính tự động).")
    return row, column, ""


def _conflict(row: Any, ref: str, key: str, cell: Cell | None,
              seen: int | None) -> dict[str, Any] | None:
    current = cell.version if cell else 0
    if seen is None or int(seen) == current:
        return None
    who = str(cell.updated_by) if cell and cell.updated_by else _("người khác")
    value = cell.value if cell else None
    return {
        "row": row.pk, "row_number": ref, "column": key, "code": "conflict",
        "message": _("Dòng %(n)s, cột %(c)s: %(who)s đã sửa ô này (giá trị hiện tại: %(v)s). "
                     "Hãy tải lại và nhập lại nếu cần.") % {
            "n": ref, "c": key, "who": who, "v": format_number(value) or _("trống")},
        "current_value": value, "current_note": cell.note if cell else "",
        "current_version": current, "changed_by": who if cell else "",
        "changed_at": cell.updated_at if cell else None,
    }


def _plan(submission: Submission, changes: list[dict[str, Any]]) -> list[tuple]:
    rows = {}
    every = list(submission.template.rows.select_related("indicator").order_by("position"))
    refs = row_references(every)
    duty = row_duty(submission)
    for row in every:
        rows[str(row.pk)] = row
        if row.indicator is not None:
            rows[row.indicator.code] = row
    columns = {c.key: c for c in submission.template.columns.all()}
    existing = {(c.row_id, c.column_id): c for c in
                submission.cells.select_for_update(of=("self",)).select_related("updated_by")}
    problems, plan = [], []
    for change in changes:
        row, column, error = _resolve(rows, columns, change)
        base = {"row": change.get("row"), "column": change.get("column")}
        if error:
            problems.append({**base, "code": "invalid", "message": error})
            continue
        refusal = duty.refusal(row, refs[row.pk])
        if refusal:
            problems.append({**base, "row_number": refs[row.pk], "code": "not_responsible",
                             "message": refusal})
            continue
        cell = existing.get((row.pk, column.pk))
        try:
            value = parse_value(change["value"]) if "value" in change else (
                cell.value if cell else None)
        except ValueError as exc:
            problems.append({**base, "row_number": refs[row.pk], "code": "invalid",
                             "message": _("Dòng %(n)s, cột %(c)s: %(e)s") % {
                                 "n": refs[row.pk], "c": column.key, "e": exc}})
            continue
        conflict = _conflict(row, refs[row.pk], column.key, cell, change.get("version"))
        if conflict:
            problems.append(conflict)
            continue
        note = change.get("note")
        note = (cell.note if cell else "") if note is None else str(note).strip()
        plan.append((row, column, cell, value, note))
    if problems:
        raise CellProblems(problems)
    return plan


def _apply(submission: Submission, plan: list[tuple], actor: Any, source: str) -> list[Cell]:
    user = actor if getattr(actor, "is_authenticated", False) else None
    saved = []
    for row, column, cell, value, note in plan:
        unchanged = (cell.value, cell.note) if cell else (None, "")
        if unchanged == (value, note):
            continue
        old_value, old_note = (cell.value, cell.note) if cell else (None, "")
        if cell is None:
            cell = Cell(submission=submission, row=row, column=column)
        else:
            cell.version += 1
        cell.value, cell.note, cell.updated_by = value, note, user
        cell.save()
        CellRevision.objects.create(cell=cell, old_value=old_value, new_value=value,
                                    old_note=old_note, new_note=note, changed_by=user,
                                    source=source)
        saved.append(cell)
    return saved


@transaction.atomic
def cell_save(*, submission: Submission, changes: list[dict[str, Any]], actor: Any,
              source: str = "web") -> list[Cell]:
    """Save the changed cells; raises ``CellProblems`` listing every refused cell (nothing is
    saved then). Returns the cells that actually changed."""
    submission = Submission.objects.select_for_update(of=("self",)).select_related(
        "round", "template", "unit", "subject_unit").get(pk=submission.pk)
    check_editable(submission, actor)
    saved = _apply(submission, _plan(submission, changes), actor, source)
    if not saved:
        return saved
    row = workflow.transition_for(submission.status, workflow.Action.EDIT)
    if row is not None and row.target != submission.status:  # the first change of a new form
        SubmissionEvent.objects.create(submission=submission, actor=actor,
                                       from_status=submission.status, to_status=row.target)
        submission.status = row.target
    submission.version += 1
    submission.save(update_fields=["status", "version", "updated_at"])
    audit_record(actor=actor, action="cell_save", obj=submission,
                 summary=_("%(n)s ô") % {"n": len(saved)},
                 data={"source": source, "cells": [[c.row_id, c.column.key] for c in saved]})
    return saved
