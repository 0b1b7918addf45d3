"""The report as a Word document in the Decree 30 format (the province's template around the
generated sections I–IV), with its landscape appendices Biểu số 01 … 04."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.models import AnyUser
from kehoach.core.text import xml_text
from kehoach.documents.decree30 import Decree30Document, date_line
from kehoach.evaluation.services import PlanEvaluation

from . import template
from .appendices import appendices_add_to_docx, appendix_tables
from .body import annual_sections, document_reference
from .body import subject as subject
from .content import PlanReport
from .issuer import Issuer, issuer_for

APPENDIX_WIDTHS_CM = (1.1, 5.0, 1.7, 3.8, 2.2, 2.4, 1.9, 2.2, 4.4)


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


def report_issuer(report: PlanReport) -> Issuer:
    """The issuer valid on the report's date, with the number the office set."""
    issuer = issuer_for(report.reporting_unit, date=report.date)
    heading = replace(issuer.heading, number=report.options.number_line(issuer.symbol))
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
    title = subject(report)
    return {
        **template.letterhead(
            issuer.heading,
            report.options.signature(issuer.signature),
            report.options.recipient_list(issuer.recipients),
        ),
        "dia_danh_ngay": date_line(issuer.heading.place, issuer.heading.date),
        "ten_loai": _("BÁO CÁO"),
        "trich_yeu": title,
        "trich_yeu_thuong": title[:1].lower() + title[1:],
        "co_quan": issuer.name,
        "van_ban_thuc_hien": document_reference(report),
        "nam": report.year,
        "nam_sau": report.year + 1,
    }


def _appendices(
    doc: Decree30Document, report: PlanReport, issuer: Issuer, user: AnyUser | None
) -> None:
    """Biểu số 01 … 04 (``appendices``), each on a landscape page, "kèm theo" this report."""
    evaluation = PlanEvaluation(
        report.plan, report.year, report.unit, [row.result for row in report.rows]
    )
    tables = appendix_tables(
        plan=report.plan,
        year=report.year,
        issuer_date=report.date,
        unit=report.unit,
        evaluation=evaluation,
        subtitle=appendix_note(issuer),
        user=user,
    )
    appendices_add_to_docx(doc, tables)


def report_docx(report: PlanReport, user: AnyUser | None = None) -> bytes:
    """The report (portrait: the province's template around sections I–IV) and its appendices
    Biểu số 01 … 04 (landscape) as a .docx."""
    issuer = report_issuer(report)
    body = Decree30Document()
    annual_sections(body, report)
    doc = template.compose("report", template_context(report, issuer), body)
    _appendices(doc, report, issuer, user)
    _properties(doc, report, issuer)
    return doc.to_bytes()
