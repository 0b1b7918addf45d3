"""The built-in Word templates (docxtpl) of the documents kehoach issues, in the Decree 30
layout: the letterhead, title and signature block are shared; each kind has its own opening and
closing wording around ``{{p noi_dung }}`` (the generated body). ``template.KINDS`` names them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from kehoach.documents.decree30 import (
    HEADER_PT,
    MOTTO,
    NATIONAL_PT,
    NATIONAL_TITLE,
    Decree30Document,
    _grid,
    _keep_together,
    _no_borders,
)


def _line(doc: Decree30Document, cell: Any, text: str, **kwargs: Any) -> Any:
    return doc._cell_para(cell, text, **kwargs)


def header(doc: Decree30Document) -> None:
    """Issuing body and số ký hiệu | national title, motto and the date line."""
    width = doc.text_width.cm
    table = doc.document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    _grid(table, [Cm(width * 0.4), Cm(width * 0.6)])
    _line(doc, left, "{%p if co_quan_chu_quan %}", size=HEADER_PT)
    _line(doc, left, "{{ co_quan_chu_quan }}", size=HEADER_PT)
    _line(doc, left, "{%p endif %}", size=HEADER_PT)
    _line(doc, left, "{{ co_quan_ban_hanh }}", size=HEADER_PT, bold=True)
    doc._underline(left, width * 0.4, 2.6)
    _line(doc, left, "{{ so_ky_hieu }}", size=HEADER_PT)
    _line(doc, right, NATIONAL_TITLE, size=NATIONAL_PT, bold=True)
    _line(doc, right, MOTTO, size=NATIONAL_PT + 1, bold=True)
    doc._underline(right, width * 0.6, 6.1)
    _line(
        doc, right, "{{ dia_danh_ngay }}", size=13, italic=True
    ).paragraph_format.space_before = Pt(6)


def title(doc: Decree30Document, subject: str) -> None:
    """``{{ ten_loai }}`` and the subject line under it, then the short rule."""
    kind = doc._para(doc.document, "{{ ten_loai }}", bold=True)
    kind.paragraph_format.space_before = Pt(18)
    doc._para(doc.document, subject, bold=True)
    doc.title_rule()


def signature(doc: Decree30Document) -> None:
    """Nơi nhận (left) and TM./KT./title, four blank lines and the signer's name (right)."""
    table = doc.document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    _grid(table, [Cm(doc.text_width.cm * 0.5)] * 2)
    leftish = WD_ALIGN_PARAGRAPH.LEFT
    _line(doc, left, "Nơi nhận:", size=12, bold=True, italic=True, align=leftish)
    doc._para(left, "{%p for r in noi_nhan %}", size=11, align=leftish)
    doc._para(left, "- {{ r }}{{ '.' if loop.last else ';' }}", size=11, align=leftish)
    doc._para(left, "{%p endfor %}", size=11, align=leftish)
    _line(doc, right, "{%p if tm %}", bold=True)  # the cell's first paragraph
    doc._para(right, "{{ tm }}", bold=True)
    doc._para(right, "{%p endif %}", bold=True)
    doc._para(right, "{%p if kt %}", bold=True)
    doc._para(right, "{{ kt }}", bold=True)
    doc._para(right, "{%p endif %}", bold=True)
    doc._para(right, "{{ chuc_vu }}", bold=True)
    for _blank in range(4):
        doc._para(right)
    doc._para(right, "{{ nguoi_ky }}", bold=True)
    _keep_together(table)


def _closing(doc: Decree30Document, text: str) -> None:
    """The last sentence, kept on the page of the signature block."""
    doc.paragraph(text).paragraph_format.keep_with_next = True


def report(doc: Decree30Document) -> None:
    header(doc)
    title(doc, "{{ trich_yeu }}")
    doc.paragraph(
        _(
            "Thực hiện {{ van_ban_thuc_hien }}; trên cơ sở báo cáo của các cơ quan, đơn "
            "vị, {{ co_quan }} báo cáo {{ trich_yeu_thuong }} như sau:"
        )
    )
    doc._para(doc.document, "{{p noi_dung }}")
    _closing(
        doc,
        _(
            "Trên đây là báo cáo {{ trich_yeu_thuong }} của {{ co_quan }}. Chi "
            "tiết kết quả thực hiện từng chỉ tiêu tại Phụ lục kèm theo./."
        ),
    )
    signature(doc)


def synthesis(doc: Decree30Document) -> None:
    header(doc)
    title(doc, _("Dự thảo: {{ du_thao }}"))
    doc._para(doc.document, "{{p noi_dung }}")
    _closing(doc, _("Chi tiết tại bảng tổng hợp kèm theo./."))
    signature(doc)


def plan_document(doc: Decree30Document) -> None:
    mark = doc._para(doc.document, "{%p if du_thao %}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc._para(doc.document, _("DỰ THẢO"), size=13, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc._para(doc.document, "{%p endif %}", align=mark.alignment)
    header(doc)
    title(doc, "{{ trich_yeu }}")
    _basis(doc)
    doc.paragraph(
        _("{{ co_quan }} xây dựng Kế hoạch {{ trich_yeu_thuong }} với các nội dung sau:")
    )
    doc._para(doc.document, "{{p noi_dung }}")
    signature(doc)


def _basis(doc: Decree30Document) -> None:
    """The ``can_cu`` lines in italic, each ending with ``;``, the last with ``.``."""
    doc._para(doc.document, "{%p for line in can_cu %}")
    doc.paragraph("{{ line }}{{ '.' if loop.last else ';' }}", italic=True)
    doc._para(doc.document, "{%p endfor %}")


def assignment(doc: Decree30Document) -> None:
    """The decision itself is all wording: no generated body; its appendix table follows."""
    header(doc)
    title(doc, "{{ trich_yeu }}")
    centre = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraph("{{ co_quan|upper }}", bold=True, indent=False, align=centre)
    _basis(doc)
    doc.paragraph(_("QUYẾT ĐỊNH:"), bold=True, indent=False, align=centre)
    doc.paragraph(
        _(
            "Điều 1. Giao chỉ tiêu {{ ke_hoach_thuong }} cho các cơ quan, đơn vị, địa phương "
            "(chi tiết tại Phụ lục kèm theo)."
        )
    )
    _closing(
        doc,
        _(
            "Điều 2. Thủ trưởng các cơ quan, đơn vị, địa phương được giao chỉ tiêu chịu trách "
            "nhiệm tổ chức thực hiện và báo cáo kết quả theo quy định./."
        ),
    )
    signature(doc)


def programme(doc: Decree30Document) -> None:
    """An attachment of the action programme (landscape): letterhead, ``Phụ lục``, its title and
    what it is attached to, then the generated tables. It travels with the programme, which is
    signed: no signature block, no Nơi nhận."""
    header(doc)
    doc._para(doc.document, _("Phụ lục"), bold=True)
    doc._para(doc.document, "{{ ten_phu_luc }}", bold=True)
    doc._para(
        doc.document,
        _(
            "(Kèm theo {{ ke_hoach_thuong }}{% if so_van_ban %} số {{ so_van_ban }}{% endif %} "
            "của {{ co_quan }})"
        ),
        italic=True,
    )
    doc._para(doc.document, size=6)
    doc._para(doc.document, "{{p noi_dung }}")
