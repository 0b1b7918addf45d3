"""The shape of an appendix table (Biểu số 01 … 04) before it is written to Word or Excel.

A cell is text, ``None`` (empty) or a :class:`Number`: a value already rounded to what the table
shows, with its decimals and, for a difference of two rates, the word ``điểm``. Ratios are
computed here from the rounded values of the same row (:func:`ratio`, :func:`points`), so what a
reader can recompute from the row is what the row says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kehoach.documents.decree30 import vn_number

#: Indicators measured in % (a rate, a share, a growth rate): a comparison of two of them is a
#: difference in percentage points, never one rate divided by another.
PERCENT_KINDS = ("rate", "share", "growth")
RATIO_DECIMALS = 1
#: Rows of a table: a group (``I``), an item (``1``), a sub-item (``1.1``), a total.
GROUP, ITEM, SUB, TOTAL = "group", "item", "sub", "total"


@dataclass(frozen=True)
class Number:
    """A number as the table shows it (``value`` already rounded to ``decimals``)."""

    value: Decimal
    decimals: int
    points: bool = False
    """A difference of two rates: shown ``+0,5 điểm`` (signed)."""

    def text(self) -> str:
        """``1.234,5``; ``+0,5 điểm`` / ``-1,2 điểm`` for points."""
        body = vn_number(abs(self.value) if self.points else self.value)
        if not self.points:
            return body
        sign = "+" if self.value > 0 else "-" if self.value < 0 else ""
        return f"{sign}{body}\u00a0điểm"  # kept on one line

    def excel_format(self) -> str:
        """The cell's number format: the decimals shown, ``điểm`` for points."""
        body = "#,##0" if self.decimals <= 0 else "#,##0." + "0" * self.decimals
        if self.points:
            return f'+{body}" điểm";-{body}" điểm";0" điểm"'
        return body


Cell = str | Number | None


@dataclass
class AppendixRow:
    cells: list[Cell]
    kind: str = ITEM

    @property
    def bold(self) -> bool:
        return self.kind in (GROUP, TOTAL)


@dataclass
class AppendixTable:
    """One Biểu: label, title, the document it is attached to, header, rows and footnotes.

    ``header`` rows may hold :data:`kehoach.documents.xlsx.MERGE_LEFT` / ``MERGE_UP``; the last
    header row is the column numbering (``A``, ``B``, ``1``, ``2``, ``(5)=(3)/(2)``)."""

    key: str
    label: str
    title: str
    subtitle: str
    header: list[list[Any]]
    rows: list[AppendixRow]
    widths: list[float]
    """Column widths in Excel characters; the .docx scales them to the page."""
    unit_note: str = ""
    footnotes: list[str] = field(default_factory=list)
    text_columns: tuple[int, ...] = (1,)
    """Columns of running text (left aligned, wrapped); the others are centred or numbers."""

    @property
    def width(self) -> int:
        return len(self.widths)


def shown(value: Any, decimals: int) -> Decimal | None:
    """``value`` rounded half up to ``decimals`` as the table shows it (None stays None)."""
    if value is None:
        return None
    number = Decimal(str(value))
    if not number.is_finite():
        return None
    return number.quantize(Decimal(1).scaleb(-max(decimals, 0)), rounding=ROUND_HALF_UP)


def number(value: Any, decimals: int) -> Number | None:
    rounded = shown(value, decimals)
    return None if rounded is None else Number(rounded, max(decimals, 0))


def ratio(top: Number | None, bottom: Number | None) -> Number | None:
    """``top / bottom × 100`` to one decimal, from the numbers shown; None when either is
    missing or the bottom is not positive."""
    if top is None or bottom is None or bottom.value <= 0:
        return None
    return number(top.value * 100 / bottom.value, RATIO_DECIMALS)


def points(top: Number | None, bottom: Number | None) -> Number | None:
    """``top − bottom`` in percentage points, from the numbers shown."""
    if top is None or bottom is None:
        return None
    decimals = max(top.decimals, bottom.decimals)
    return Number(top.value - bottom.value, decimals, points=True)


def compare(top: Number | None, bottom: Number | None, *, in_points: bool) -> Number | None:
    """The comparison of a row: points for rates, a ratio for everything else."""
    return points(top, bottom) if in_points else ratio(top, bottom)


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    return cell.text() if isinstance(cell, Number) else str(cell)
