"""The synthesis table's letterhead, signature and Nơi nhận: what the office set
(``documents.signing.SigningOptions``) over the defaults a province's office would write."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.consultation.models import Consultation
from kehoach.documents.decree30 import Heading, Signature
from kehoach.documents.reports.issuer import body_symbol, committee_name
from kehoach.documents.signing import SigningOptions

COMMITTEE_PREFIXES = ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")


def issuer_body(consultation: Consultation) -> str:
    plan_unit = consultation.plan.unit.name if consultation.plan else ""
    return consultation.issuer or plan_unit or _("Cơ quan chủ trì soạn thảo")


def is_committee(consultation: Consultation) -> bool:
    return issuer_body(consultation).strip().lower().startswith(COMMITTEE_PREFIXES)


def issuer_symbol(consultation: Consultation) -> str:
    return "UBND" if is_committee(consultation) else body_symbol(issuer_body(consultation))


def number_line(consultation: Consultation, options: SigningOptions) -> str:
    return options.number_line(f"BC-{issuer_symbol(consultation)}")


def reference_line(consultation: Consultation, options: SigningOptions) -> str:
    """``Số: 12/BC-STC, ngày 05/01/2027`` (the .xlsx has no letterhead)."""
    day = options.date.strftime("%d/%m/%Y") if options.date else "…/…/……"
    return _("%(n)s, ngày %(d)s") % {"n": number_line(consultation, options), "d": day}


def heading(consultation: Consultation, options: SigningOptions) -> Heading:
    return Heading(
        parent_body=consultation.issuer_parent or "",
        body=issuer_body(consultation),
        number=number_line(consultation, options),
        place=consultation.place,
        date=options.date,
    )


def signature(consultation: Consultation, options: SigningOptions) -> Signature:
    if is_committee(consultation):
        authority, deputy, title = (_("TM. ỦY BAN NHÂN DÂN"), _("KT. CHỦ TỊCH"), _("PHÓ CHỦ TỊCH"))
    else:
        authority, deputy, title = "", _("KT. GIÁM ĐỐC"), _("PHÓ GIÁM ĐỐC")
    return options.signature(Signature(authority=authority, deputy=deputy, title=title))


def recipient_list(consultation: Consultation, options: SigningOptions) -> list[str]:
    """The recipients set, else: the body above (b/c), those who commented, the archive."""
    return options.recipient_list(usual_recipients(consultation))


def usual_recipients(consultation: Consultation) -> list[str]:
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
