"""Word documents in the format of Decree 30/2020/NĐ-CP (Phụ lục I), written with python-docx.

Usage::

    from kehoach.documents.decree30 import Decree30Document, Heading, Signature

    doc = Decree30Document()
    doc.header(Heading(
        parent_body="ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", body="SỞ TÀI CHÍNH",
        number=number_symbol(56, "BC-STC"), place="Thái Nguyên", date=dt.date(2024, 1, 29)))
    doc.title("BÁO CÁO", "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2024")
    doc.basis(["Căn cứ Luật Quy hoạch ngày 24/11/2017", "Căn cứ ..."])
    doc.heading("I. KẾT QUẢ ĐẠT ĐƯỢC")
    doc.paragraph("Tốc độ tăng trưởng kinh tế đạt 7,5%.")
    doc.end_text()                                # appends "./." to the last paragraph
    doc.signature(Signature(authority="TM. ỦY BAN NHÂN DÂN", deputy="KT. CHỦ TỊCH",
                            title="PHÓ CHỦ TỊCH", name="Nguyễn Văn A"),
                  recipients=["Bộ Tài chính", "TT Tỉnh ủy", "Lưu: VT, TH"])
    doc.landscape_section()                       # an appendix with a wide table
    doc.table_title("Phụ lục I", "BIỂU TỔNG HỢP ...", unit_note="Đơn vị tính: tỷ đồng")
    doc.table(["STT", "Chỉ tiêu", "KH 2025"], rows, widths_cm=[1.2, 10, 3], numeric={2})
    data = doc.to_bytes()                         # or doc.save(path_or_stream)

A4 portrait (landscape sections for wide tables), margins 20/20/30/20 mm, Times New Roman 14 pt
body, page numbers centred in the top margin from page 2. Numbers in tables are formatted with
:func:`vn_number` (``1.234,5``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from kehoach.core.text import xml_text

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
NATIONAL_PT = 12
"""The quốc hiệu at 12 pt fits on one line of the right column; the tiêu ngữ is 1 pt larger."""
DATE_PT = 13
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
A4_SHORT, A4_LONG = Mm(210), Mm(297)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(20)}
FIRST_LINE_INDENT = Cm(1.27)
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange")


@dataclass(frozen=True)
class Heading:
    """The two-column header: issuing body (left) and national title, place and date (right)."""

    body: str
    number: str = ""
    place: str = ""
    date: dt.date | None = None
    parent_body: str = ""


@dataclass(frozen=True)
class Signature:
    """``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` and the signer's name."""

    title: str
    name: str = ""
    authority: str = ""
    deputy: str = ""


def number_symbol(number: int | str | None, symbol: str) -> str:
    """``number_symbol(5, "KH-UBND")`` → ``Số: 05/KH-UBND``; no number → ``Số:      /KH-UBND``."""
    if number in (None, ""):
        return f"Số:      /{symbol}"
    text = str(number)
    if text.isdigit() and int(text) < 10:
        text = f"{int(text):02d}"
    return f"Số: {text}/{symbol}"


def date_line(place: str, day: dt.date | None) -> str:
    """``Thái Nguyên, ngày 05 tháng 01 năm 2024`` (day below 10 and months 1–2 with a leading 0).

    Without a date the day and month are left blank for a hand-written date, as on drafts."""
    if day is None:
        return f"{place}, ngày      tháng      năm"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def vn_number(value: Any, decimals: int | None = None) -> str:
    """``Decimal('1234.5')`` → ``1.234,5``; ``decimals`` rounds; ``None`` → ``""``."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    text = f"{number:,f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _set_run_font(run: Any, size: float | None = None, bold: bool | None = None,
                  italic: bool | None = None) -> Any:
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    run._element.rPr.rFonts.set(qn("w:cs"), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    return run


def _border(paragraph: Paragraph, side: str = "bottom", size: int = 6) -> None:
    """A solid line on one side of the paragraph (its width follows the paragraph's indents)."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:  # schema order matters to Word: pBdr comes before shd, spacing, ind, jc
        borders = OxmlElement("w:pBdr")
        p_pr.insert_element_before(borders, *_AFTER_PBDR)
    line = OxmlElement(f"w:{side}")
    for key, val in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", "000000")):
        line.set(qn(f"w:{key}"), val)
    borders.append(line)


def _text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """A rough width of ``text`` in Times New Roman (for the lines under the header texts)."""
    em = 0.50 if bold else 0.46
    return len(text) * size_pt * em * 2.54 / 72


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                 "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _grid(table: Table, widths: Sequence[Length]) -> None:
    """Column widths in the table grid as well as in the cells: LibreOffice lays a table out from
    its grid (``w:gridCol``), Word from the cells."""
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        column.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _keep_together(table: Table) -> None:
    """The table on one page: its rows cannot split (``w:cantSplit``) and every paragraph but
    the last keeps with the next, so Word and LibreOffice move the block to the next page whole
    (the signature and ``Nơi nhận`` are never separated from each other)."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
                paragraph.paragraph_format.keep_together = True
    for cell in table.rows[-1].cells:
        cell.paragraphs[-1].paragraph_format.keep_with_next = False


def _page_number_field(paragraph: Paragraph) -> None:
    run = _set_run_font(paragraph.add_run(), size=BODY_PT - 1)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


class Decree30Document:
    """One administrative document. Methods add content in reading order."""

    def __init__(self, *, body_pt: int = BODY_PT, landscape: bool = False) -> None:
        """``landscape``: the whole document, from its first page (an appendix issued alone)."""
        self.body_pt = body_pt
        self.document = Document()
        self._last_body: Paragraph | None = None
        self._centred: set[int] = {0}
        self._right: set[int] = set()
        self._style_normal()
        self._setup_section(self.document.sections[0], landscape=landscape)
        self.document.sections[0].different_first_page_header_footer = True

    @classmethod
    def wrap(cls, document: Any, *, body_pt: int = BODY_PT) -> Decree30Document:
        """Continue an existing python-docx ``document`` (a rendered template) with this class's
        builders: its styles and sections are kept as they are."""
        self = cls.__new__(cls)
        self.body_pt, self.document = body_pt, document
        self._last_body, self._centred, self._right = None, {0}, set()
        return self

    # -- layout -------------------------------------------------------------------------------
    def _style_normal(self) -> None:
        style = self.document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(self.body_pt)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        style.paragraph_format.space_after = Pt(0)

    def _setup_section(self, section: Any, *, landscape: bool) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
        )
        for side, size in MARGINS.items():
            setattr(section, f"{side}_margin", size)
        section.header_distance = Mm(10)
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number_field(paragraph)

    @property
    def text_width(self) -> Length:
        section = self.document.sections[-1]
        width = int(section.page_width or A4_SHORT)
        return Length(width - int(section.left_margin or 0) - int(section.right_margin or 0))

    def landscape_section(self) -> None:
        """Start a new page in landscape (for wide tables); page numbers continue."""
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        self._setup_section(section, landscape=True)

    def portrait_section(self) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        self._setup_section(section, landscape=False)

    # -- small builders -----------------------------------------------------------------------
    def _para(self, container: Any, text: str = "", *, size: float | None = None,
              bold: bool = False, italic: bool = False,
              align: Any = WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:
        paragraph = container.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        if text:
            _set_run_font(paragraph.add_run(xml_text(text)), size or self.body_pt, bold, italic)
        return paragraph

    def _cell_para(self, cell: _Cell, text: str, **kwargs: Any) -> Paragraph:
        """The cell's first (empty) paragraph is used before new ones are added."""
        first = cell.paragraphs[0]
        if not first.runs and not first.text:
            kwargs.setdefault("align", WD_ALIGN_PARAGRAPH.CENTER)
            first.alignment = kwargs.pop("align")
            if text:
                _set_run_font(first.add_run(xml_text(text)), kwargs.get("size") or self.body_pt,
                              kwargs.get("bold", False), kwargs.get("italic", False))
            return first
        return self._para(cell, text, **kwargs)

    def _underline(self, cell: _Cell, cell_width_cm: float, line_cm: float) -> None:
        line = self._para(cell, size=4)
        indent = max(0.0, (cell_width_cm - line_cm) / 2)
        line.paragraph_format.left_indent = Cm(indent)
        line.paragraph_format.right_indent = Cm(indent)
        _border(line, "top")

    # -- the parts of a document --------------------------------------------------------------
    def header(self, heading: Heading) -> None:
        """The two-column header (issuing body | national title and motto), then the date line."""
        width_cm = self.text_width.cm
        left_cm, right_cm = width_cm * 0.4, width_cm * 0.6
        table = self.document.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _no_borders(table)
        left, right = table.rows[0].cells
        _grid(table, [Cm(left_cm), Cm(right_cm)])
        if heading.parent_body:
            self._cell_para(left, heading.parent_body.upper(), size=HEADER_PT)
        body = heading.body.upper()
        self._cell_para(left, body, size=HEADER_PT, bold=True)
        self._underline(left, left_cm, min(left_cm * 0.4, _text_width_cm(body, HEADER_PT, True)))
        if heading.number:
            self._cell_para(left, heading.number, size=HEADER_PT)
        self._cell_para(right, NATIONAL_TITLE, size=NATIONAL_PT, bold=True)
        self._cell_para(right, MOTTO, size=NATIONAL_PT + 1, bold=True)
        self._underline(right, right_cm, _text_width_cm(MOTTO, NATIONAL_PT + 1, True))
        if heading.place:
            line = self._cell_para(right, date_line(heading.place, heading.date), size=DATE_PT,
                                   italic=True)
            line.paragraph_format.space_before = Pt(6)

    def title(self, kind: str, subject: str = "") -> None:
        """``KẾ HOẠCH`` (capitals, bold, centred) and the subject line under it (bold)."""
        paragraph = self._para(self.document, kind.upper(), bold=True)
        paragraph.paragraph_format.space_before = Pt(18)
        if subject:
            self._para(self.document, subject, bold=True)
        self.title_rule()

    def title_rule(self) -> None:
        """The short centred rule (4 cm) under the title."""
        rule = self._para(self.document, size=4)
        indent = (self.text_width.cm - 4) / 2
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Cm(indent)
        _border(rule, "bottom")
        rule.paragraph_format.space_after = Pt(12)

    def basis(self, lines: Sequence[str]) -> None:
        """``Căn cứ …`` lines in italic: each ends with ``;``, the last with ``.``."""
        cleaned = [line.strip().rstrip(";.") for line in lines if line.strip()]
        for index, line in enumerate(cleaned):
            end = "." if index == len(cleaned) - 1 else ";"
            self.paragraph(line + end, italic=True)

    def heading(self, text: str, *, level: int = 1) -> Paragraph:
        """A heading of the body (``I.``, ``1.``, ``a)``): bold, levels 1 and 2; italic from 3."""
        paragraph = self.paragraph(text, bold=level <= 2, italic=level >= 3)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False,
                  indent: bool = True, align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY) -> Paragraph:
        """A body paragraph: justified, first-line indent 1,27 cm, 6 pt after, line spacing 1,15."""
        paragraph = self._para(self.document, text, bold=bold, italic=italic, align=align)
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = FIRST_LINE_INDENT if indent else None
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.15
        self._last_body = paragraph
        return paragraph

    def end_text(self) -> None:
        """Close the text with ``./.`` appended to the last body paragraph."""
        last = self._last_body
        if last is None:
            last = self.paragraph("")
        if not last.text.rstrip().endswith("./."):
            text = last.text.rstrip()
            suffix = "/." if text.endswith(".") else "./."
            _set_run_font(last.add_run(suffix), self.body_pt)

    def signature(self, signature: Signature, recipients: Sequence[str] = ()) -> None:
        """``Nơi nhận`` (bottom left, 12 pt bold italic, list 11 pt) and the signature block."""
        table = self.document.add_table(rows=1, cols=2)
        table.autofit = False
        _no_borders(table)
        left, right = table.rows[0].cells
        width = self.text_width.cm
        _grid(table, [Cm(width * 0.5), Cm(width * 0.5)])
        if recipients:
            self._recipients(left, recipients)
        for line in (signature.authority, signature.deputy, signature.title):
            if line:
                self._cell_para(right, line.upper(), bold=True)
        for _ in range(4):
            self._para(right)
        if signature.name:
            self._cell_para(right, signature.name, bold=True)
        _keep_together(table)

    def _recipients(self, cell: _Cell, recipients: Sequence[str]) -> None:
        self._cell_para(cell, "Nơi nhận:", size=12, bold=True, italic=True,
                        align=WD_ALIGN_PARAGRAPH.LEFT)
        items = [r.strip().lstrip("-").strip().rstrip(";.") for r in recipients if r.strip()]
        for index, item in enumerate(items):
            end = "." if index == len(items) - 1 else ";"
            self._para(cell, f"- {item}{end}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)

    # -- tables ---------------------------------------------------------------------------------
    def table_title(self, label: str, title: str, *, subtitle: str = "",
                    unit_note: str = "") -> None:
        """An appendix table's label (``Phụ lục I``), title, subtitle and unit of measure."""
        if label:
            self._para(self.document, label, bold=True)
        self._para(self.document, title.upper(), bold=True)
        if subtitle:
            self._para(self.document, subtitle, italic=True)
        if unit_note:
            self._para(self.document, unit_note, size=12, italic=True,
                       align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._para(self.document, size=6)

    def table(self, header: Sequence[str], rows: Iterable[Sequence[Any]], *,
              widths_cm: Sequence[float] | None = None, numeric: Iterable[int] = (),
              decimals: int | None = None, size: float = 12,
              centred: Iterable[int] = (0,), right: Iterable[int] = (),
              bold_rows: Iterable[int] = ()) -> Table:
        """A bordered table: bold header repeated on every page, then ``rows``.

        Cells in ``numeric`` columns (0-based) are right-aligned and formatted with
        :func:`vn_number`; ``centred`` columns (the STT column by default) are centred; ``right``
        columns are right-aligned text (numbers formatted by the caller); other cells are text,
        left-aligned, ``\\n`` starting a new line (``None`` → empty). ``bold_rows`` are 0-based
        indexes into ``rows`` (group rows such as ``I``) written in bold."""
        numeric = set(numeric)
        self._centred = set(centred)
        self._right = set(right)
        bold = set(bold_rows)
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = widths_cm is None
        _repeat_header(table.rows[0])
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self._cell_para(cell, text, size=size, bold=True)
        for index, values in enumerate(rows):
            self._table_row(table, values, numeric, decimals, size, bold=index in bold)
        if widths_cm:
            _grid(table, [Cm(width) for width in widths_cm])
        return table

    def _table_row(self, table: Table, values: Sequence[Any], numeric: set[int],
                   decimals: int | None, size: float, *, bold: bool = False) -> None:
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=False)):
            if index in numeric and isinstance(value, int | float | Decimal):
                self._cell_para(cell, vn_number(value, decimals), size=size, bold=bold,
                                align=WD_ALIGN_PARAGRAPH.RIGHT)
                continue
            lines = "" if value is None else str(value)
            align = (WD_ALIGN_PARAGRAPH.CENTER if index in self._centred
                     else WD_ALIGN_PARAGRAPH.RIGHT if index in self._right
                     else WD_ALIGN_PARAGRAPH.LEFT)
            for number, line in enumerate(lines.split("\n")):
                if number == 0:
                    self._cell_para(cell, line, size=size, align=align, bold=bold)
                else:
                    self._para(cell, line, size=size, align=align, bold=bold)

    # -- output ---------------------------------------------------------------------------------
    def save(self, target: str | Path | IO[bytes]) -> None:
        self.document.save(target if not isinstance(target, Path) else str(target))

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
