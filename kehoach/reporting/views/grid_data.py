"""What the grid page shows, shaped for the template: rows × cells with their display text, last
period's value, reviewer comments and state; and the submission's history.

Reads that the domain selectors do not offer (the previous period's values of record, the history
of cell changes) are small, bounded queries here, one each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from kehoach.core.templatetags.kh import format_number as _format_number
from kehoach.reporting.models import (
    CellRevision,
    ColumnSource,
    Comment,
    Submission,
    SubmissionStatus,
    SubmissionTextRevision,
)
from kehoach.reporting.prose import word_count
from kehoach.reporting.selectors import Grid, GridCell, previous_period
from kehoach.values.models import ValueKind


def format_number(value: Any, decimals: int | None = None) -> str:
    """The grid is the official Vietnamese form: its numbers are written and read the Vietnamese
    way (7,5 and 2.000) in every interface language, as grid.js and the server parse them."""
    with translation.override("vi"):
        return _format_number(value, decimals)


COMPUTED_DECIMALS = 1
HISTORY_LIMIT = 300
KIND_ORDER = (ValueKind.ACTUAL, ValueKind.PRELIMINARY, ValueKind.ESTIMATE, ValueKind.PLAN)
KIND_SHORT = {ValueKind.ACTUAL: "TH", ValueKind.PRELIMINARY: "SB", ValueKind.ESTIMATE: "ƯTH",
              ValueKind.PLAN: "KH"}


def plain(value: Decimal | None) -> str:
    """A machine-readable number for the page script (``7.5``), or ``""``."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def display(cell: GridCell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    if cell.column.source == ColumnSource.COMPUTED:
        return format_number(cell.value, COMPUTED_DECIMALS)
    return format_number(cell.value)


def previous_values(grid: Grid) -> dict[tuple[int, str], str]:
    """(indicator id, period) → "TH 2024: 1.900" for the periods before the entered columns
    (from the values of record the grid read)."""
    periods = {previous_period(gc.period) for gc in grid.columns
               if gc.column.source == ColumnSource.ENTERED and gc.period}
    found: dict[tuple[int, str], dict[str, Decimal]] = {}
    for ind, period, kind, value in grid.record:
        if period in periods:
            found.setdefault((ind, period), {})[kind] = value
    result = {}
    for (ind, period), kinds in found.items():
        first = next((k for k in KIND_ORDER if k in kinds), None)
        if first is not None:
            result[(ind, period)] = f"{KIND_SHORT[first]} {period}: {format_number(kinds[first])}"
    return result


@dataclass
class CellView:
    key: str
    source: str
    raw: str = ""
    text: str = ""
    version: int = 0
    note: str = ""
    editable: bool = False
    previous: str = ""
    comments: list[str] = field(default_factory=list)


@dataclass
class RowView:
    pk: int
    number: str
    label: str
    indent: int
    unit: str
    required: bool
    is_heading: bool
    is_rate: bool = False
    cells: list[CellView] = field(default_factory=list)
    ref: str = ""
    answered: bool = True
    owners: str = ""  # who answers for a row the unit does not


def _cell_view(grid: Grid, row: Any, gc: Any, can_edit: bool, prev: dict, comments: dict) -> CellView:
    cell = grid.get(row, gc.column.key)
    view = CellView(key=gc.column.key, source=gc.column.source, raw=plain(cell.value if cell else None),
                    text=display(cell), editable=bool(can_edit and cell and cell.editable),
                    comments=comments.get((row.pk, gc.column.key), []))
    if cell is not None:
        view.version, view.note = cell.version, cell.note
    if gc.column.source == ColumnSource.ENTERED:
        view.previous = prev.get((row.indicator_id, previous_period(gc.period) or ""), "")
    return view


def grid_rows(grid: Grid, *, can_edit: bool, comments: list[Comment]) -> list[RowView]:
    prev = previous_values(grid)
    by_cell: dict[tuple[int, str], list[str]] = {}
    for c in comments:
        if c.row_id:
            key = c.column.key if c.column is not None else ""
            by_cell.setdefault((c.row_id, key), []).append(c.text)
    rows = []
    for row in grid.rows:
        view = RowView(pk=row.pk, number=row.number, label=row.label, indent=row.indent,
                       unit=row.indicator.unit if row.indicator is not None else "",
                       required=row.required, is_heading=row.is_heading, ref=grid.ref(row),
                       answered=grid.answers(row), is_rate=row.is_rate)
        if not view.answered and grid.duty is not None:
            view.owners = ", ".join(str(u) for u in grid.duty.owners_of(row))
        if not row.is_heading:
            row_comments = by_cell.get((row.pk, ""), [])
            view.cells = [_cell_view(grid, row, gc, can_edit, prev, by_cell) for gc in grid.columns]
            for cell in view.cells:
                cell.comments = row_comments + cell.comments
        rows.append(view)
    return rows


def row_cells_json(grid: Grid, row_ids: set[int]) -> dict[str, dict[str, Any]]:
    """The server's values of the given rows (entered and computed), for the page script."""
    result: dict[str, dict[str, Any]] = {}
    for row in grid.rows:
        if row.pk not in row_ids or row.is_heading:
            continue
        result[str(row.pk)] = {
            gc.column.key: {"raw": plain(cell.value), "text": display(cell),
                            "version": cell.version, "note": cell.note}
            for gc in grid.columns if (cell := grid.get(row, gc.column.key)) is not None
        }
    return result


def submission_history(submission: Submission, labels: dict[str, str],
                       refs: dict[int, str] | None = None, *,
                       texts: bool = True) -> list[dict[str, Any]]:
    """Transitions, cell changes and (``texts``) changes of the written part, newest first: who,
    when, what, comment."""
    status = dict(SubmissionStatus.choices)
    items = [{"at": e.at, "who": str(e.actor or _("hệ thống")), "kind": "event",
              "what": f"{status.get(e.from_status, e.from_status)} → "
                      f"{status.get(e.to_status, e.to_status)}",
              "comment": e.comment}
             for e in submission.events.select_related("actor")]
    revisions = (CellRevision.objects.filter(cell__submission=submission)
                 .select_related("cell__row", "cell__column", "changed_by")[:HISTORY_LIMIT])
    for r in revisions:
        where = _("Dòng %(n)s, %(c)s") % {"n": (refs or {}).get(r.cell.row_id, r.cell.row.number),
                                          "c": labels.get(r.cell.column.key, r.cell.column.key)}
        change = f"{format_number(r.old_value) or '∅'} → {format_number(r.new_value) or '∅'}"
        note = r.new_note if r.new_note != r.old_note else ""
        items.append({"at": r.changed_at, "who": str(r.changed_by or _("hệ thống")),
                      "kind": "cell", "what": f"{where}: {change}", "comment": note,
                      "source": r.source})
    changes = (SubmissionTextRevision.objects.filter(text__submission=submission)
               .select_related("text__section", "changed_by")[:HISTORY_LIMIT] if texts else [])
    for t in changes:
        items.append({"at": t.changed_at, "who": str(t.changed_by or _("hệ thống")),
                      "kind": "text", "source": t.source, "comment": "",
                      "what": _("Phần viết “%(t)s”: %(a)s → %(b)s từ") % {
                          "t": t.text.section.title, "a": word_count(t.old_text),
                          "b": word_count(t.new_text)}})
    return sorted(items, key=lambda i: i["at"], reverse=True)
