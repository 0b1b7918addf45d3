"""The report as a Word document in the Decree 30 format, with its landscape appendix."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.text import xml_text
from kehoach.documents.decree30 import Decree30Document, date_line, vn_number
from kehoach.documents.selectors import document_template_stored

from . import template
from .body import annual_sections, document_reference
from .body import subject as subject
from .content import PlanReport, ReportRow
from .issuer import Issuer, issuer_for

APPENDIX_WIDTHS_CM = (1.1, 5.0, 1.7, 3.8, 2.2, 2.4, 1.9, 2.2, 4.4)


def appendix_title(year: int) -> str:
    return _("Kết quả thực hiện các chỉ tiêu chủ yếu năm %(y)s") % {"y": year}


def appendix_note(issuer: Issuer) -> str:
    """``(Kèm theo Báo cáo số      /BC-UBND ngày … của …)``."""
    number = issuer.heading.number.removeprefix("Số:").rstrip()
    day = issuer.heading.date
    when = day.strftime("%d/%m/%Y") if day else _("     tháng      năm     ")
    return _("(Kèm theo Báo cáo số%(n)s ngày %(d)s của %(b)s)") % {
        "n": number,
        "d": when,
        "b": issuer.name,
    }


def appendix_header(year: int) -> list[str]:
    return [
        _("STT"),
        _("Chỉ tiêu"),
        _("Đơn vị tính"),
        _("Kế hoạch"),
        _("Thực hiện năm %(y)s") % {"y": year - 1},
        _("Thực hiện/ước thực hiện năm %(y)s") % {"y": year},
        _("% so kế hoạch"),
        _("So cùng kỳ"),
        _("Đánh giá"),
    ]


def change_text(row: ReportRow) -> str:
    if row.change is None:
        return ""
    if row.change_in_points:
        sign = "+" if row.change > 0 else ""
        return f"{sign}{vn_number(row.change)} {_('điểm %')}"
    return f"{vn_number(row.change)}%"


def _appendix_rows(report: PlanReport) -> tuple[list[list[Any]], list[int]]:
    rows: list[list[Any]] = []
    bold: list[int] = []
    for group in report.groups:
        bold.append(len(rows))
        rows.append([group.number, group.label.upper(), "", "", "", "", "", "", ""])
        for row in group.rows:
            current = vn_number(row.current) + (
                " " + _("(ước)") if row.current_estimate and row.current is not None else ""
            )
            rows.append(
                [
                    row.number,
                    row.name,
                    row.measure,
                    row.plan_text,
                    vn_number(row.previous),
                    current,
                    "" if row.percent is None else f"{vn_number(row.percent)}%",
                    change_text(row),
                    row.assessment,
                ]
            )
    return rows, bold


def _appendix(doc: Decree30Document, report: PlanReport, issuer: Issuer) -> None:
    doc.landscape_section()
    doc.table_title(_("Phụ lục"), appendix_title(report.year), subtitle=appendix_note(issuer))
    rows, bold = _appendix_rows(report)
    table = doc.table(
        appendix_header(report.year),
        rows,
        widths_cm=APPENDIX_WIDTHS_CM,
        right=(4, 5, 6, 7),
        centred=(0, 2),
        bold_rows=bold,
        size=11,
    )
    for index in bold:
        cells = table.rows[index + 1].cells
        cells[1].merge(cells[-1])


def report_issuer(report: PlanReport) -> Issuer:
    """The issuer valid on the report's date, with the number the office set."""
    issuer = issuer_for(report.reporting_unit, date=report.date)
    heading = replace(issuer.heading, number=report.options.number_line(issuer))
    return replace(issuer, heading=heading)


def _properties(doc: Decree30Document, report: PlanReport, issuer: Issuer) -> None:
    """Author, title, subject and dates true to the document (python-docx's template says 2013)."""
    props = doc.document.core_properties
    now = timezone.now().replace(microsecond=0)
    props.author = props.last_modified_by = xml_text(issuer.name)[:255]
    props.title = xml_text(f"{_('Báo cáo')} {subject(report)}")[:255]
    props.subject = xml_text(report.plan.name)[:255]
    props.keywords = xml_text(f"{report.plan.code}; {report.year}")[:255]
    props.comments = ""
    props.category = _("Báo cáo")
    props.language = "vi-VN"
    props.created = props.modified = now
    props.revision = 1


def template_context(report: PlanReport, issuer: Issuer) -> dict[str, Any]:
    """The values of the template's fields (see ``reports.template``)."""
    heading = issuer.heading
    signature = report.options.signature(issuer)
    title = subject(report)
    return {
        "co_quan_chu_quan": heading.parent_body.upper(), "co_quan_ban_hanh": heading.body.upper(),
        "so_ky_hieu": heading.number, "dia_danh_ngay": date_line(heading.place, heading.date),
        "ten_loai": _("BÁO CÁO"), "trich_yeu": title,
        "trich_yeu_thuong": title[:1].lower() + title[1:], "co_quan": issuer.name,
        "van_ban_thuc_hien": document_reference(report), "nam": report.year,
        "nam_sau": report.year + 1, "tm": signature.authority.upper(),
        "kt": signature.deputy.upper(), "chuc_vu": signature.title.upper(),
        "nguoi_ky": signature.name,
        "noi_nhan": [r.strip().lstrip("-").strip().rstrip(";.")
                     for r in report.options.recipient_list(issuer) if r.strip()],
    }


def report_docx(report: PlanReport) -> bytes:
    """The report (portrait: the province's template around sections I–IV) and the appendix
    table (landscape) as a .docx."""
    issuer = report_issuer(report)
    body = Decree30Document()
    annual_sections(body, report)
    data = document_template_stored(kind="report") or template.default_template()
    document = template.render(data, template_context(report, issuer), body.to_bytes())
    doc = Decree30Document.wrap(document)
    _appendix(doc, report, issuer)
    _properties(doc, report, issuer)
    return doc.to_bytes()
