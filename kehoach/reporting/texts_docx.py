"""Every unit's written part of a round, by section, as a Decree 30 .docx for reading offline:
one heading per section (``I.``, ``II.`` …), under it each unit's text (``1. Sở Y tế``), then the
province's compiled draft of the section if the planning office has started one."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.text import ascii_fold
from kehoach.documents.decree30 import Decree30Document, Heading
from kehoach.documents.reports.issuer import issuer_for
from kehoach.reporting.models import Round
from kehoach.reporting.selectors import (
    round_compiled_sections,
    round_section_texts,
    round_sections,
)
from kehoach.units.models import Unit

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _heading(unit: Unit | None) -> Heading:
    today = timezone.localdate()
    if unit is None:
        return Heading(body=_("Cơ quan kế hoạch"), date=today)
    issued = issuer_for(unit, date=today).heading
    return Heading(parent_body=issued.parent_body, body=issued.body, place=issued.place, date=today)


def round_texts_docx(*, round: Round, unit: Unit | None = None) -> bytes:
    """The .docx, headed by ``unit`` (the planning office of whoever downloads it); units that
    have not written a section are listed after its texts."""
    doc = Decree30Document()
    doc.header(_heading(unit))
    doc.title(_("Tổng hợp phần viết của các đơn vị"), round.title)
    compiled = round_compiled_sections(round=round)
    sections = list(round_sections(round=round))
    if not sections:
        doc.paragraph(_("Đợt này không yêu cầu phần viết."))
    for number, section in zip(ROMAN, sections, strict=False):
        doc.heading(f"{number}. {section.title.upper()}")
        entries = round_section_texts(section=section)
        written = [e for e in entries if e["paragraphs"]]
        for index, entry in enumerate(written, start=1):
            doc.heading(f"{index}. {entry['unit'].name}", level=2)
            for line in entry["paragraphs"]:
                doc.paragraph(line)
        missing = [e["unit"].name for e in entries if not e["paragraphs"]]
        if missing:
            doc.paragraph(_("Chưa viết: %(u)s.") % {"u": ", ".join(missing)}, italic=True)
        draft = compiled.get(section.key, {}).get("paragraphs") or []
        if draft:
            doc.heading(_("Dự thảo tổng hợp của tỉnh"), level=3)
            for paragraph in draft:
                sources = ", ".join(s["name"] for s in paragraph["sources"])
                line = paragraph["text"] + (f" ({sources})" if sources else "")
                doc.paragraph(line)
    doc.end_text()
    return doc.to_bytes()


def round_texts_filename(round: Round) -> str:
    return f"{ascii_fold(round.code).replace(' ', '-')}_phan-viet.docx"
