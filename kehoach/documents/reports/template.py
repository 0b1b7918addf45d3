"""The Word templates (docxtpl) of the documents kehoach issues: letterhead, title, opening and
closing sentences, signature block and Nơi nhận, with the generated body put in where the
template says ``{{p noi_dung }}``.

Each kind (``KINDS``: the annual report, the consultation synthesis table, the draft plan, the
Quyết định giao chỉ tiêu, the action programme's attachments) has a
built-in template (``template_layouts``) and its fields; the planning office can download it,
change the wording in Word (keeping the ``{{ … }}`` fields it needs) and upload it back
(``documents.services.document_template_upload``), or go back to the built-in one.
:func:`compose` renders the one in use around a generated body.

Fields of the letterhead (plain text, already in capitals where the format wants them):
``co_quan_chu_quan``, ``co_quan_ban_hanh``, ``so_ky_hieu``, ``dia_danh_ngay``, ``ten_loai``;
of the signature block: ``tm``, ``kt``, ``chuc_vu``, ``nguoi_ky``, ``noi_nhan`` (a list);
``noi_dung`` is the body, as ``{{p noi_dung }}`` alone in its paragraph; the others are listed
per kind (``KINDS``)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from kehoach.core.text import xml_text
from kehoach.documents.decree30 import Decree30Document, Heading, Signature, date_line
from kehoach.documents.selectors import document_template_stored

from . import template_layouts

LETTERHEAD = ("co_quan_chu_quan", "co_quan_ban_hanh", "so_ky_hieu", "dia_danh_ngay", "ten_loai")
SIGNER = ("tm", "kt", "chuc_vu", "nguoi_ky", "noi_nhan", "noi_dung")


@dataclass(frozen=True)
class TemplateKind:
    """One kind of document: its fields, its built-in layout, sample values to try a template."""

    fields: tuple[str, ...]
    layout: Callable[[Decree30Document], None]
    sample: dict[str, Any]
    body: Any
    """What ``noi_dung`` holds (for the message when a template lost it); None: the kind has
    no generated body (a decision is all wording), its template needs no ``noi_dung``."""
    landscape: bool = False


_SAMPLE = {
    "co_quan_chu_quan": "",
    "co_quan_ban_hanh": "ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN",
    "so_ky_hieu": "Số:      /UBND",
    "dia_danh_ngay": "",  # set when used: today's date line
    "ten_loai": "BÁO CÁO",
    "trich_yeu": "Tình hình thực hiện kế hoạch năm 2025",
    "trich_yeu_thuong": "tình hình thực hiện kế hoạch năm 2025",
    "co_quan": "Ủy ban nhân dân tỉnh Thái Nguyên",
    "tm": "TM. ỦY BAN NHÂN DÂN",
    "kt": "KT. CHỦ TỊCH",
    "chuc_vu": "PHÓ CHỦ TỊCH",
    "nguoi_ky": "Nguyễn Văn A",
    "noi_nhan": ["Bộ Tài chính (b/c)", "Lưu: VT, TH"],
}

KINDS: dict[str, TemplateKind] = {
    "report": TemplateKind(
        fields=LETTERHEAD
        + ("trich_yeu", "trich_yeu_thuong", "co_quan", "van_ban_thuc_hien", "nam", "nam_sau")
        + SIGNER,
        layout=template_layouts.report,
        sample={"van_ban_thuc_hien": "Kế hoạch năm 2025", "nam": 2025, "nam_sau": 2026},
        body=gettext_lazy("nội dung báo cáo"),
    ),
    "synthesis": TemplateKind(
        fields=LETTERHEAD + ("du_thao", "co_quan") + SIGNER,
        layout=template_layouts.synthesis,
        sample={"du_thao": "Kế hoạch phát triển kinh tế - xã hội năm 2026"},
        body=gettext_lazy("phần tóm tắt ý kiến góp ý"),
    ),
    "plan_document": TemplateKind(
        fields=LETTERHEAD
        + ("du_thao", "trich_yeu", "trich_yeu_thuong", "co_quan", "can_cu", "nam")
        + SIGNER,
        layout=template_layouts.plan_document,
        sample={"du_thao": True, "can_cu": ["Căn cứ Kế hoạch 5 năm 2021-2025"], "nam": 2026},
        body=gettext_lazy("nội dung kế hoạch"),
    ),
    "assignment": TemplateKind(
        fields=LETTERHEAD
        + ("trich_yeu", "co_quan", "ke_hoach", "ke_hoach_thuong", "can_cu")
        + SIGNER[:-1],
        layout=template_layouts.assignment,
        sample={
            "ten_loai": "QUYẾT ĐỊNH",
            "ke_hoach": "Kế hoạch năm 2026",
            "ke_hoach_thuong": "kế hoạch năm 2026",
            "can_cu": ["Căn cứ Luật Tổ chức chính quyền địa phương"],
        },
        body=None,
    ),
    "programme": TemplateKind(
        fields=LETTERHEAD[:-1]
        + ("ten_phu_luc", "ke_hoach_thuong", "so_van_ban", "co_quan", "noi_dung"),
        layout=template_layouts.programme,
        sample={
            "ten_phu_luc": "DANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN KẾ HOẠCH",
            "ke_hoach_thuong": "chương trình hành động thực hiện Quy hoạch tỉnh",
            "so_van_ban": "56/KH-UBND",
        },
        body=gettext_lazy("các bảng của phụ lục"),
        landscape=True,
    ),
}


class TemplateUnusable(ValueError):
    """The template cannot be rendered; the message says why, in Vietnamese."""


def default_template(kind: str = "report") -> bytes:
    """The built-in template of ``kind`` (the Decree 30 layout the generator writes)."""
    doc = Decree30Document(landscape=KINDS[kind].landscape)
    KINDS[kind].layout(doc)
    return doc.to_bytes()


def template_in_use(kind: str) -> bytes:
    """The province's template of ``kind``, else the built-in one."""
    return document_template_stored(kind=kind) or default_template(kind)


def letterhead(
    heading: Heading, signature: Signature | None = None, recipients: Sequence[str] = ()
) -> dict[str, Any]:
    """The fields every kind has, from the document's heading, signer and recipients (a kind
    without a signature block: ``signature`` None)."""
    fields = {
        "co_quan_chu_quan": heading.parent_body.upper(),
        "co_quan_ban_hanh": heading.body.upper(),
        "so_ky_hieu": heading.number,
        "dia_danh_ngay": date_line(heading.place, heading.date) if heading.place else "",
    }
    if signature is None:
        return fields
    return fields | {
        "tm": signature.authority.upper(),
        "kt": signature.deputy.upper(),
        "chuc_vu": signature.title.upper(),
        "nguoi_ky": signature.name,
        "noi_nhan": [r.strip().lstrip("-").strip().rstrip(";.") for r in recipients if r.strip()],
    }


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def render(data: bytes, context: dict[str, Any], body: bytes | None) -> Any:
    """The python-docx Document of the template filled with ``context`` and the ``body``
    (.docx bytes). Raises :class:`TemplateUnusable` with the reason."""
    try:
        template = DocxTemplate(io.BytesIO(data))
        values = {k: _clean(v) for k, v in context.items()}
        values["noi_dung"] = template.new_subdoc(io.BytesIO(body)) if body else ""
        environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
        template.render(values, jinja_env=environment, autoescape=True)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = _(" (gần dòng %(n)s của phần văn bản)") % {"n": line} if line else ""
        raise TemplateUnusable(
            _("Mẫu có trường hoặc lệnh không hợp lệ%(w)s: %(e)s")
            % {"w": where, "e": exc.message or exc}
        ) from exc
    except Exception as exc:  # a broken .docx: zip, XML, missing parts
        raise TemplateUnusable(
            _("Không đọc được tệp mẫu Word (.docx): %(e)s") % {"e": str(exc)[:200]}
        ) from exc
    buffer = io.BytesIO()
    template.save(buffer)
    return Document(io.BytesIO(buffer.getvalue()))


def compose(
    kind: str, context: dict[str, Any], body: Decree30Document | None = None
) -> Decree30Document:
    """The template of ``kind`` in use, filled with ``context`` around ``body``, ready for the
    generator to add its landscape pages (appendices, tables) after it."""
    document = render(template_in_use(kind), context, body.to_bytes() if body else None)
    return Decree30Document.wrap(document)


def sample_context(kind: str = "report") -> dict[str, Any]:
    """Values to try a template of ``kind`` with before it is accepted."""
    values = {**_SAMPLE, **KINDS[kind].sample}
    values["dia_danh_ngay"] = date_line("Thái Nguyên", dt.date.today())
    return {k: v for k, v in values.items() if k in KINDS[kind].fields}


def check(data: bytes, kind: str = "report") -> None:
    """Accept a template only if it renders with sample values and still has the body field."""
    if not data.startswith(b"PK"):
        raise TemplateUnusable(_("Tệp không phải là tài liệu Word (.docx)."))
    marker = "NOI-DUNG-VAN-BAN-0f3a"
    body = Decree30Document()
    body.paragraph(marker)
    rendered = render(data, sample_context(kind), body.to_bytes())
    if KINDS[kind].body is None:
        return
    if not any(marker in p.text for p in rendered.paragraphs):
        raise TemplateUnusable(
            _("Mẫu phải giữ trường {{p noi_dung }} (một đoạn riêng) để chèn %(b)s.")
            % {"b": KINDS[kind].body}
        )
