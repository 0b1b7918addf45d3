"""The appendix tables as landscape sections of a Decree 30 Word document.

Each table starts a landscape page: label (``Biểu số 01``, right), title, the document it is
attached to, the unit of measure, then a bordered table whose header rows (merged as in the
official forms) repeat on every page and whose rows never split across pages; footnotes under
it. Numbers are right-aligned in the Vietnamese format (``1.234,5``; ``+0,3 điểm``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

from kehoach.core.text import xml_text
from kehoach.documents.decree30 import Decree30Document, _grid, _repeat_header, _set_run_font
from kehoach.documents.xlsx import MERGE_LEFT, MERGE_UP

from .appendix_model import AppendixRow, AppendixTable, Number, cell_text

TABLE_PT = 10.5
HEADER_PT = 10.5


def _cant_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    tr_pr.insert(0, el)


def _narrow_margins(table: Table, twips: int = 40) -> None:
    """Cell margins of 0,07 cm left and right: the numbers of a landscape table fit their
    columns without wrapping."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def _write(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.LEFT,
    size: float = TABLE_PT,
) -> None:
    lines = text.split("\n") if text else [""]
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        if line:
            _set_run_font(paragraph.add_run(xml_text(line)), size, bold, italic)


def _header(table: Table, header: Sequence[Sequence[Any]]) -> None:
    for r, values in enumerate(header):
        row = table.rows[r]
        _repeat_header(row)
        _cant_split(row)
        for c, value in enumerate(values):
            if value is MERGE_LEFT or value is MERGE_UP:
                continue
            right, down = c, r
            while right + 1 < len(values) and values[right + 1] is MERGE_LEFT:
                right += 1
            while down + 1 < len(header) and header[down + 1][c] is MERGE_UP:
                down += 1
            cell = table.cell(r, c)
            if right != c or down != r:
                cell = cell.merge(table.cell(down, right))
            numbering = r == len(header) - 1
            _write(
                cell,
                str(value),
                bold=not numbering,
                italic=numbering,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                size=HEADER_PT,
            )


def _row(table: Table, appendix: AppendixTable, row: AppendixRow) -> None:
    added = table.add_row()
    _cant_split(added)
    cells = added.cells
    for index, value in enumerate(row.cells):
        if isinstance(value, Number):
            align = WD_ALIGN_PARAGRAPH.RIGHT
        elif index in appendix.text_columns:
            align = WD_ALIGN_PARAGRAPH.LEFT
        else:
            align = WD_ALIGN_PARAGRAPH.CENTER
        _write(cells[index], cell_text(value), bold=row.bold, align=align)


def _footnotes(doc: Decree30Document, table: Table, footnotes: Sequence[str]) -> None:
    """``Ghi chú:`` and the footnotes, kept on the page of the table's last row (never left
    alone on a page of their own)."""
    for cell in table.rows[-1].cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    note = doc.document.add_paragraph()
    note.paragraph_format.space_before = Pt(6)
    note.paragraph_format.keep_with_next = True
    _set_run_font(note.add_run(_("Ghi chú:")), TABLE_PT, True, True)
    for index, line in enumerate(footnotes):
        paragraph = doc.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.keep_with_next = index < len(footnotes) - 1
        _set_run_font(paragraph.add_run(xml_text(f"- {line}")), TABLE_PT, False, True)


def add_table(doc: Decree30Document, appendix: AppendixTable) -> Table:
    """One Biểu on a new landscape page of ``doc``."""
    doc.landscape_section()
    label = doc.document.add_paragraph()
    label.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _set_run_font(label.add_run(appendix.label), 13, True)
    doc.table_title("", appendix.title, subtitle=appendix.subtitle, unit_note=appendix.unit_note)
    table = doc.document.add_table(rows=len(appendix.header), cols=appendix.width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _narrow_margins(table)
    _header(table, appendix.header)
    for row in appendix.rows:
        _row(table, appendix, row)
    total = sum(appendix.widths)
    width_cm = doc.text_width.cm
    _grid(table, [Cm(width_cm * w / total) for w in appendix.widths])
    if appendix.footnotes:
        _footnotes(doc, table, appendix.footnotes)
    return table


def appendices_add_to_docx(document: Decree30Document, tables: Sequence[AppendixTable]) -> None:
    """Append ``tables`` (from ``appendix_tables``) to ``document``, each on its own landscape
    section, after whatever the document holds (call it after the signature block)."""
    for appendix in tables:
        add_table(document, appendix)
