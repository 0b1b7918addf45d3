"""What the planning office sets before a report is generated: số ký hiệu, date, signer,
recipients and the text of sections II–IV. Shared by the page, the API, the command and the
background job (``ReportOptions.as_json`` / ``from_json``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from kehoach.core.text import clean_text
from kehoach.documents.decree30 import Signature, number_symbol

from .issuer import Issuer
from .sources import SECTION_KEYS

MAX_RECIPIENTS = 30


def lines_of(text: str | None) -> list[str]:
    """Non-empty, cleaned lines of a textarea."""
    return [" ".join(line.split()) for line in clean_text(text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class ReportOptions:
    number: str = ""
    """``125`` (the issuer's symbol is added: ``Số: 125/BC-UBND``) or a whole ``125/BC-UBND``."""
    date: dt.date | None = None
    """The date printed on the report; None leaves ``ngày … tháng … năm`` blank to fill by hand."""
    signer_name: str = ""
    signer_title: str = ""
    """``PHÓ CHỦ TỊCH`` / ``CHỦ TỊCH``; empty: the issuer's default title."""
    signer_deputy: str | None = None
    """``KT. CHỦ TỊCH``; None: the issuer's default; empty: the head signs himself."""
    recipients: tuple[str, ...] = ()
    """Empty: the issuer's usual recipients."""
    sections: dict[str, str] = field(default_factory=dict)
    """Edited text of sections II–IV by key (``SECTION_KEYS``); a missing key: the default."""

    def number_line(self, issuer: Issuer) -> str:
        symbol = issuer.heading.number.rsplit("/", 1)[-1]
        text = self.number.strip().removeprefix("Số:").strip()
        if "/" in text:
            return f"Số: {text}"
        return number_symbol(text or None, symbol)

    def signature(self, issuer: Issuer) -> Signature:
        default = issuer.signature
        deputy = default.deputy if self.signer_deputy is None else self.signer_deputy
        title = self.signer_title or default.title
        if not deputy and title.upper() == default.title.upper() and default.deputy:
            title = default.deputy.removeprefix("KT.").strip()  # the head himself: "CHỦ TỊCH"
        return replace(default, deputy=deputy, title=title, name=self.signer_name or default.name)

    def recipient_list(self, issuer: Issuer) -> list[str]:
        return list(self.recipients) or list(issuer.recipients)

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "signer_name": self.signer_name,
            "signer_title": self.signer_title,
            "signer_deputy": self.signer_deputy,
            "recipients": list(self.recipients),
            "sections": {k: v for k, v in self.sections.items() if k in SECTION_KEYS},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ReportOptions:
        data = data or {}
        date = data.get("date")
        return cls(
            number=data.get("number") or "",
            date=dt.date.fromisoformat(date) if date else None,
            signer_name=data.get("signer_name") or "",
            signer_title=data.get("signer_title") or "",
            signer_deputy=data.get("signer_deputy"),
            recipients=tuple(data.get("recipients") or ()),
            sections={
                k: v
                for k, v in (data.get("sections") or {}).items()
                if k in SECTION_KEYS and isinstance(v, str)
            },
        )
