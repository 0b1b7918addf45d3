"""Services of the documents app: the province's templates of its documents.

Generating a report writes nothing but its background job (``documents.jobs``). A template is
accepted only if it renders (``reports.template.check``): otherwise the old one stays and the
reason is given in words."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core.services import audit_record
from kehoach.documents.models import DocumentTemplate
from kehoach.documents.reports.template import TemplateUnusable, check

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def document_template_upload(
    *, kind: str, data: bytes, filename: str, actor: Any
) -> DocumentTemplate:
    """Replace the template of ``kind`` (ValidationError, nothing changed, when it is unusable)."""
    if kind not in DocumentTemplate.Kind.values:
        raise ValidationError(_("Loại văn bản không có mẫu: %(k)s.") % {"k": kind}, code="kind")
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationError(_("Tệp mẫu quá lớn (tối đa 5 MB)."), code="size")
    try:
        check(data, kind)
    except TemplateUnusable as exc:
        raise ValidationError(str(exc), code="template") from exc
    with transaction.atomic():
        template, _created = DocumentTemplate.objects.update_or_create(
            kind=kind, defaults={"content": data, "filename": filename[:255], "uploaded_by": actor}
        )
        audit_record(
            actor=actor,
            action="document_template_upload",
            obj=template,
            summary=f"{kind}: {filename[:100]}",
        )
    return template


@transaction.atomic
def document_template_reset(*, kind: str, actor: Any) -> bool:
    """Back to the built-in template; True if a province template was removed."""
    deleted, _rows = DocumentTemplate.objects.filter(kind=kind).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="document_template_reset",
            object_type="documenttemplate",
            object_id=kind,
            summary=kind,
        )
    return bool(deleted)
