"""What the planning office sets before a report is generated: số ký hiệu, date, signer,
recipients (``documents.signing.SigningOptions``) and the text of sections II–IV. Shared by the
page, the API, the command and the background job (``ReportOptions.as_json`` / ``from_json``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kehoach.core.text import clean_text
from kehoach.documents.signing import SigningOptions

from .sources import SECTION_KEYS

MAX_RECIPIENTS = 30


def lines_of(text: str | None) -> list[str]:
    """Non-empty, cleaned lines of a textarea."""
    return [" ".join(line.split()) for line in clean_text(text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class ReportOptions(SigningOptions):
    """The signing options (``SigningOptions``) and the edited text of sections II–IV."""

    sections: dict[str, str] = field(default_factory=dict)
    """Edited text of sections II–IV by key (``SECTION_KEYS``); a missing key: the default."""

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
