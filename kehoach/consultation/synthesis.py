"""The synthesis table "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý" as .docx and .xlsx."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.consultation.models import Comment, Consultation
from kehoach.consultation.selectors import consultation_counts, synthesis_comments
from kehoach.documents import xlsx
from kehoach.documents.decree30 import Decree30Document, Heading

TITLE = "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý"


@dataclass(frozen=True)
class SynthesisRow:
    number: int
    section: str
    author: str
    comment: str
    kind: str
    explanation: str


def headers() -> list[str]:
    return [_("STT"), _("Mục của dự thảo"), _("Cơ quan, tổ chức, cá nhân góp ý"),
            _("Nội dung góp ý"), _("Tiếp thu / giải trình"), _("Nội dung tiếp thu, giải trình")]


def _author(comment: Comment) -> str:
    kind = comment.get_author_kind_display()
    return f"{comment.author_display}\n({kind})"


def synthesis_rows(*, consultation: Consultation) -> list[SynthesisRow]:
    rows = []
    for number, comment in enumerate(synthesis_comments(consultation=consultation), start=1):
        response = getattr(comment, "response", None)
        rows.append(SynthesisRow(
            number=number,
            section=comment.section.label if comment.section else _("Góp ý chung"),
            author=_author(comment),
            comment=comment.text,
            kind=response.get_kind_display() if response else _("Chưa trả lời"),
            explanation=response.text if response else "",
        ))
    return rows


def _heading(consultation: Consultation) -> Heading:
    plan_unit = consultation.plan.unit.name if consultation.plan else ""
    return Heading(
        parent_body=consultation.issuer_parent or "",
        body=consultation.issuer or plan_unit or _("Cơ quan chủ trì soạn thảo"),
        place=consultation.place,
        date=timezone.localdate(),
    )


def synthesis_docx(*, consultation: Consultation) -> bytes:
    """Decree 30 header and title on a portrait page, the table on a landscape page."""
    doc = Decree30Document()
    doc.header(_heading(consultation))
    doc.title(TITLE.upper(), _("Dự thảo: %(t)s") % {"t": consultation.title})
    counts = consultation_counts(consultation=consultation)
    rows = synthesis_rows(consultation=consultation)
    doc.paragraph(
        _("Thời gian lấy ý kiến: từ %(a)s đến %(b)s. Số ý kiến đã nhận: %(n)s (đã công khai: "
          "%(p)s; chờ kiểm duyệt: %(w)s); số ý kiến đã được tiếp thu, giải trình: %(r)s.")
        % {"a": timezone.localtime(consultation.opens_at).strftime("%d/%m/%Y"),
           "b": timezone.localtime(consultation.closes_at).strftime("%d/%m/%Y"),
           "n": counts.total, "p": len(rows), "w": counts.pending, "r": counts.answered})
    doc.paragraph(_("Chi tiết tại bảng tổng hợp kèm theo."))
    doc.end_text()
    doc.landscape_section()
    doc.table_title("", TITLE, subtitle=consultation.title)
    doc.table(headers(), [[r.number, r.section, r.author, r.comment, r.kind, r.explanation]
                          for r in rows],
              widths_cm=[1.2, 4.0, 4.5, 7.5, 2.8, 6.7], centred=(0, 4))
    return doc.to_bytes()


def synthesis_xlsx(*, consultation: Consultation) -> bytes:
    workbook, sheet = xlsx.new_workbook(_("Tổng hợp ý kiến"))
    rows = synthesis_rows(consultation=consultation)
    xlsx.write_table(
        sheet,
        title=TITLE.upper(),
        subtitle=consultation.title,
        header_rows=[headers()],
        rows=[[r.number, r.section, r.author, r.comment, r.kind, r.explanation] for r in rows],
        widths=[6, 28, 30, 60, 18, 50],
        decimals={0: 0},
        landscape=True,
    )
    _counts_sheet(workbook, consultation)
    return xlsx.to_bytes(workbook)


def _counts_sheet(workbook: Any, consultation: Consultation) -> None:
    """A second sheet: received comments by section and by kind of commenter."""
    counts = consultation_counts(consultation=consultation)
    sheet = workbook.create_sheet(_("Thống kê"))
    rows: list[list[Any]] = [["I", _("Theo mục của dự thảo"), None]]
    rows += [[n, label, count] for n, (label, count) in enumerate(counts.by_section, start=1)]
    rows.append(["II", _("Theo người góp ý"), None])
    rows += [[n, label, count] for n, (label, count) in enumerate(counts.by_kind, start=1)]
    rows.append(["", _("Tổng số ý kiến đã nhận (không kể ý kiến không công khai)"),
                 counts.total])
    bold = [0, len(counts.by_section) + 1, len(rows) - 1]
    xlsx.write_table(sheet, title=_("THỐNG KÊ Ý KIẾN GÓP Ý"), subtitle=consultation.title,
                     header_rows=[[_("STT"), _("Nội dung"), _("Số ý kiến")]], rows=rows,
                     widths=[6, 60, 14], decimals={0: 0, 2: 0}, bold_rows=bold)


def synthesis_filename(consultation: Consultation, ext: str) -> str:
    return f"tong-hop-y-kien-{consultation.slug}.{ext}"
