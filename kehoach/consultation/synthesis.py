"""The synthesis table "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý" as .docx and .xlsx.

The documents group the published comments by section of the draft (``I. <mục>`` rows, comments
numbered 1…N across the table; general comments last), carry the issuing body's số ký hiệu, the
date (never before the consultation closed: ``SynthesisOptionsForm``), the signer and Nơi nhận,
and count exactly the comments of the table in their statistics (``synthesis_counts``): comments
waiting for moderation are named apart, outside the totals.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.consultation.models import AuthorKind, Comment, CommentStatus, Consultation
from kehoach.consultation.selectors import section_flat, synthesis_comments
from kehoach.consultation.synthesis_options import (
    heading,
    issuer_body,
    recipient_list,
    reference_line,
    signature,
)
from kehoach.documents import xlsx
from kehoach.documents.decree30 import Decree30Document
from kehoach.documents.reports import template
from kehoach.documents.signing import SigningOptions

TITLE = "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True)
class SynthesisRow:
    number: int
    section: str
    author: str
    comment: str
    kind: str
    explanation: str
    author_kind: str = ""
    answered: bool = False


@dataclass
class SynthesisGroup:
    """The comments on one section of the draft (``label``: ``1. Kết quả``)."""

    number: str
    label: str
    rows: list[SynthesisRow] = field(default_factory=list)


@dataclass
class SynthesisCounts:
    """The table's comments counted by section and by kind of commenter."""

    total: int
    by_section: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    answered: int
    pending: int
    """Comments still waiting for moderation: not in the table, not in the totals."""


def headers() -> list[str]:
    return [
        _("STT"),
        _("Mục của dự thảo"),
        _("Cơ quan, tổ chức, cá nhân góp ý"),
        _("Nội dung góp ý"),
        _("Tiếp thu / giải trình"),
        _("Nội dung tiếp thu, giải trình"),
    ]


def document_headers() -> list[str]:
    """The grouped table: the section is the group row, not a column."""
    return [
        _("STT"),
        _("Cơ quan, tổ chức, cá nhân góp ý"),
        _("Nội dung góp ý"),
        _("Tiếp thu / giải trình"),
        _("Nội dung tiếp thu, giải trình"),
    ]


def _author(comment: Comment) -> str:
    kind = comment.get_author_kind_display()
    return f"{comment.author_display}\n({kind})"


def section_paths(*, consultation: Consultation) -> dict[int, str]:
    """Section id → its label under its parents: ``II. MỤC TIÊU › 1. Kết quả``."""
    paths: dict[int, str] = {}
    stack: list[str] = []
    for sec, depth in section_flat(consultation=consultation):
        del stack[depth:]
        stack.append(sec.label)
        paths[sec.pk] = " › ".join(stack)
    return paths


def synthesis_rows(*, consultation: Consultation) -> list[SynthesisRow]:
    rows = []
    paths = section_paths(consultation=consultation)
    for number, comment in enumerate(synthesis_comments(consultation=consultation), start=1):
        response = getattr(comment, "response", None)
        section = paths.get(comment.section_id or 0) or (
            comment.section.label if comment.section else _("Góp ý chung")
        )
        rows.append(
            SynthesisRow(
                number=number,
                section=section,
                author=_author(comment),
                comment=comment.text,
                kind=response.get_kind_display() if response else _("Chưa trả lời"),
                explanation=response.text if response else "",
                author_kind=comment.author_kind,
                answered=response is not None,
            )
        )
    return rows


def synthesis_groups(
    *, consultation: Consultation, rows: list[SynthesisRow] | None = None
) -> list[SynthesisGroup]:
    """The table's rows by section, in the draft's order (``rows`` are in that order)."""
    groups: list[SynthesisGroup] = []
    for row in rows if rows is not None else synthesis_rows(consultation=consultation):
        if not groups or groups[-1].label != row.section:
            number = ROMAN[len(groups)] if len(groups) < len(ROMAN) else str(len(groups) + 1)
            groups.append(SynthesisGroup(number, row.section))
        groups[-1].rows.append(row)
    return groups


def synthesis_counts(
    *, consultation: Consultation, rows: list[SynthesisRow] | None = None
) -> SynthesisCounts:
    """Counts of exactly the comments in the table."""
    rows = rows if rows is not None else synthesis_rows(consultation=consultation)
    per_kind = Counter(r.author_kind for r in rows)
    groups = synthesis_groups(consultation=consultation, rows=rows)
    return SynthesisCounts(
        total=len(rows),
        by_section=[(g.label, len(g.rows)) for g in groups],
        by_kind=[(str(label), per_kind[value]) for value, label in AuthorKind.choices],
        answered=sum(1 for r in rows if r.answered),
        pending=consultation.comments.filter(status=CommentStatus.PENDING).count(),
    )


def _summary(consultation: Consultation, counts: SynthesisCounts) -> str:
    text = _(
        "Thời gian lấy ý kiến: từ %(a)s đến %(b)s. Bảng tổng hợp gồm %(n)s ý kiến góp ý "
        "đã được công khai, trong đó %(r)s ý kiến đã được tiếp thu, giải trình."
    ) % {
        "a": timezone.localtime(consultation.opens_at).strftime("%d/%m/%Y"),
        "b": timezone.localtime(consultation.closes_at).strftime("%d/%m/%Y"),
        "n": counts.total,
        "r": counts.answered,
    }
    if counts.pending:
        text += " " + _("Còn %(w)s ý kiến chờ kiểm duyệt chưa đưa vào bảng.") % {
            "w": counts.pending
        }
    return text


def _table_rows(groups: list[SynthesisGroup]) -> tuple[list[list[Any]], list[int]]:
    rows: list[list[Any]] = []
    bold: list[int] = []
    for group in groups:
        bold.append(len(rows))
        rows.append([group.number, group.label, None, None, None])
        rows += [[r.number, r.author, r.comment, r.kind, r.explanation] for r in group.rows]
    return rows, bold


def synthesis_context(consultation: Consultation, options: SigningOptions) -> dict[str, Any]:
    """The values of the synthesis template's fields (``documents.reports.template``)."""
    return {
        **template.letterhead(
            heading(consultation, options),
            signature(consultation, options),
            recipient_list(consultation, options),
        ),
        "ten_loai": TITLE.upper(),
        "du_thao": consultation.title,
        "co_quan": issuer_body(consultation),
    }


def synthesis_docx(*, consultation: Consultation, options: SigningOptions | None = None) -> bytes:
    """The province's synthesis template (Decree 30 header, title, signature and Nơi nhận)
    around the summary and counts by section on a portrait page; the table grouped by section
    on a landscape page."""
    options = options or SigningOptions()
    rows = synthesis_rows(consultation=consultation)
    counts = synthesis_counts(consultation=consultation, rows=rows)
    body = Decree30Document()
    body.paragraph(_summary(consultation, counts))
    for label, count in counts.by_section:
        body.paragraph(_("- %(s)s: %(n)s ý kiến;") % {"s": label, "n": count})
    doc = template.compose("synthesis", synthesis_context(consultation, options), body)
    doc.landscape_section()
    doc.table_title("", TITLE, subtitle=consultation.title)
    table_rows, bold = _table_rows(synthesis_groups(consultation=consultation, rows=rows))
    table = doc.table(
        document_headers(),
        table_rows,
        widths_cm=[1.2, 5.0, 8.5, 3.0, 7.0],
        centred=(0, 3),
        bold_rows=bold,
    )
    for index in bold:
        cells = table.rows[index + 1].cells
        cells[1].merge(cells[-1])
    return doc.to_bytes()


def synthesis_xlsx(*, consultation: Consultation, options: SigningOptions | None = None) -> bytes:
    """The grouped table (with the document's number and date under its title) and the
    statistics sheet, both of the same comments."""
    options = options or SigningOptions()
    workbook, sheet = xlsx.new_workbook(_("Tổng hợp ý kiến"))
    rows = synthesis_rows(consultation=consultation)
    table_rows, bold = _table_rows(synthesis_groups(consultation=consultation, rows=rows))
    area = xlsx.write_table(
        sheet,
        label=reference_line(consultation, options),
        title=TITLE.upper(),
        subtitle=consultation.title,
        header_rows=[document_headers()],
        rows=table_rows,
        widths=[6, 30, 56, 16, 46],
        decimals={0: 0},
        bold_rows=bold,
        landscape=True,
    )
    for index in bold:
        line = area.first_row + index
        sheet.merge_cells(start_row=line, start_column=2, end_row=line, end_column=5)
    xlsx.fit_row_heights(sheet, area.first_row, area.last_row)
    _counts_sheet(workbook, consultation, synthesis_counts(consultation=consultation, rows=rows))
    return xlsx.to_bytes(workbook)


def _counts_sheet(workbook: Any, consultation: Consultation, counts: SynthesisCounts) -> None:
    """A second sheet: the table's comments by section and by kind of commenter."""
    sheet = workbook.create_sheet(_("Thống kê"))
    rows: list[list[Any]] = [["I", _("Theo mục của dự thảo"), None]]
    rows += [[n, label, count] for n, (label, count) in enumerate(counts.by_section, start=1)]
    rows.append(["II", _("Theo người góp ý"), None])
    rows += [[n, label, count] for n, (label, count) in enumerate(counts.by_kind, start=1)]
    rows.append(["", _("Tổng số ý kiến trong bảng tổng hợp"), counts.total])
    bold = [0, len(counts.by_section) + 1, len(rows) - 1]
    if counts.pending:
        rows.append(
            [
                "",
                _("Ý kiến chờ kiểm duyệt (chưa đưa vào bảng, không tính vào tổng)"),
                counts.pending,
            ]
        )
    xlsx.write_table(
        sheet,
        title=_("THỐNG KÊ Ý KIẾN GÓP Ý"),
        subtitle=consultation.title,
        header_rows=[[_("STT"), _("Nội dung"), _("Số ý kiến")]],
        rows=rows,
        widths=[6, 60, 14],
        decimals={0: 0, 2: 0},
        bold_rows=bold,
    )


def synthesis_filename(consultation: Consultation, ext: str) -> str:
    return f"tong-hop-y-kien-{consultation.slug}.{ext}"


__all__ = [
    "SigningOptions",
    "document_headers",
    "headers",
    "synthesis_counts",
    "synthesis_docx",
    "synthesis_filename",
    "synthesis_groups",
    "synthesis_rows",
    "synthesis_xlsx",
]
