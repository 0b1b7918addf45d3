"""The report as a Word document in the Decree 30 format, with its landscape appendix."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kehoach.documents.decree30 import Decree30Document, vn_number

from .content import PlanReport, ReportRow
from .issuer import Issuer, issuer_for
from .sentences import counts_sentence

APPENDIX_WIDTHS_CM = (1.1, 5.0, 1.7, 3.8, 2.2, 2.4, 1.9, 2.2, 4.4)
_KINDS = {"KH": "Kế hoạch", "QĐ": "Quyết định", "NQ": "Nghị quyết", "CTr": "Chương trình",
          "CT": "Chỉ thị", "BC": "Báo cáo", "TTr": "Tờ trình"}


def subject(report: PlanReport) -> str:
    text = _("Tình hình thực hiện các chỉ tiêu năm %(y)s của %(p)s") % {
        "y": report.year, "p": report.plan.name}
    if report.unit is not None and report.unit != report.plan.unit:
        text += _(" trên địa bàn, lĩnh vực của %(u)s") % {"u": report.unit.name}
    return text


def appendix_title(year: int) -> str:
    return _("Kết quả thực hiện các chỉ tiêu chủ yếu năm %(y)s") % {"y": year}


def appendix_note(issuer: Issuer) -> str:
    """``(Kèm theo Báo cáo số      /BC-UBND ngày … của …)``."""
    number = issuer.heading.number.removeprefix("Số:").rstrip()
    return _("(Kèm theo Báo cáo số%(n)s ngày      tháng      năm      của %(b)s)") % {
        "n": number, "b": issuer.name}


def basis_lines(report: PlanReport) -> list[str]:
    """Căn cứ the plan's document (``Căn cứ Kế hoạch số 56/KH-UBND ngày 29/01/2024 …``)."""
    plan = report.plan
    lines = []
    if plan.document:
        symbol = plan.document.split("/", 1)[-1].split("-", 1)[0]
        kind = _KINDS.get(symbol, _("Văn bản"))
        text = _("Căn cứ %(k)s số %(d)s") % {"k": kind, "d": plan.document}
        if plan.document_date:
            text += _(" ngày %(d)s") % {"d": plan.document_date.strftime("%d/%m/%Y")}
        if plan.issuer:
            text += _(" của %(i)s") % {"i": plan.issuer}
        name = plan.name
        if name.lower().startswith(kind.lower() + " "):
            name = name[len(kind) + 1:]
        lines.append(_("%(t)s về %(n)s") % {"t": text, "n": name})
    else:
        lines.append(_("Căn cứ %(n)s giai đoạn %(a)s-%(b)s") % {
            "n": plan.name, "a": plan.start_year, "b": plan.end_year})
    lines.append(_("Căn cứ số liệu thực hiện năm %(y)s do các cơ quan, đơn vị báo cáo") % {
        "y": report.year})
    return lines


def _overview(doc: Decree30Document, report: PlanReport) -> None:
    counts = report.counts
    doc.heading(_("1. Kết quả chung"), level=2)
    doc.paragraph(_("Trong tổng số %(n)s chỉ tiêu chủ yếu được đánh giá, năm %(y)s có %(c)s.") % {
        "n": counts["total"], "y": report.year, "c": counts_sentence(counts)})
    if report.from_estimate:
        doc.paragraph(_("Trong đó %(n)s chỉ tiêu được đánh giá theo số ước thực hiện, sẽ được "
                        "đánh giá lại khi có số liệu chính thức.") % {"n": report.from_estimate})
    if report.overridden:
        doc.paragraph(_("Có %(n)s chỉ tiêu được cơ quan kế hoạch điều chỉnh kết quả đánh giá "
                        "so với kết quả tính toán; lý do được nêu tại từng chỉ tiêu.") % {
            "n": report.overridden})
    for group in report.groups:
        block = counts["by_group"][group.key]
        doc.paragraph(_("- Nhóm chỉ tiêu %(g)s: %(c)s.") % {
            "g": group.label.lower(), "c": counts_sentence(block)})


def _body(doc: Decree30Document, report: PlanReport) -> None:
    doc.heading(_("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM %(y)s") % {"y": report.year})
    _overview(doc, report)
    for number, group in enumerate(report.groups, start=2):
        doc.heading(_("%(n)s. Các chỉ tiêu về %(g)s") % {"n": number, "g": group.label.lower()},
                    level=2)
        for row in group.rows:
            doc.paragraph(f"- {row.sentence}")
    doc.heading(_("II. CÁC CHỈ TIÊU CỦA KẾ HOẠCH CÓ NGUY CƠ KHÔNG ĐẠT"))
    if report.at_risk:
        doc.paragraph(_("Theo tốc độ thực hiện đến nay, %(n)s chỉ tiêu cần được tập trung chỉ "
                        "đạo để đạt mục tiêu của kế hoạch:") % {"n": len(report.at_risk)})
        for sentence in report.at_risk:
            doc.paragraph(f"- {sentence}")
    else:
        doc.paragraph(_("Theo tốc độ thực hiện đến nay, chưa có chỉ tiêu nhiều năm nào được đánh "
                        "giá là cần tăng tốc, tiến triển chậm hoặc đi lùi."))
    doc.paragraph(_("Chi tiết kết quả thực hiện từng chỉ tiêu tại Phụ lục kèm theo."))
    doc.end_text()


def appendix_header(year: int) -> list[str]:
    return [_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Kế hoạch"),
            _("Thực hiện năm %(y)s") % {"y": year - 1},
            _("Thực hiện/ước thực hiện năm %(y)s") % {"y": year},
            _("% so kế hoạch"), _("So cùng kỳ"), _("Đánh giá")]


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
            current = vn_number(row.current) + (" " + _("(ước)") if row.current_estimate
                                                and row.current is not None else "")
            rows.append([row.number, row.name, row.measure, row.plan_text,
                         vn_number(row.previous), current,
                         "" if row.percent is None else f"{vn_number(row.percent)}%",
                         change_text(row), row.assessment])
    return rows, bold


def _appendix(doc: Decree30Document, report: PlanReport, issuer: Issuer) -> None:
    doc.landscape_section()
    doc.table_title(_("Phụ lục"), appendix_title(report.year), subtitle=appendix_note(issuer))
    rows, bold = _appendix_rows(report)
    table = doc.table(appendix_header(report.year), rows, widths_cm=APPENDIX_WIDTHS_CM,
                      right=(4, 5, 6, 7), centred=(0, 2), bold_rows=bold, size=11)
    for index in bold:
        cells = table.rows[index + 1].cells
        cells[1].merge(cells[-1])


def report_docx(report: PlanReport) -> bytes:
    """The report (portrait) and the appendix table (landscape) as a .docx."""
    issuer = issuer_for(report.reporting_unit, date=report.date)
    doc = Decree30Document()
    doc.header(issuer.heading)
    doc.title(_("BÁO CÁO"), subject(report))
    doc.basis(basis_lines(report))
    _body(doc, report)
    doc.signature(issuer.signature, recipients=issuer.recipients)
    _appendix(doc, report, issuer)
    return doc.to_bytes()

