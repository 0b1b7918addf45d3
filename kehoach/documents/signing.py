"""What the office sets before a document is issued: số ký hiệu, date, signer and Nơi nhận.

One shape for every document the system issues (the report, ``ReportOptions``, adds the text
of its sections; the consultation's synthesis table uses it as it is), each part applied over
the issuing body's defaults."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kehoach.documents.decree30 import Signature, number_symbol


@dataclass(frozen=True)
class SigningOptions:
    number: str = ""
    """``125`` (the issuer's symbol is added: ``Số: 125/BC-UBND``) or a whole ``125/BC-UBND``."""
    date: dt.date | None = None
    """The date printed; None leaves ``ngày … tháng … năm`` blank to fill by hand."""
    signer_name: str = ""
    signer_title: str = ""
    """``PHÓ CHỦ TỊCH`` / ``PHÓ GIÁM ĐỐC``; empty: the issuer's default title."""
    signer_deputy: str | None = None
    """``KT. CHỦ TỊCH``; None: the issuer's default; empty: the head signs himself."""
    recipients: tuple[str, ...] = ()
    """Empty: the issuer's usual recipients."""

    def number_line(self, symbol: str) -> str:
        """``Số: 125/BC-UBND`` with the issuer's ``symbol`` unless the number carries its own."""
        text = self.number.strip().removeprefix("Số:").strip()
        if "/" in text:
            return f"Số: {text}"
        return number_symbol(text or None, symbol)

    def signature(self, default: Signature) -> Signature:
        """The issuer's ``default`` signature with the signer set; the head signing himself
        signs with the head's title (``CHỦ TỊCH``, not his deputy's)."""
        deputy = default.deputy if self.signer_deputy is None else self.signer_deputy
        title = self.signer_title or default.title
        if not deputy and title.upper() == default.title.upper() and default.deputy:
            title = default.deputy.removeprefix("KT.").strip()
        return replace(default, deputy=deputy, title=title, name=self.signer_name or default.name)

    def recipient_list(self, default: Iterable[str]) -> list[str]:
        return list(self.recipients) or list(default)
