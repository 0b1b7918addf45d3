"""The province's templates of its documents (``/van-ban/mau/``): download the one in use,
upload an edited one (refused with the reason if it does not render: the old one stays), go
back to the built-in one. Planning office and administrators only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kehoach.core import permissions
from kehoach.core.gate import role_required
from kehoach.core.http import content_disposition
from kehoach.documents.models import DocumentTemplate
from kehoach.documents.reports.template import KINDS, template_in_use
from kehoach.documents.services import document_template_reset, document_template_upload

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _kind(kind: str) -> str:
    if kind not in DocumentTemplate.Kind.values:
        raise Http404
    return kind


def template_file(kind: str) -> HttpResponse:
    response = HttpResponse(template_in_use(kind), content_type=DOCX)
    response["Content-Disposition"] = content_disposition(f"mau-{kind}.docx")
    return response


@role_required(permissions.is_manager)
@require_http_methods(["GET", "POST"])
def templates(request):
    """The list of document kinds with their template; POST uploads one."""
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        kind = _kind(request.POST.get("kind", ""))
        upload = request.FILES.get("file")
        if upload is None:
            errors.append(_("Hãy chọn tệp mẫu Word (.docx)."))
        else:
            try:
                document_template_upload(
                    kind=kind, data=upload.read(), filename=upload.name, actor=request.user
                )
            except ValidationError as exc:
                label = DocumentTemplate.Kind(kind).label
                errors.extend(f"{label}: {message}" for message in exc.messages)
            else:
                messages.success(
                    request, _("Đã dùng mẫu mới; các văn bản tạo từ nay theo mẫu này.")
                )
                return redirect("documents:templates")
        status = 400
    stored = {t.kind: t for t in DocumentTemplate.objects.select_related("uploaded_by")}
    kinds = [
        (value, label, stored.get(value), KINDS[value].fields, KINDS[value].body)
        for value, label in DocumentTemplate.Kind.choices
    ]
    return render(
        request,
        "documents/templates.html",
        {"kinds": kinds, "errors": errors, "body_field": "{{p noi_dung }}"},
        status=status,
    )


@role_required(permissions.is_manager)
@require_GET
def template_download(request, kind: str):
    return template_file(_kind(kind))


@role_required(permissions.is_manager)
@require_POST
def template_reset(request, kind: str):
    if document_template_reset(kind=_kind(kind), actor=request.user):
        messages.success(request, _("Đã trở về mẫu có sẵn của hệ thống."))
    return redirect("documents:templates")
