"""What the planning office sets before the synthesis table is issued: số ký hiệu, date, signer
and Nơi nhận, with the defaults a province's office would write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.consultation.models import Consultation
from kehoach.documents.decree30 import Heading, Signature, number_symbol
from kehoach.documents.reports.issuer import body_symbol, committee_name

COMMITTEE_PREFIXES = ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")


@dataclass(frozen=True)
class SynthesisOptions:
    number: str = ""
    """``12`` (the issuer's symbol is added: ``Số: 12/BC-STC``) or a whole ``12/BC-STC``."""
    date: dt.date | None = None
    """None leaves ``ngày … tháng … năm`` blank to fill by hand."""
    signer_name: str = ""
    signer_title: str = ""
    """``PHÓ GIÁM ĐỐC``; empty: the issuer's usual deputy."""
    signer_on_behalf: str | None = None
    """``KT. GIÁM ĐỐC``; None: the usual one; empty: the head signs himself."""
    recipients: tuple[str, ...] = ()

    def number_line(self, consultation: Consultation) -> str:
        text = self.number.strip().removeprefix("Số:").strip()
        if "/" in text:
            return f"Số: {text}"
        return number_symbol(text or None, f"BC-{issuer_symbol(consultation)}")

    def reference_line(self, consultation: Consultation) -> str:
        """``Kèm theo văn bản Số: 12/BC-STC ngày 05/01/2027`` (the .xlsx has no letterhead)."""
        day = self.date.strftime("%d/%m/%Y") if self.date else "…/…/……"
        return _("%(n)s, ngày %(d)s") % {"n": self.number_line(consultation), "d": day}


def issuer_body(consultation: Consultation) -> str:
    plan_unit = consultation.plan.unit.name if consultation.plan else ""
    return consultation.issuer or plan_unit or _("Cơ quan chủ trì soạn thảo")


def is_committee(consultation: Consultation) -> bool:
    return issuer_body(consultation).strip().lower().startswith(COMMITTEE_PREFIXES)


def issuer_symbol(consultation: Consultation) -> str:
    return "UBND" if is_committee(consultation) else body_symbol(issuer_body(consultation))


def heading(consultation: Consultation, options: SynthesisOptions) -> Heading:
    return Heading(
        parent_body=consultation.issuer_parent or "",
        body=issuer_body(consultation),
        number=options.number_line(consultation),
        place=consultation.place,
        date=options.date,
    )


def signature(consultation: Consultation, options: SynthesisOptions) -> Signature:
    if is_committee(consultation):
        authority, deputy, title = (_("TM. ỦY BAN NHÂN DÂN"), _("KT. CHỦ TỊCH"), _("PHÓ CHỦ TỊCH"))
    else:
        authority, deputy, title = "", _("KT. GIÁM ĐỐC"), _("PHÓ GIÁM ĐỐC")
    if options.signer_on_behalf is not None:
        deputy = options.signer_on_behalf
    return Signature(
        authority=authority,
        deputy=deputy,
        title=options.signer_title or title,
        name=options.signer_name,
    )


def recipient_list(consultation: Consultation, options: SynthesisOptions) -> list[str]:
    """The recipients set, else: the body above (b/c), those who commented, the archive."""
    if options.recipients:
        return list(options.recipients)
    upper = committee_name(consultation.plan.unit) if consultation.plan else ""
    if is_committee(consultation) or not upper:
        upper = consultation.issuer_parent.strip() or _("Cơ quan cấp trên")
    return [
        _("%(b)s (b/c)") % {"b": upper},
        _("Các cơ quan, tổ chức, cá nhân đã góp ý"),
        _("Lưu: VT"),
    ]


def date_error(consultation: Consultation, day: dt.date | None) -> str:
    """The message refusing a date before the consultation closed ("" when the date is fine)."""
    closes = timezone.localtime(consultation.closes_at).date()
    if day is None or day >= closes:
        return ""
    return _(
        "Ngày của bảng tổng hợp (%(d)s) trước ngày kết thúc lấy ý kiến (%(c)s): chỉ ban "
        "hành bảng tổng hợp từ ngày %(c)s trở đi."
    ) % {"d": day.strftime("%d/%m/%Y"), "c": closes.strftime("%d/%m/%Y")}
