"""The report's Word template (docxtpl): letterhead, title, opening and closing sentences,
signature block and Nơi nhận, with the generated body (sections I–IV, tables, charts) put in
where the template says ``{{p noi_dung }}``.

The built-in template is written by :func:`default_template`; the planning office can download
it, change the wording in Word (keeping the ``{{ … }}`` fields it needs) and upload it back
(``documents.services.document_template_upload``), or go back to the built-in one.

Fields a template can use (all plain text, already in capitals where the format wants them):
``co_quan_chu_quan``, ``co_quan_ban_hanh``, ``so_ky_hieu``, ``dia_danh_ngay``, ``ten_loai``,
``trich_yeu``, ``trich_yeu_thuong`` (lower-case start, for running text), ``co_quan`` (the issuing
body in running text), ``van_ban_thuc_hien`` (the plan the report answers), ``nam``,
``nam_sau``, ``tm``, ``kt``, ``chuc_vu``, ``nguoi_ky``, ``noi_nhan`` (a list), ``noi_dung`` (the
body, as ``{{p noi_dung }}`` alone in its paragraph)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from kehoach.core.text import xml_text
from kehoach.documents.decree30 import (
    HEADER_PT,
    MOTTO,
    NATIONAL_PT,
    NATIONAL_TITLE,
    Decree30Document,
    _border,
    _grid,
    _keep_together,
    _no_borders,
    date_line,
)

FIELDS = (
    "co_quan_chu_quan",
    "co_quan_ban_hanh",
    "so_ky_hieu",
    "dia_danh_ngay",
    "ten_loai",
    "trich_yeu",
    "trich_yeu_thuong",
    "co_quan",
    "van_ban_thuc_hien",
    "nam",
    "nam_sau",
    "tm",
    "kt",
    "chuc_vu",
    "nguoi_ky",
    "noi_nhan",
    "noi_dung",
)


class TemplateUnusable(ValueError):
    """The template cannot be rendered; the message says why, in Vietnamese."""


def _line(doc: Decree30Document, cell: Any, text: str, **kwargs: Any) -> Any:
    return doc._cell_para(cell, text, **kwargs)


def _header(doc: Decree30Document) -> None:
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


def _signature(doc: Decree30Document) -> None:
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


def default_template() -> bytes:
    """The built-in report template (the Decree 30 layout the generator writes)."""
    doc = Decree30Document()
    _header(doc)
    kind = doc._para(doc.document, "{{ ten_loai }}", bold=True)
    kind.paragraph_format.space_before = Pt(18)
    doc._para(doc.document, "{{ trich_yeu }}", bold=True)
    rule = doc._para(doc.document, size=4)
    indent = (doc.text_width.cm - 4) / 2
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Cm(indent)
    _border(rule, "bottom")
    rule.paragraph_format.space_after = Pt(12)
    doc.paragraph(
        _(
            "Thực hiện {{ van_ban_thuc_hien }}; trên cơ sở báo cáo của các cơ quan, đơn "
            "vị, {{ co_quan }} báo cáo {{ trich_yeu_thuong }} như sau:"
        )
    )
    doc._para(doc.document, "{{p noi_dung }}")
    closing = doc.paragraph(
        _(
            "Trên đây là báo cáo {{ trich_yeu_thuong }} của {{ co_quan }}. Chi "
            "tiết kết quả thực hiện từng chỉ tiêu tại Phụ lục kèm theo./."
        )
    )
    closing.paragraph_format.keep_with_next = True
    _signature(doc)
    return doc.to_bytes()


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def render(data: bytes, context: dict[str, Any], body: bytes | None) -> Any:
    """The python-docx Document of the template filled with ``context`` and the ``body``
    (.docx bytes). Raises :class:`TemplateUnusable` with the reason."""
    try:
        template = DocxTemplate(io.BytesIO(data))
        values = {k: _clean(v) for k, v in context.items()}
        values["noi_dung"] = template.new_subdoc(io.BytesIO(body)) if body else ""
        environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
        template.render(values, jinja_env=environment, autoescape=True)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = _(" (gần dòng %(n)s của phần văn bản)") % {"n": line} if line else ""
        raise TemplateUnusable(
            _("Mẫu có trường hoặc lệnh không hợp lệ%(w)s: %(e)s")
            % {"w": where, "e": exc.message or exc}
        ) from exc
    except Exception as exc:  # a broken .docx: zip, XML, missing parts
        raise TemplateUnusable(
            _("Không đọc được tệp mẫu Word (.docx): %(e)s") % {"e": str(exc)[:200]}
        ) from exc
    buffer = io.BytesIO()
    template.save(buffer)
    return Document(io.BytesIO(buffer.getvalue()))


def sample_context() -> dict[str, Any]:
    """Values to try a template with before it is accepted."""
    return {
        "co_quan_chu_quan": "",
        "co_quan_ban_hanh": "ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN",
        "so_ky_hieu": "Số:      /BC-UBND",
        "dia_danh_ngay": date_line("Thái Nguyên", dt.date.today()),
        "ten_loai": "BÁO CÁO",
        "trich_yeu": "Tình hình thực hiện kế hoạch năm 2025",
        "trich_yeu_thuong": "tình hình thực hiện kế hoạch năm 2025",
        "co_quan": "Ủy ban nhân dân tỉnh Thái Nguyên",
        "van_ban_thuc_hien": "Kế hoạch năm 2025",
        "nam": 2025,
        "nam_sau": 2026,
        "tm": "TM. ỦY BAN NHÂN DÂN",
        "kt": "KT. CHỦ TỊCH",
        "chuc_vu": "PHÓ CHỦ TỊCH",
        "nguoi_ky": "Nguyễn Văn A",
        "noi_nhan": ["Bộ Tài chính (b/c)", "Lưu: VT, TH"],
    }


def check(data: bytes) -> None:
    """Accept a template only if it renders with sample values and still has the body field."""
    if not data.startswith(b"PK"):
        raise TemplateUnusable(_("Tệp không phải là tài liệu Word (.docx)."))
    marker = "NOI-DUNG-BAO-CAO-0f3a"
    body = Decree30Document()
    body.paragraph(marker)
    rendered = render(data, sample_context(), body.to_bytes())
    if not any(marker in p.text for p in rendered.paragraphs):
        raise TemplateUnusable(
            _("Mẫu phải giữ trường {{p noi_dung }} (một đoạn riêng) để chèn nội dung báo cáo.")
        )
