"""The body of the annual report as provinces write it ("Báo cáo tình hình thực hiện kế hoạch
phát triển kinh tế - xã hội năm N và kế hoạch năm N+1"), and its five-year and master-plan
variants: the opening "Thực hiện …", I. results (counts, table, charts, main figures by group, the
targets not met and why, the outlook of the multi-year targets), II. shortcomings, causes and
lessons, III. tasks and solutions for N+1, IV. proposals, and the closing sentence."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from kehoach.documents.decree30 import Decree30Document
from kehoach.plans.models import PlanKind
from kehoach.plans.wording import target_wording

from . import charts
from .content import PlanReport
from .issuer import Issuer
from .sentences import counts_sentence
from .sources import no_text_note

KTXH = "kế hoạch phát triển kinh tế - xã hội"
KINDS = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "CTr": "Chương trình",
    "CT": "Chỉ thị",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
}
COUNT_STATUSES = ("exceeded", "met", "not_met", "no_data", "not_due")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def subject(report: PlanReport) -> str:
    """The trích yếu by the plan's kind (annual, five-year, master plan)."""
    plan, year = report.plan, report.year
    about = {"n": year, "m": year + 1, "s": plan.start_year, "e": plan.end_year}
    if plan.kind == PlanKind.ANNUAL and KTXH in plan.name.lower():
        text = (
            _(
                "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm %(n)s và kế "
                "hoạch năm %(m)s"
            )
            % about
        )
    elif plan.kind == PlanKind.FIVE_YEAR and year == plan.end_year:
        text = (
            _(
                "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm %(n)s, kết quả "
                "thực hiện kế hoạch 5 năm %(s)s-%(e)s và kế hoạch năm %(m)s"
            )
            % about
        )
    elif plan.kind == PlanKind.FIVE_YEAR:
        text = (
            _(
                "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội 5 năm %(s)s-%(e)s "
                "đến năm %(n)s và nhiệm vụ năm %(m)s"
            )
            % about
        )
    else:
        text = _("Tình hình thực hiện %(p)s năm %(n)s và nhiệm vụ năm %(m)s") % {
            **about,
            "p": _lower_first(plan.name),
        }
    if report.unit is not None and report.unit != report.plan.unit:
        text += _(" trên địa bàn, lĩnh vực của %(u)s") % {"u": report.unit.name}
    return text


def document_reference(report: PlanReport) -> str:
    """``Kế hoạch số 56/KH-UBND ngày 29/01/2024 của … về …`` or the plan's name."""
    plan = report.plan
    if not plan.document:
        return plan.name
    symbol = plan.document.split("/", 1)[-1].split("-", 1)[0]
    kind = KINDS.get(symbol, _("Văn bản"))
    text = _("%(k)s số %(d)s") % {"k": kind, "d": plan.document}
    if plan.document_date:
        text += _(" ngày %(d)s") % {"d": plan.document_date.strftime("%d/%m/%Y")}
    if plan.issuer:
        text += _(" của %(i)s") % {"i": plan.issuer}
    name = plan.name
    if name.lower().startswith(kind.lower() + " "):
        name = name[len(kind) + 1 :]
    return _("%(t)s về %(n)s") % {"t": text, "n": _lower_first(name)}


def opening(doc: Decree30Document, report: PlanReport, issuer: Issuer) -> None:
    """``Thực hiện …, Ủy ban nhân dân tỉnh … báo cáo … như sau:`` (a report answers the plan it
    implements; the ``Căn cứ`` lines belong to decisions and plans)."""
    doc.paragraph(
        _(
            "Thực hiện %(r)s; trên cơ sở báo cáo của các cơ quan, đơn vị, %(i)s báo cáo "
            "%(s)s như sau:"
        )
        % {"r": document_reference(report), "i": issuer.name, "s": _lower_first(subject(report))}
    )


def _picture(doc: Decree30Document, png: bytes | None, caption: str) -> None:
    if png is None:
        return
    doc.document.add_picture(io.BytesIO(png), width=Cm(13))
    picture = doc.document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.space_before = Pt(6)
    picture.paragraph_format.keep_with_next = True
    doc.paragraph(caption, italic=True, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)


def _counts_table(doc: Decree30Document, report: PlanReport) -> None:
    header = [
        _("Nhóm chỉ tiêu"),
        _("Tổng số"),
        _("Vượt"),
        _("Đạt"),
        _("Không đạt"),
        _("Chưa có số liệu"),
        _("Chưa đến kỳ"),
    ]
    rows = []
    for group in report.groups:
        block = report.counts["by_group"][group.key]
        rows.append([group.label, block["total"], *[block[s] for s in COUNT_STATUSES]])
    counts = report.counts
    rows.append([_("Tổng số"), counts["total"], *[counts[s] for s in COUNT_STATUSES]])
    doc.paragraph(
        _("Bảng 1. Kết quả đánh giá các chỉ tiêu theo nhóm năm %(y)s") % {"y": report.year},
        italic=True,
        indent=False,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    ).paragraph_format.keep_with_next = True
    doc.table(
        header,
        rows,
        widths_cm=(5.4, 1.8, 1.5, 1.5, 1.9, 1.9, 1.9),
        numeric=range(1, 7),
        decimals=0,
        bold_rows=[len(rows) - 1],
        centred=(),
    )


def results(doc: Decree30Document, report: PlanReport) -> None:
    doc.heading(_("I. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH NĂM %(y)s") % {"y": report.year})
    doc.heading(_("1. Đánh giá chung"), level=2)
    counts = report.year_counts or report.counts
    doc.paragraph(
        _("Trong tổng số %(n)s chỉ tiêu chủ yếu của kế hoạch được đánh giá năm %(y)s, có %(c)s.")
        % {"n": report.counts["total"], "y": report.year, "c": counts_sentence(counts)}
    )
    if report.from_estimate:
        doc.paragraph(
            _(
                "Trong đó %(n)s chỉ tiêu được đánh giá theo số ước thực hiện, sẽ được "
                "đánh giá lại khi có số liệu chính thức."
            )
            % {"n": report.from_estimate}
        )
    if report.overridden:
        doc.paragraph(
            _(
                "Có %(n)s chỉ tiêu được cơ quan kế hoạch điều chỉnh kết quả đánh giá so "
                "với kết quả tính toán; lý do được nêu tại từng chỉ tiêu."
            )
            % {"n": report.overridden}
        )
    _counts_table(doc, report)
    _picture(
        doc,
        charts.status_chart(report),
        _("Hình 1. Số chỉ tiêu theo kết quả đánh giá và nhóm chỉ tiêu năm %(y)s")
        % {"y": report.year},
    )
    _groups(doc, report)
    _not_met(doc, report, number=len(report.groups) + 2)
    _outlook(doc, report, number=len(report.groups) + 3)


def _groups(doc: Decree30Document, report: PlanReport) -> None:
    for number, group in enumerate(report.groups, start=2):
        doc.heading(_("%(n)s. Về %(g)s") % {"n": number, "g": group.label.lower()}, level=2)
        doc.paragraph(
            _("Nhóm chỉ tiêu %(g)s: %(c)s.")
            % {"g": group.label.lower(), "c": counts_sentence(report.counts["by_group"][group.key])}
        )
        for row in group.rows:
            doc.paragraph(f"- {row.sentence}")
    _picture(
        doc,
        charts.percent_chart(report),
        _(
            "Hình 2. Mức thực hiện so với kế hoạch năm %(y)s của các chỉ tiêu được đánh giá "
            "(100%% = kế hoạch)"
        )
        % {"y": report.year},
    )


def _not_met(doc: Decree30Document, report: PlanReport, *, number: int) -> None:
    doc.heading(_("%(n)s. Các chỉ tiêu không đạt kế hoạch và nguyên nhân") % {"n": number}, level=2)
    if not report.not_met:
        doc.paragraph(_("Năm %(y)s không có chỉ tiêu nào không đạt kế hoạch.") % {"y": report.year})
        return
    doc.paragraph(
        _("Năm %(y)s có %(n)s chỉ tiêu không đạt kế hoạch:")
        % {"y": report.year, "n": len(report.not_met)}
    )
    for item in report.not_met:
        doc.paragraph(f"- {item.row.sentence}")
        if item.explanations:
            doc.paragraph(
                _("Nguyên nhân (theo giải trình): %(e)s")
                % {"e": "; ".join(e.rstrip(".;") for e in item.explanations) + "."},
                italic=True,
            )
        else:
            doc.paragraph(
                _("Đơn vị chịu trách nhiệm chưa gửi giải trình nguyên nhân."), italic=True
            )


def _outlook(doc: Decree30Document, report: PlanReport, *, number: int) -> None:
    if report.plan.kind == PlanKind.ANNUAL and not report.outlook:
        return
    doc.heading(
        _("%(n)s. Khả năng hoàn thành các chỉ tiêu của kế hoạch nhiều năm") % {"n": number}, level=2
    )
    if not report.outlook:
        doc.paragraph(
            _(
                "Theo tốc độ thực hiện đến nay, chưa có chỉ tiêu nhiều năm nào được đánh "
                "giá là cần tăng tốc, tiến triển chậm hoặc đi lùi."
            )
        )
        return
    doc.paragraph(
        _(
            "Theo tốc độ thực hiện đến nay, %(n)s chỉ tiêu cần được tập trung chỉ đạo để "
            "đạt mục tiêu của kế hoạch:"
        )
        % {"n": len(report.outlook)}
    )
    for sentence in report.outlook:
        doc.paragraph(f"- {sentence}")


def _text(doc: Decree30Document, text: str) -> None:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        doc.paragraph(no_text_note(), italic=True)
    for line in lines:
        doc.paragraph(line)


def shortcomings(doc: Decree30Document, report: PlanReport) -> None:
    doc.heading(_("II. TỒN TẠI, HẠN CHẾ, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM"))
    for title, key in (
        (_("1. Tồn tại, hạn chế"), "shortcomings"),
        (_("2. Nguyên nhân"), "causes"),
        (_("3. Bài học kinh nghiệm"), "lessons"),
    ):
        doc.heading(title, level=2)
        _text(doc, report.sections.get(key, ""))


def next_year(doc: Decree30Document, report: PlanReport) -> None:
    year = report.year + 1
    doc.heading(_("III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU NĂM %(y)s") % {"y": year})
    coming = report.next
    number = 1
    if coming is not None and coming.plan is not None and coming.targets:
        doc.heading(_("%(n)s. Các chỉ tiêu chủ yếu năm %(y)s") % {"n": number, "y": year}, level=2)
        doc.paragraph(
            _("Theo %(p)s, năm %(y)s phấn đấu đạt %(c)s chỉ tiêu chủ yếu:")
            % {"p": _lower_first(coming.plan.name), "y": year, "c": len(coming.targets)}
        )
        for target in coming.targets:
            doc.paragraph(f"- {target.indicator.name_vi}: {target_wording(target)};")
        number += 1
    if coming is not None and coming.tasks:
        doc.heading(
            _("%(n)s. Nhiệm vụ trọng tâm theo chương trình hành động") % {"n": number}, level=2
        )
        for task in coming.tasks:
            lead = task.lead_unit.name if task.lead_unit else ""
            details = "; ".join(
                x
                for x in (_("chủ trì: %(u)s") % {"u": lead} if lead else "", task.deadline_text)
                if x
            )
            doc.paragraph(f"- {task.text.rstrip('.;')}" + (f" ({details})." if details else "."))
        number += 1
    doc.heading(_("%(n)s. Giải pháp") % {"n": number}, level=2)
    _text(doc, report.sections.get("solutions", ""))


def proposals(doc: Decree30Document, report: PlanReport) -> None:
    doc.heading(_("IV. KIẾN NGHỊ, ĐỀ XUẤT"))
    _text(doc, report.sections.get("proposals", ""))


def closing(doc: Decree30Document, report: PlanReport, issuer: Issuer) -> None:
    paragraph = doc.paragraph(
        _(
            "Trên đây là báo cáo %(s)s của %(i)s. Chi tiết kết quả thực hiện "
            "từng chỉ tiêu tại Phụ lục kèm theo."
        )
        % {"s": _lower_first(subject(report)), "i": issuer.name}
    )
    doc.end_text()
    paragraph.paragraph_format.keep_with_next = True  # with the signature block, never alone


def annual_sections(doc: Decree30Document, report: PlanReport) -> None:
    """Sections I–IV (what the template's ``{{p noi_dung }}`` receives)."""
    results(doc, report)
    shortcomings(doc, report)
    next_year(doc, report)
    proposals(doc, report)


def annual_body(doc: Decree30Document, report: PlanReport, issuer: Issuer) -> None:
    opening(doc, report, issuer)
    annual_sections(doc, report)
    closing(doc, report, issuer)
