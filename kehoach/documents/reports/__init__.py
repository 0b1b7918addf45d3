"""The plan report: "Báo cáo tình hình thực hiện các chỉ tiêu … năm Y" as .docx (Decree 30
format with a landscape appendix), .xlsx (the appendix and the counts by group) or .pdf (the
.docx converted by LibreOffice).

``report_render(evaluation=..., fmt="docx", date=...)`` → :class:`ReportFile`.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.text import slugify

from kehoach.core.constants import XLSX_CONTENT_TYPE
from kehoach.core.models import AnyUser
from kehoach.evaluation.services import PlanEvaluation

from .content import PlanReport, ReportGroup, ReportRow, report_content
from .options import ReportOptions
from .pdf import ConversionError, LibreOfficeMissing, docx_to_pdf

logger = logging.getLogger(__name__)

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": XLSX_CONTENT_TYPE,
    "pdf": "application/pdf",
}
#: The official report is written in Vietnamese whatever the user's language.
REPORT_LANGUAGE = "vi"


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    filename: str
    content_type: str


def report_filename(report: PlanReport, fmt: str) -> str:
    """``bao-cao-kh-thu-2024.docx`` (``…-so-a.docx`` for a unit)."""
    parts = ["bao-cao", slugify(report.plan.code) or "ke-hoach", str(report.year)]
    if report.unit is not None:
        parts.append(slugify(report.unit.code) or "don-vi")
    return "-".join(parts) + f".{fmt}"


def _no_progress(stage: str, percent: int) -> None:
    return None


def report_render(
    *,
    evaluation: PlanEvaluation,
    fmt: str,
    date: dt.date | None,
    options: ReportOptions | None = None,
    user: AnyUser | None = None,
    progress: Callable[[str, int], None] = _no_progress,
) -> ReportFile:
    """The report of ``evaluation`` as ``fmt`` (docx, xlsx, pdf), dated ``options.date`` (or
    ``date``), with the number, signer, recipients and section texts of ``options``.

    ``progress(stage, percent)`` is told how far it got (the background job shows it). Raises
    ``ValueError`` for an unknown format and :class:`ConversionError` (``LibreOfficeMissing``
    when LibreOffice is not installed) when the PDF cannot be made."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    from .excel import report_xlsx
    from .word import report_docx

    started = time.monotonic()
    options = options or ReportOptions(date=date)
    with translation.override(REPORT_LANGUAGE):
        progress("content", 20)
        report = report_content(
            evaluation, date=options.date, options=options, user=user, full=fmt != "xlsx"
        )
        progress("writing", 50)
        if fmt == "xlsx":
            content = report_xlsx(report, user)
        else:
            content = report_docx(report, user)
            if fmt == "pdf":
                progress("pdf", 70)
                content = docx_to_pdf(content)
    logger.info(
        "report %s %s (%s bytes) in %.1f s",
        report_filename(report, fmt),
        fmt,
        len(content),
        time.monotonic() - started,
    )
    return ReportFile(content, report_filename(report, fmt), FORMATS[fmt])


__all__ = [
    "FORMATS",
    "ConversionError",
    "LibreOfficeMissing",
    "PlanReport",
    "ReportOptions",
    "ReportFile",
    "ReportGroup",
    "ReportRow",
    "report_content",
    "report_filename",
    "report_render",
]
